package io.texium.scheduler.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.platform.Background;
import io.texium.scheduler.platform.SettableClock;
import io.texium.scheduler.platform.StoreAvailable;
import io.texium.scheduler.platform.StoreNotReady;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which migrations run, once, in order, on which instance, and what a failure leaves: instances on one store, a settable clock. */
class SchemaUpgradeTest {

    static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    final SettableClock clock = new SettableClock(T0);
    final SchemaStore store = new SchemaStore();
    final ScheduledExecutorService idle = Executors.newSingleThreadScheduledExecutor();
    /** Every step run on any instance, as "instance:version". */
    final List<String> ran = new ArrayList<>();

    @AfterEach
    void close() {
        idle.shutdownNow();
        store.close();
    }

    /** A step that notes its runs, fails its first {@code failures} runs, and may do something while it runs. */
    final class Step implements Migration {
        final String instance;
        final int version;
        int failures;
        Runnable meanwhile = () -> { };

        Step(String instance, int version) {
            this.instance = instance;
            this.version = version;
        }

        @Override
        public int version() {
            return version;
        }

        @Override
        public String description() {
            return "step " + version;
        }

        @Override
        public void apply() {
            ran.add(instance + ":" + version);
            meanwhile.run();
            if (failures > 0) {
                failures--;
                throw new IllegalStateException("step " + version + " broke");
            }
        }
    }

    /** One instance's upgrade, with steps 1..{@code latest} of its own; renewals are scheduled but never run. */
    final class Node {
        final String name;
        final Instances instance = new Instances();
        final SchemaUpgrade cut = new SchemaUpgrade();
        final List<Step> steps = new ArrayList<>();

        Node(String name, int latest) {
            this.name = name;
            for (int v = 1; v <= latest; v++) {
                steps.add(new Step(name, v));
            }
            cut.store = store.store;
            cut.instances = instance;
            cut.clock = clock;
            cut.background = new Background() {
                @Override
                public ScheduledFuture<?> every(Duration period, String what, Runnable task) {
                    return idle.schedule(task, 1, TimeUnit.DAYS);
                }
            };
            cut.plan = new MigrationPlan(steps.reversed());
        }

        Step step(int version) {
            return steps.get(version - 1);
        }

        void start() {
            cut.onStore(new StoreAvailable(true));
        }
    }

    Document record() {
        return store.schema().find(Filters.eq("_id", SchemaVersion.ID)).first();
    }

    int version() {
        return new SchemaVersion(store.db).current();
    }

    boolean leaseHeld() {
        return store.schema().countDocuments(Filters.eq("_id", MigrationLease.ID)) > 0;
    }

    @Test
    @DisplayName("a new store gets every step in version order, each recorded with its time and instance")
    void every_step_in_order() {
        var a = new Node("a", 3);
        a.start();
        assertThat(ran).containsExactly("a:1", "a:2", "a:3");
        assertThat(version()).isEqualTo(3);
        List<Document> applied = record().getList("applied", Document.class);
        assertThat(applied).extracting(d -> d.getInteger("version")).containsExactly(1, 2, 3);
        assertThat(applied).extracting(d -> d.getString("description")).containsExactly("step 1", "step 2", "step 3");
        assertThat(applied).extracting(d -> d.getDate("applied_at")).containsOnly(Date.from(T0));
        assertThat(applied).extracting(d -> d.getString("instance_id")).containsOnly(a.instance.id());
        assertThat(leaseHeld()).as("the lease is released").isFalse();
    }

    @Test
    @DisplayName("a step runs once per store: not again after an outage, nor at the next start")
    void once_only() {
        new Node("a", 2).start();
        var a = new Node("a", 2);
        a.start();
        a.cut.onStore(new StoreAvailable(false));
        new Node("b", 2).start();
        assertThat(ran).containsExactly("a:1", "a:2");
        assertThat(record().getList("applied", Document.class)).hasSize(2);
    }

    @Test
    @DisplayName("a store an earlier build upgraded gets only the newer steps")
    void only_newer_steps() {
        new Node("old", 1).start();
        new Node("new", 3).start();
        assertThat(ran).containsExactly("old:1", "new:2", "new:3");
        assertThat(version()).isEqualTo(3);
    }

    @Test
    @DisplayName("a failing step leaves the version before it, and is tried again a minute later")
    void failure_is_retried() {
        var a = new Node("a", 3);
        a.step(2).failures = 1;
        assertThatThrownBy(a::start).isInstanceOf(StoreNotReady.class)
                .hasMessageContaining("schema migration 2 (step 2) failed").hasMessageContaining("step 2 broke");
        assertThat(version()).isEqualTo(1);
        assertThat(leaseHeld()).isFalse();

        clock.advance(SchemaUpgrade.RETRY_AFTER.minusSeconds(1));
        assertThatThrownBy(a::start).as("the watch's next announcement, a second later").isInstanceOf(StoreNotReady.class)
                .hasMessageContaining("next attempt at " + T0.plus(SchemaUpgrade.RETRY_AFTER));
        assertThat(ran).containsExactly("a:1", "a:2");

        clock.advance(Duration.ofSeconds(1));
        a.start();
        assertThat(ran).containsExactly("a:1", "a:2", "a:2", "a:3");
        assertThat(version()).isEqualTo(3);
    }

    @Test
    @DisplayName("an instance started while another migrates waits, then finds the version current and runs nothing")
    void second_instance_waits() {
        var a = new Node("a", 2);
        var b = new Node("b", 2);
        List<Throwable> bSaw = new ArrayList<>();
        a.step(1).meanwhile = () -> {
            try {
                b.start();
            } catch (StoreNotReady e) {
                bSaw.add(e);
            }
        };
        a.start();
        assertThat(bSaw).singleElement().extracting(Throwable::getMessage).asString()
                .contains("instance " + a.instance.id()).contains("upgrading the schema to version 2");
        b.start();
        assertThat(ran).containsExactly("a:1", "a:2");
        assertThat(version()).isEqualTo(2);
    }

    @Test
    @DisplayName("the lease of an instance that died while migrating is taken over once it expired")
    void expired_lease_is_taken_over() {
        var a = new Node("a", 2);
        var dead = new MigrationLease(store.db, clock, "dead", "gone", SchemaUpgrade.LEASE_TTL);
        assertThat(dead.take()).isTrue();
        assertThatThrownBy(a::start).isInstanceOf(StoreNotReady.class).hasMessageContaining("instance dead (gone)");
        clock.advance(SchemaUpgrade.LEASE_TTL);
        assertThatThrownBy(a::start).as("not before it expired").isInstanceOf(StoreNotReady.class);
        clock.advance(Duration.ofMillis(1));
        a.start();
        assertThat(ran).containsExactly("a:1", "a:2");
        assertThat(leaseHeld()).isFalse();
    }

    @Test
    @DisplayName("a store a newer build upgraded is used as it is")
    void newer_store() {
        new Node("new", 4).start();
        new Node("old", 2).start();
        assertThat(ran).containsExactly("new:1", "new:2", "new:3", "new:4");
        assertThat(version()).isEqualTo(4);
    }
}
