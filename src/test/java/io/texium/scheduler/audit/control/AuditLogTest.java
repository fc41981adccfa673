package io.texium.scheduler.audit.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.audit.control.Auditable.Change;
import io.texium.scheduler.audit.entity.AuditEntry;
import io.texium.scheduler.platform.Fakes;
import io.texium.scheduler.platform.SettableClock;
import io.texium.scheduler.problems.UnavailableException;
import jakarta.enterprise.context.ContextNotActiveException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditLogTest {

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Nested
    class Diff {

        @Test
        void lists_only_what_changed_in_order() {
            var changes = Auditable.diff(map("name", "a", "hour", "9", "minute", "5", "cron", null),
                    map("name", "b", "hour", "9", "minute", null, "cron", null, "week", "1"));
            assertThat(changes).containsExactly(
                    Map.entry("name", new Change("a", "b")),
                    Map.entry("minute", new Change("5", null)),
                    Map.entry("week", new Change(null, "1")));
        }

        @Test
        void treats_a_missing_map_as_a_creation_or_a_deletion() {
            assertThat(Auditable.diff(null, map("name", "x", "description", null)))
                    .containsExactly(Map.entry("name", new Change(null, "x")));
            assertThat(Auditable.diff(map("name", "x"), null))
                    .containsExactly(Map.entry("name", new Change("x", null)));
            assertThat(Auditable.diff(null, null)).isEmpty();
        }

        @Test
        void compares_lists_and_maps_by_value() {
            assertThat(Auditable.diff(map("tags", List.of("a"), "kw", Map.of("k", 1L)),
                    map("tags", List.of("a"), "kw", new HashMap<>(Map.of("k", 1L))))).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({"password", "password_hash", "api_token", "client_secret", "Hash", "X-Auth-TOKEN"})
        void masks_secrets_but_still_shows_that_they_changed(String key) {
            assertThat(Auditable.diff(map(key, "old-value"), map(key, "new-value")))
                    .containsExactly(Map.entry(key, new Change("***", "***")));
        }

        @Test
        void a_secret_set_for_the_first_time_shows_null_before() {
            assertThat(Auditable.diff(null, map("password", "$pbkdf2$hash")))
                    .containsExactly(Map.entry("password", new Change(null, "***")));
        }

        @Test
        void an_unchanged_secret_is_not_listed() {
            assertThat(Auditable.diff(map("password", "h"), map("password", "h"))).isEmpty();
        }

        @Test
        void masks_secrets_nested_in_maps_and_lists() {
            var changes = Auditable.diff(map("pub_kwargs", map("url", "a", "db_password", "p1")),
                    map("pub_kwargs", map("url", "b", "db_password", "p2",
                            "nodes", List.of(map("host", "h", "token", "t")))));
            assertThat(changes.get("pub_kwargs")).isEqualTo(new Change(
                    map("url", "a", "db_password", "***"),
                    map("url", "b", "db_password", "***", "nodes", List.of(map("host", "h", "token", "***")))));
        }
    }

    @Test
    void writes_changes_as_old_and_new_and_masks_hand_built_secrets_too() {
        var changes = new LinkedHashMap<String, Change>();
        changes.put("name", new Change("a", null));
        changes.put("port", new Change(1, 2L));
        changes.put("secret", new Change("s1", "s2"));
        assertThat(AuditLog.toJson(changes)).isEqualTo(
                "{\"name\":{\"old\":\"a\",\"new\":null},\"port\":{\"old\":1,\"new\":2},\"secret\":{\"old\":\"***\",\"new\":\"***\"}}");
        assertThat(AuditLog.toJson(Map.of())).isEqualTo("{}");
    }

    @Nested
    class Observing {

        final List<AuditEntry> written = new ArrayList<>();
        final AuditLog log = new AuditLog();

        record Renamed(String targetId, Map<String, Change> changes) implements Auditable {
            public String event() {
                return "modified";
            }

            public String targetType() {
                return "job";
            }

            public String targetName() {
                return "nightly";
            }

            public String ownerId() {
                return "64b7f0c2a1b2c3d4e5f60002";
            }
        }

        Observing() {
            log.clock = new SettableClock(Instant.parse("2026-11-29T10:00:00Z"));
            log.repository = Fakes.of(AuditRepository.class, Map.of("insert", args -> {
                written.add((AuditEntry) args[0]);
                return args[0];
            }));
            log.caller = new Caller() {
                @Override
                public Actor actor() {
                    return new Actor("64b7f0c2a1b2c3d4e5f60001", "root");
                }
            };
        }

        @Test
        void writes_one_entry_per_event_with_the_actor_of_the_request_and_the_time_of_the_clock() {
            log.on(new Renamed("64b7f0c2a1b2c3d4e5f600aa", Map.of("name", new Change("a", "nightly"))));
            assertThat(written).singleElement().satisfies(entry -> {
                assertThat(entry.event()).isEqualTo("modified");
                assertThat(entry.actor()).isEqualTo("64b7f0c2a1b2c3d4e5f60001");
                assertThat(entry.actorName()).isEqualTo("root");
                assertThat(entry.time()).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
                assertThat(entry.jobId()).isEqualTo("64b7f0c2a1b2c3d4e5f600aa");
                assertThat(entry.changesJson()).isEqualTo("{\"name\":{\"old\":\"a\",\"new\":\"nightly\"}}");
            });
        }

        @Test
        void an_entry_that_cannot_be_written_refuses_the_change() {
            log.repository = Fakes.of(AuditRepository.class, Map.of("insert", args -> {
                throw new IllegalStateException("store away");
            }));
            assertThatThrownBy(() -> log.on(new Renamed("64b7f0c2a1b2c3d4e5f600aa", Map.of())))
                    .isInstanceOf(UnavailableException.class).hasMessageContaining("was not made");
        }

        @Test
        void outside_a_request_the_system_is_the_actor() {
            log.caller = new Caller() {
                @Override
                public Actor actor() {
                    throw new ContextNotActiveException("no request context on this thread");
                }
            };
            log.on(new Renamed("64b7f0c2a1b2c3d4e5f600aa", Map.of()));
            assertThat(written).singleElement().satisfies(entry -> {
                assertThat(entry.actor()).isEqualTo("system");
                assertThat(entry.actorName()).isEqualTo("system");
            });
        }

        @Test
        void refuses_an_event_name_the_log_does_not_know() {
            Auditable unknown = new Auditable() {
                public String event() {
                    return "exploded";
                }

                public String targetType() {
                    return "job";
                }

                public String targetId() {
                    return "x";
                }

                public String targetName() {
                    return "x";
                }

                public String ownerId() {
                    return "x";
                }
            };
            assertThatThrownBy(() -> log.on(unknown)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exploded");
            assertThat(written).isEmpty();
        }
    }
}
