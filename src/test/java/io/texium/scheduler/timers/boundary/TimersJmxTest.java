package io.texium.scheduler.timers.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.executions.control.RunNow;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.jobs.control.Jobs;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.problems.NotFoundException;
import io.texium.scheduler.timers.control.JobTimers;
import io.texium.scheduler.timers.control.Reconciled;
import io.texium.scheduler.timers.control.TimerActions;
import io.texium.scheduler.timers.control.TimerDrifts;
import io.texium.scheduler.timers.control.TimerView;
import io.texium.scheduler.timers.control.TimerViews;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The timers MXBean as a JMX client sees it, registered in an MBeanServer of the test's own (the server's platform
 * MBeanServer is read over JMX in TimersIT): its open-type attributes, and operations that reach the control code as
 * the administrator {@code jmx}.
 */
class TimersJmxTest {

    static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    static final String[] ONE = {String.class.getName()};

    MBeanServer mbeans;
    ObjectName name;
    TimersJmx cut;
    final List<String> calls = new ArrayList<>();

    /** What a control method was called with, and by whom. */
    void called(String what) {
        calls.add(what + " by " + new Caller().actor().id());
    }

    static Job job(String id) {
        return new Job().id(id).name("nightly").userId("u1");
    }

    static TimerView view(String id) {
        var expression = new LinkedHashMap<String, Object>();
        expression.put("second", "0");
        expression.put("timezone", "UTC");
        return new TimerView(id, "nightly", expression, "UTC", NOW.plusSeconds(90), false, true, NOW.minusSeconds(5), "i1",
                List.of("i1"), "u1", "alice", "At 02:00", false,
                new TimerView.LastFire("x1", NOW.minusSeconds(60), NOW.minusSeconds(60).plusMillis(42), "succeeded"),
                List.of(42L, 40L));
    }

    @BeforeEach
    void wire() throws Exception {
        cut = new TimersJmx() {
            @Override
            RequestScope requestScope() {
                return () -> calls.add("request scope closed");
            }
        };
        cut.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        cut.instances = new Instances() {
            @Override
            public String id() {
                return "i1";
            }
        };
        cut.timers = new JobTimers() {
            @Override
            public int count() {
                return 1;
            }
        };
        cut.views = new TimerViews() {
            @Override
            public Page page(String instance, String jobId, long skip, int limit) {
                called("page " + skip + "+" + limit);
                return new Page(List.of(view("j1")), 1);
            }

            @Override
            public List<Source> sources(String instance) {
                return List.of(new Source("i1", true));
            }
        };
        cut.drifts = new TimerDrifts() {
            @Override
            public List<InstanceDrift> of(List<TimerViews.Source> sources) {
                return List.of(new InstanceDrift("i1", LIVE, null, List.of("j2"), List.of(), List.of()));
            }
        };
        cut.actions = new TimerActions() {
            @Override
            public Rearmed rearm(String jobId, String instance) {
                called("rearm " + jobId + " on " + instance);
                return new Rearmed(jobId, List.of("i1"), view(jobId));
            }

            @Override
            public List<Reconciled> reconcile(String instance) {
                called("reconcile on " + instance);
                return List.of(new Reconciled("i1", true, new Reconciled.Found(1, 2, 0), new Reconciled.Repaired(1, 0, 2),
                        new JobTimers.Drift(List.of("j2"), List.of("j3", "j4"), List.of())));
            }
        };
        cut.jobs = new Jobs() {
            @Override
            public Job pause(String jobId, Long expectedVersion) {
                if (!"j1".equals(jobId)) {
                    throw new NotFoundException("job", jobId);
                }
                called("pause " + jobId);
                return job(jobId).paused(true);
            }

            @Override
            public Job resume(String jobId, Long expectedVersion) {
                called("resume " + jobId);
                return job(jobId);
            }

            @Override
            public Job delete(String jobId, Long expectedVersion) {
                called("delete " + jobId);
                return job(jobId);
            }
        };
        cut.runNow = new RunNow() {
            @Override
            public Execution byHand(String jobId) {
                called("run " + jobId);
                return new Execution().id("e1").jobId(jobId);
            }
        };
        mbeans = MBeanServerFactory.newMBeanServer();
        cut.register(mbeans);
        name = new ObjectName(TimersJmx.NAME);
    }

    @AfterEach
    void unregister() {
        cut.stop();
        assertThat(mbeans.isRegistered(name)).isFalse();
    }

    @Test
    void the_attributes_are_open_data_any_client_reads() throws Exception {
        assertThat(mbeans.getAttribute(name, "InstanceId")).isEqualTo("i1");
        assertThat(mbeans.getAttribute(name, "TimerCount")).isEqualTo(1);
        var drift = (CompositeData) mbeans.getAttribute(name, "Drift");
        assertThat((String[]) drift.get("missing")).containsExactly("j2");
        var rows = (CompositeData[]) mbeans.getAttribute(name, "Timers");
        assertThat(rows).hasSize(1);
        CompositeData row = rows[0];
        assertThat(row.get("jobId")).isEqualTo("j1");
        assertThat(row.get("ownerName")).isEqualTo("alice");
        assertThat(row.get("scheduleDescription")).isEqualTo("At 02:00");
        assertThat(row.get("expression")).isEqualTo("second=0 timezone=UTC");
        assertThat(row.get("nextTimeout")).isEqualTo("2026-11-28T09:01:30Z");
        assertThat(row.get("timeRemainingMillis")).isEqualTo(90_000L);
        assertThat(row.get("calendarTimer")).isEqualTo(true);
        assertThat(row.get("lastFireStatus")).isEqualTo("succeeded");
        assertThat((Long[]) row.get("recentLagMs")).containsExactly(42L, 40L);
        assertThat(calls).contains("page 0+" + TimersJmx.TABLE + " by jmx");
    }

    @Test
    void the_operations_reach_the_control_code_as_the_administrator_jmx() throws Exception {
        assertThat((String) mbeans.invoke(name, "suspend", new Object[] {"j1"}, ONE)).contains("paused");
        mbeans.invoke(name, "activate", new Object[] {"j1"}, ONE);
        assertThat(mbeans.invoke(name, "trigger", new Object[] {"j1"}, ONE)).isEqualTo("e1");
        var rearmed = (CompositeData) mbeans.invoke(name, "rearm", new Object[] {"j1"}, ONE);
        assertThat(rearmed.get("jobId")).isEqualTo("j1");
        var reconciled = (CompositeData) mbeans.invoke(name, "reconcile", new Object[0], new String[0]);
        assertThat(reconciled.get("foundOrphans")).isEqualTo(2);
        assertThat(reconciled.get("cancelled")).isEqualTo(2);
        mbeans.invoke(name, "cancel", new Object[] {"j1"}, ONE);
        var page = (CompositeData[]) mbeans.invoke(name, "timers", new Object[] {2, 10}, new String[] {"int", "int"});
        assertThat(page).hasSize(1);
        assertThat(calls).filteredOn(c -> !c.startsWith("request scope")).containsExactly("pause j1 by jmx",
                "resume j1 by jmx", "run j1 by jmx", "rearm j1 on null by jmx", "reconcile on null by jmx",
                "delete j1 by jmx", "page 10+10 by jmx");
        assertThat(calls).filteredOn(c -> c.startsWith("request scope")).hasSize(7);
        assertThat(new Caller().actor()).as("nobody acts as jmx after the call").isEqualTo(Caller.Actor.SYSTEM_ACTOR);
    }

    @Test
    void a_failure_reaches_the_client_as_a_jdk_exception_with_the_api_message() {
        Throwable failure = catchThrowable(() -> mbeans.invoke(name, "suspend", new Object[] {"nope"}, ONE));
        assertThat(failure).isInstanceOf(RuntimeMBeanException.class);
        assertThat(failure.getCause()).isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope")
                .hasNoCause();
        var badPage = catchThrowable(() -> mbeans.invoke(name, "timers", new Object[] {1, 501}, new String[] {"int", "int"}));
        assertThat(badPage.getCause()).isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("500");
    }

    @Test
    void registering_again_replaces_the_bean_left_by_an_earlier_deployment() {
        cut.register(mbeans);
        assertThat(mbeans.isRegistered(name)).isTrue();
    }
}
