package io.texium.scheduler.reports.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.platform.MemoryStore;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.problems.NotFoundException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Report names, who sees which report, and keeping the newest of a job's reports, on an in-memory store. */
class ReportsTest {

    static final Instant AT = Instant.parse("2026-11-29T10:15:30Z");
    static final String JOB = "6747a1c2e4b0a1b2c3d4e5f6";

    final MemoryStore store = new MemoryStore();
    final Reports cut = ReportsOn.store(store);

    @AfterEach
    void close() {
        store.close();
    }

    Reports.Report store(Instant at, String owner, String job, String text) {
        return cut.store(at, owner, job, ReportFormat.CSV, Map.of("rows", 1, "since", "s", "until", "u"),
                text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_name_holds_the_utc_second_and_the_end_of_the_job_id() {
        assertThat(Reports.name(AT, JOB, 0, ReportFormat.XLSX)).isEqualTo("report-20261129T101530Z-c3d4e5f6.xlsx");
        assertThat(Reports.name(AT, "My Job!", 2, ReportFormat.HTML)).isEqualTo("report-20261129T101530Z-myjob-2.html");
        assertThat(Reports.isName("report-20261129T101530Z-c3d4e5f6.xlsx")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"texium-20261128T090000Z.jsonl.gz", "report-20261129T101530Z-c3d4e5f6.exe",
            "../report-20261129T101530Z-c3d4e5f6.csv", "report-20261129T101530Z-C3D4E5F6.csv",
            "report-20261129T101530Z-c3d4e5f6.csv/x", ""})
    void anything_else_is_no_report_name(String name) {
        assertThat(Reports.isName(name)).isFalse();
        assertThat(cut.find(name, null)).isEmpty();
    }

    @Test
    void two_reports_of_a_job_in_one_second_get_two_names_and_keep_their_bytes() {
        var first = store(AT, "alice", JOB, "one");
        var second = store(AT, "alice", JOB, "two");
        assertThat(first.name()).isEqualTo("report-20261129T101530Z-c3d4e5f6.csv");
        assertThat(second.name()).isEqualTo("report-20261129T101530Z-c3d4e5f6-1.csv");
        var out = new ByteArrayOutputStream();
        cut.copy(second.name(), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("two");
        assertThat(second.size()).isEqualTo(3);
        assertThat(second.download()).isEqualTo("/api/scheduler/reports/" + second.name());
        assertThat(second.format()).isEqualTo("csv");
        assertThat(second.rows()).isEqualTo(1);
    }

    @Test
    void a_user_finds_and_lists_only_their_own_reports_an_administrator_all() {
        var alices = store(AT, "alice", JOB, "a");
        var bobs = store(AT.plusSeconds(1), "bob", "6747a1c2e4b0a1b2c3d4e5f7", "b");

        assertThat(cut.find(alices.name(), "alice")).isPresent();
        assertThat(cut.find(alices.name(), "bob")).isEmpty();
        assertThat(cut.find(alices.name(), null)).isPresent();
        assertThatThrownBy(() -> cut.require(alices.name(), "bob")).isInstanceOf(NotFoundException.class);

        assertThat(cut.list("alice", PageRequest.of(null, null)).items()).extracting(Reports.Report::name)
                .containsExactly(alices.name());
        var all = cut.list(null, PageRequest.of("1", "1"));
        assertThat(all.total()).isEqualTo(2);
        assertThat(all.items()).extracting(Reports.Report::name).containsExactly(bobs.name());
    }

    @Test
    void pruning_keeps_the_newest_reports_of_that_job_only() {
        for (int i = 0; i < 4; i++) {
            store(AT.plusSeconds(i), "alice", JOB, "r" + i);
        }
        var other = store(AT, "alice", "6747a1c2e4b0a1b2c3d4e5f7", "other");

        var deleted = cut.prune(JOB, 2);

        assertThat(deleted).containsExactlyInAnyOrder("report-20261129T101530Z-c3d4e5f6.csv",
                "report-20261129T101531Z-c3d4e5f6.csv");
        assertThat(cut.list(null, PageRequest.of(null, null)).items()).extracting(Reports.Report::name)
                .containsExactlyInAnyOrder("report-20261129T101532Z-c3d4e5f6.csv",
                        "report-20261129T101533Z-c3d4e5f6.csv", other.name());
    }
}
