package io.texium.scheduler.jobs.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.texium.scheduler.access.Caller;
import io.texium.scheduler.builtin.echo.EchoJob;
import io.texium.scheduler.cluster.control.ChangeFeed;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.Fakes;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.platform.RecordingEvent;
import io.texium.scheduler.platform.SettableClock;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.problems.InvalidRequestException;
import io.texium.scheduler.problems.PreconditionFailedException;
import io.texium.scheduler.problems.UnavailableException;
import io.texium.scheduler.schedule.CronSchedule;
import io.texium.scheduler.users.control.Users;
import io.texium.scheduler.users.entity.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The job service keeps the stored job and its timer in step, whichever of the two fails. */
class JobsTest {

    static final String OWNER = "64b7f0c2a1b2c3d4e5f60001";
    static final String EVERY_MINUTE = """
            {"name": "nightly", "job_class_string": "jobs.echo.EchoJob", "second": "0"}""";

    /** Timers as the EJB adapter would keep them, with a switch to make arming fail. */
    static final class Timers implements JobTimer {
        final Map<String, String> armed = new HashMap<>();
        boolean failing;

        @Override
        public void apply(Job job, CronSchedule schedule) {
            if (failing) {
                throw new IllegalStateException("timer service refused");
            }
            if (job.enabled() && !job.paused()) {
                armed.put(job.id(), job.name());
            } else {
                armed.remove(job.id());
            }
        }

        @Override
        public void cancel(String jobId) {
            armed.remove(jobId);
        }

        @Override
        public Map<String, Instant> nextTimeouts(Collection<String> jobIds) {
            return Map.of();
        }
    }

    final SettableClock clock = new SettableClock(Instant.parse("2026-11-29T10:00:00Z"));
    final Timers timers = new Timers();
    final List<String> announced = new ArrayList<>();
    final RecordingEvent<JobEvent> events = new RecordingEvent<>();
    boolean storeDown;
    MongoServer server;
    MongoClient client;
    MongoDatabase database;
    Jobs jobs;

    @BeforeEach
    void wire() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        database = client.getDatabase("texium");
        jobs = new Jobs();
        jobs.clock = clock;
        jobs.timers = timers;
        jobs.events = events;
        jobs.schedules = new JobSchedules();
        jobs.limits = new JobLimits(256, 100, 65536);
        jobs.notify = new JobNotify();
        jobs.notify.addresses = io.texium.scheduler.guard.OutboundAddresses.allowing(null);
        jobs.repository = Fakes.of(JobRepository.class, Map.of(
                "insert", args -> {
                    if (storeDown) {
                        throw new IllegalStateException("store away");
                    }
                    Job job = (Job) args[0];
                    var document = new Document("_id", new ObjectId(job.id()));
                    JobSnapshot.of(job).forEach(document::append);
                    collection().insertOne(document.append("version", job.version())
                            .append("created_at", java.util.Date.from(job.createdAt())));
                    return job;
                },
                "findById", args -> Optional.ofNullable(collection().find(Filters.eq("_id", new ObjectId((String) args[0]))).first())
                        .map(JobDocuments::job),
                "deleteById", args -> {
                    collection().deleteOne(Filters.eq("_id", new ObjectId((String) args[0])));
                    return null;
                }));
        jobs.mongo = new MongoStore() {
            @Override
            public MongoDatabase database() {
                return database;
            }
        };
        jobs.changes = new ChangeFeed() {
            @Override
            public void publish(String kind, String id) {
                announced.add(id);
            }
        };
        jobs.index = new JobIndex() {
            @Override
            void put(Job job) {
            }

            @Override
            void remove(String jobId) {
            }
        };
        jobs.catalog = new JobCatalog() {
            @Override
            public Optional<JobType> find(String jobClassString) {
                return Optional.of(JobCatalog.describe(EchoJob.class));
            }

            @Override
            public List<FieldProblem> problems(Job job) {
                return List.of();
            }
        };
        jobs.users = new Users() {
            @Override
            public Optional<User> findById(String userId) {
                return OWNER.equals(userId) ? Optional.of(new User().id(OWNER)) : Optional.empty();
            }
        };
        jobs.chains = new JobChains();
        jobs.chains.store = jobs.mongo;
        jobs.chains.users = jobs.users;
        jobs.quotas = new JobQuotas();
        jobs.quotas.maxJobsPerUser = 1000;
        jobs.quotas.queries = new JobQueries() {
            @Override
            public long count(String userId, Boolean enabled, Boolean paused) {
                return collection().countDocuments();
            }
        };
        jobs.caller = new Caller() {
            @Override
            public String id() {
                return OWNER;
            }

            @Override
            public boolean admin() {
                return false;
            }
        };
        jobs.quotas.caller = jobs.caller;
        jobs.quotas.clock = clock;
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    MongoCollection<Document> collection() {
        return database.getCollection(JobDocuments.COLLECTION);
    }

    List<String> stored() {
        return collection().find().map(d -> d.getObjectId("_id").toHexString()).into(new ArrayList<>());
    }

    Document storedDocument(String id) {
        return collection().find(Filters.eq("_id", new ObjectId(id))).first();
    }

    String storedName(String id) {
        return database.getCollection(JobDocuments.COLLECTION).find(Filters.eq("_id", new ObjectId(id))).first().getString("name");
    }

    @Test
    void a_new_job_is_stored_armed_announced_and_audited_before_it_is_written() {
        Job job = jobs.create(JobRequest.of(EVERY_MINUTE));
        assertThat(stored()).containsExactly(job.id());
        assertThat(timers.armed).containsEntry(job.id(), "nightly");
        assertThat(announced).containsExactly(job.id());
        assertThat(events.fired()).extracting(JobEvent::event).containsExactly("added");
        assertThat(job.nextRunTime()).isEqualTo(Instant.parse("2026-11-29T10:01:00Z"));
    }

    @Test
    void a_timer_that_cannot_be_armed_undoes_the_new_job() {
        timers.failing = true;
        assertThatThrownBy(() -> jobs.create(JobRequest.of(EVERY_MINUTE))).hasMessage("timer service refused");
        assertThat(stored()).isEmpty();
        assertThat(timers.armed).isEmpty();
        assertThat(announced).isEmpty();
    }

    @Test
    void a_failed_save_leaves_no_timer() {
        storeDown = true;
        assertThatThrownBy(() -> jobs.create(JobRequest.of(EVERY_MINUTE))).hasMessage("store away");
        assertThat(timers.armed).isEmpty();
        assertThat(announced).isEmpty();
    }

    @Test
    void a_change_the_audit_log_cannot_record_is_not_made() {
        Job job = jobs.create(JobRequest.of(EVERY_MINUTE));
        events.observedBy(e -> {
            throw new UnavailableException("the audit log cannot record this change now", null);
        });
        assertThatThrownBy(() -> jobs.create(JobRequest.of(EVERY_MINUTE))).isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> jobs.pause(job.id(), null)).isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> jobs.delete(job.id(), null)).isInstanceOf(UnavailableException.class);
        assertThat(stored()).containsExactly(job.id());
        assertThat(timers.armed).containsOnlyKeys(job.id());
        assertThat(database.getCollection(JobDocuments.COLLECTION).find().first().getBoolean("is_paused", false)).isFalse();
    }

    @Test
    void an_invalid_job_touches_neither_store_nor_timers() {
        assertThatThrownBy(() -> jobs.create(JobRequest.of("""
                {"name": "bad", "job_class_string": "jobs.echo.EchoJob", "second": "61"}""")))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(stored()).isEmpty();
        assertThat(timers.armed).isEmpty();
        assertThat(events.fired()).isEmpty();
    }

    @Test
    void a_timer_that_cannot_be_rearmed_undoes_the_change_and_keeps_the_old_timer() {
        Job job = jobs.create(JobRequest.of(EVERY_MINUTE));
        timers.failing = true;
        assertThatThrownBy(() -> jobs.update(job.id(), JobRequest.of("""
                {"name": "renamed", "second": "30"}"""), null)).hasMessage("timer service refused");
        assertThat(storedName(job.id())).isEqualTo("nightly");
        assertThat(timers.armed).containsEntry(job.id(), "nightly");
    }

    @Test
    void a_change_is_written_with_a_new_version_and_rearms_the_timer() {
        Job job = jobs.create(JobRequest.of(EVERY_MINUTE));
        jobs.update(job.id(), JobRequest.of("""
                {"name": "renamed"}"""), null);
        assertThat(storedName(job.id())).isEqualTo("renamed");
        assertThat(database.getCollection(JobDocuments.COLLECTION).find().first().get("version", Number.class).longValue())
                .isEqualTo(job.version() + 1);
        assertThat(timers.armed).containsEntry(job.id(), "renamed");
        assertThat(events.fired()).extracting(JobEvent::event).containsExactly("added", "modified");
        assertThat(events.fired().getLast().changes()).containsKey("name");
    }

    @Test
    void a_deleted_job_loses_its_timer() {
        Job job = jobs.create(JobRequest.of(EVERY_MINUTE));
        jobs.delete(job.id(), null);
        assertThat(stored()).isEmpty();
        assertThat(timers.armed).isEmpty();
        assertThat(events.fired()).extracting(JobEvent::event).containsExactly("added", "deleted");
    }

    @Test
    void a_change_writes_only_the_fields_it_changes_so_a_pause_landing_meanwhile_stays() {
        Job job = jobs.create(JobRequest.of(EVERY_MINUTE));
        JobRequest rename = JobRequest.of("""
                {"name": "renamed", "is_paused": false}""");
        // the pause lands between the rename's read and its write: the rename's audit event is the last moment before it writes
        events.observedBy(e -> {
            if (e.kind() == JobEvent.Kind.MODIFIED) {
                collection().updateOne(Filters.eq("_id", new ObjectId(job.id())),
                        com.mongodb.client.model.Updates.combine(com.mongodb.client.model.Updates.set("is_paused", true),
                                com.mongodb.client.model.Updates.inc("version", 1L)));
            }
        });
        Job renamed = jobs.update(job.id(), rename, null);
        assertThat(renamed.name()).isEqualTo("renamed");
        assertThat(renamed.paused()).isTrue();
        assertThat(storedDocument(job.id()).getBoolean("is_paused")).isTrue();
        assertThat(timers.armed).doesNotContainKey(job.id());
        assertThat(renamed.nextRunTime()).isNull();
    }

    @Test
    void if_match_with_the_current_version_writes_and_with_an_older_one_refuses() {
        Job job = jobs.create(JobRequest.of(EVERY_MINUTE));
        Job renamed = jobs.update(job.id(), JobRequest.of("""
                {"name": "renamed"}"""), job.version());
        assertThat(renamed.version()).isEqualTo(job.version() + 1);
        assertThatThrownBy(() -> jobs.update(job.id(), JobRequest.of("""
                {"name": "stale"}"""), job.version())).isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> jobs.pause(job.id(), job.version())).isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> jobs.delete(job.id(), job.version())).isInstanceOf(PreconditionFailedException.class);
        assertThat(storedName(job.id())).isEqualTo("renamed");
        assertThat(storedDocument(job.id()).getBoolean("is_paused")).isFalse();
        jobs.delete(job.id(), renamed.version());
        assertThat(stored()).isEmpty();
    }

    @Test
    void a_change_that_changes_nothing_keeps_every_field_but_raises_the_version() {
        Job job = jobs.create(JobRequest.of(EVERY_MINUTE));
        Job same = jobs.update(job.id(), JobRequest.of(EVERY_MINUTE), null);
        assertThat(same.version()).isEqualTo(job.version() + 1);
        assertThat(events.fired().getLast().changes()).isEmpty();
    }

    @Test
    void notify_is_stored_a_masked_webhook_sent_back_keeps_the_stored_one_the_audit_sees_it_masked_and_null_clears_it() {
        String hook = "https://hooks.slack.com/services/T000/B000/SECRETTOKEN";
        Job job = jobs.create(JobRequest.of("""
                {"name": "nightly", "job_class_string": "jobs.echo.EchoJob", "second": "0",
                 "notify": {"on": ["failed"], "emails": ["ops@example.com"], "webhooks": ["%s"]}}""".formatted(hook)));
        assertThat(storedDocument(job.id()).get("notify", Document.class).getList("webhooks", String.class)).containsExactly(hook);

        Job changed = jobs.update(job.id(), JobRequest.of("""
                {"notify": {"on": ["failed", "missed"], "emails": ["ops@example.com"], "webhooks": ["https://hooks.slack.com/***"]}}"""),
                null);
        assertThat(changed.notifySetting().on()).containsExactly("failed", "missed");
        assertThat(changed.notifySetting().webhooks()).containsExactly(hook);
        assertThat(events.fired().getLast().changes().get("notify").toString()).contains("hooks.slack.com/***")
                .doesNotContain("SECRETTOKEN");

        assertThat(jobs.update(job.id(), JobRequest.of("{\"notify\": null}"), null).notifySetting()).isNull();
        assertThat(storedDocument(job.id()).get("notify")).isNull();
    }

    @Test
    void a_notify_the_rules_refuse_is_a_400_naming_the_entry() {
        assertThatThrownBy(() -> jobs.create(JobRequest.of("""
                {"name": "nightly", "job_class_string": "jobs.echo.EchoJob", "second": "0",
                 "notify": {"on": ["failed"], "emails": ["ops@example.com", "nope"], "webhooks": ["http://10.0.0.1/x"]}}""")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldProblem::field)
                        .containsExactlyInAnyOrder("notify.emails[1]", "notify.webhooks[0]"));
        assertThat(stored()).isEmpty();
    }

    @Nested
    @DisplayName("run policy fields and chains")
    class Policies {

        static final String OTHER_OWNER = "64b7f0c2a1b2c3d4e5f60002";

        Job create(String name, String extra) {
            return jobs.create(JobRequest.of("""
                    {"name": "%s", "job_class_string": "jobs.echo.EchoJob", "second": "0"%s}""".formatted(name, extra)));
        }

        List<String> refused(Runnable change) {
            List<String> fields = new ArrayList<>();
            assertThatThrownBy(change::run).isInstanceOfSatisfying(InvalidRequestException.class,
                    e -> e.errors().forEach(p -> fields.add(p.field() + ": " + p.message())));
            return fields;
        }

        @Test
        void are_stored_as_sent_audited_as_changes_and_null_sets_one_back_to_its_default() {
            Job job = create("nightly", ", \"max_retries\": 3, \"retry_backoff\": 1.5, \"timeout_seconds\": 600");
            Document stored = storedDocument(job.id());
            assertThat(stored.get("max_retries", Number.class).intValue()).isEqualTo(3);
            assertThat(stored.get("retry_backoff", Number.class).doubleValue()).isEqualTo(1.5);
            assertThat(job.policy().timeoutSeconds()).isEqualTo(600L);
            assertThat(job.policy().retryDelaySeconds()).as("the default").isEqualTo(30L);

            Job changed = jobs.update(job.id(), JobRequest.of("""
                    {"max_retries": null, "coalesce": false, "timeout_seconds": 600}"""), null);
            assertThat(changed.maxRetries()).isNull();
            assertThat(changed.policy().maxRetries()).isZero();
            assertThat(storedDocument(job.id()).get("max_retries")).isNull();
            assertThat(storedDocument(job.id()).getBoolean("coalesce")).isFalse();
            assertThat(events.fired().getLast().changes()).containsOnlyKeys("max_retries", "coalesce");
            assertThat(events.fired().getLast().changes().get("max_retries"))
                    .isEqualTo(new io.texium.scheduler.audit.control.Auditable.Change(3, null));
        }

        @Test
        void out_of_range_values_are_a_400_naming_each_field() {
            assertThat(refused(() -> create("bad", """
                    , "max_retries": 101, "retry_delay_seconds": 0, "retry_backoff": 10.5, "timeout_seconds": 604801,
                     "max_instances": 0, "misfire_grace_seconds": -1, "coalesce": "yes\"""")))
                    .extracting(p -> p.substring(0, p.indexOf(':'))).containsExactlyInAnyOrder("max_retries",
                            "retry_delay_seconds", "retry_backoff", "timeout_seconds", "max_instances",
                            "misfire_grace_seconds", "coalesce");
            assertThat(stored()).isEmpty();
        }

        @Test
        void the_longest_retry_delay_may_not_be_shorter_than_the_first() {
            assertThat(refused(() -> create("bad", ", \"retry_delay_seconds\": 120, \"retry_max_delay_seconds\": 60")))
                    .containsExactly("retry_max_delay_seconds: must be at least retry_delay_seconds (120), the delay before the first retry");
            Job job = create("ok", ", \"retry_delay_seconds\": 120");
            assertThat(refused(() -> jobs.update(job.id(), JobRequest.of("{\"retry_max_delay_seconds\": 100}"), null)))
                    .singleElement().asString().startsWith("retry_max_delay_seconds:");
        }

        @Test
        void a_chain_names_only_jobs_the_owner_can_see_and_never_the_job_itself() {
            Job report = create("report", "");
            String othersJob = new ObjectId().toHexString();
            collection().insertOne(new Document("_id", new ObjectId(othersJob)).append("user_id", OTHER_OWNER).append("name", "theirs"));
            String unknown = new ObjectId().toHexString();
            assertThat(refused(() -> create("nightly", """
                    , "on_success": ["%s", "%s", "%s", "not-an-id"], "on_failure": ["%s", "%s"]"""
                    .formatted(report.id(), othersJob, unknown, report.id(), report.id()))))
                    .containsExactlyInAnyOrder(
                            "on_success[1]: '" + othersJob + "' is not a job the owner of this job can see",
                            "on_success[2]: '" + unknown + "' is not a job the owner of this job can see",
                            "on_success[3]: 'not-an-id' is not a job the owner of this job can see",
                            "on_failure[1]: names the same job as on_failure[0]");
            assertThat(refused(() -> jobs.update(report.id(), JobRequest.of("{\"on_failure\": [\"%s\"]}"
                    .formatted(report.id().toUpperCase())), null)))
                    .containsExactly("on_failure[0]: is this job itself; a job cannot chain to itself");
            Job nightly = create("nightly", ", \"on_success\": [\"%s\"]".formatted(report.id()));
            assertThat(nightly.policy().onSuccess()).containsExactly(report.id());
        }

        @Test
        void a_cycle_is_refused_naming_it() {
            Job nightly = create("nightly", "");
            Job report = create("report", ", \"on_success\": [\"%s\"]".formatted(nightly.id()));
            Job cleanup = create("cleanup", "");
            jobs.update(nightly.id(), JobRequest.of("{\"on_failure\": [\"%s\"]}".formatted(cleanup.id())), null);
            assertThat(refused(() -> jobs.update(cleanup.id(), JobRequest.of("{\"on_failure\": [\"%s\"]}"
                    .formatted(report.id())), null))).containsExactly("on_failure: would make a cycle: cleanup (%s) → report (%s) → nightly (%s) → cleanup (%s)"
                            .formatted(cleanup.id(), report.id(), nightly.id(), cleanup.id()));
            assertThat(storedDocument(cleanup.id()).get("on_failure")).isNull();
        }

        @Test
        void deleting_a_job_takes_it_out_of_every_chain_raising_their_versions() {
            Job report = create("report", "");
            Job other = create("other", "");
            Job nightly = create("nightly", ", \"on_success\": [\"%s\", \"%s\"], \"on_failure\": [\"%s\"]"
                    .formatted(report.id(), other.id(), report.id()));
            Job weekly = create("weekly", ", \"on_failure\": [\"%s\"]".formatted(report.id()));
            long nightlyVersion = storedDocument(nightly.id()).get("version", Number.class).longValue();
            announced.clear();

            jobs.delete(report.id(), null);

            Document n = storedDocument(nightly.id());
            assertThat(n.getList("on_success", String.class)).containsExactly(other.id());
            assertThat(n.getList("on_failure", String.class)).isEmpty();
            assertThat(n.get("version", Number.class).longValue()).isGreaterThan(nightlyVersion);
            assertThat(storedDocument(weekly.id()).getList("on_failure", String.class)).isEmpty();
            assertThat(storedDocument(other.id()).get("version", Number.class).longValue()).isEqualTo(other.version());
            assertThat(announced).containsExactlyInAnyOrder(report.id(), nightly.id(), weekly.id());
            assertThat(events.fired()).extracting(e -> e.event() + " " + e.job().name()).endsWith("deleted report",
                    "modified nightly", "modified weekly");
            assertThat(events.fired().getLast().changes()).containsOnlyKeys("on_failure");
            assertThat(JobDocuments.job(n).policy().onFailure()).isEmpty();
        }
    }
}
