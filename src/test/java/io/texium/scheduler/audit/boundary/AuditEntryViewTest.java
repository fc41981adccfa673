package io.texium.scheduler.audit.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.audit.entity.AuditEntry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEntryViewTest {

    @Test
    void shows_the_stored_changes_as_an_object() {
        var entry = new AuditEntry().id("e1").event("modified").targetType("job").targetId("j1").jobId("j1")
                .time(Instant.parse("2026-01-02T03:04:05Z"))
                .changesJson("{\"minute\":{\"old\":\"5\",\"new\":null},\"tags\":{\"old\":[\"a\"],\"new\":[]}}");
        var view = AuditEntryView.of(entry);
        Map<String, Object> minute = new HashMap<>();
        minute.put("old", "5");
        minute.put("new", null);
        assertThat(view.changes()).containsEntry("minute", minute)
                .containsEntry("tags", Map.of("old", List.of("a"), "new", List.of()));
        assertThat(view.jobId()).isEqualTo("j1");
    }

    @Test
    void shows_no_changes_rather_than_failing_on_damaged_json() {
        assertThat(AuditEntryView.changes(null)).isEmpty();
        assertThat(AuditEntryView.changes("{broken")).isEmpty();
        assertThat(AuditEntryView.changes("[1]")).isEmpty();
    }
}
