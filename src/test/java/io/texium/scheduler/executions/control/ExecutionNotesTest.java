package io.texium.scheduler.executions.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.executions.entity.NotificationAttempt;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Attempts to notify are appended to the execution in its bucket, and read back with it. */
class ExecutionNotesTest {

    static final Instant DUE = Instant.parse("2026-11-30T10:00:00Z");

    final ExecutionStore store = new ExecutionStore();
    final ExecutionNotes cut = new ExecutionNotes();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void appends_attempts_to_the_execution_and_keeps_earlier_ones() {
        cut.buckets = store.buckets;
        var x = ExecutionStore.finished("6b0c194b3f2b65e02e3b22d4", "u1", DUE, ExecutionStatus.failed);
        store.writes.record(List.of(x));
        var mail = new NotificationAttempt("email", "ops@example.com", true, null, DUE.plusSeconds(1));
        var hook = new NotificationAttempt("webhook", "https://hooks.example.com/***", false, "the webhook answered HTTP 500",
                DUE.plusSeconds(2));

        cut.add(x.id(), List.of(mail));
        cut.add(x.id(), List.of(hook));

        assertThat(store.all()).singleElement().satisfies(stored -> assertThat(stored.notifications()).containsExactly(mail, hook));
    }

    @Test
    void an_execution_without_attempts_shows_none() {
        cut.buckets = store.buckets;
        var x = ExecutionStore.finished("6b0c194b3f2b65e02e3b22d4", "u1", DUE, ExecutionStatus.succeeded);
        store.writes.record(List.of(x));
        cut.add(x.id(), List.of());
        assertThat(store.all()).singleElement().satisfies(stored -> assertThat(stored.notifications()).isNull());
    }
}
