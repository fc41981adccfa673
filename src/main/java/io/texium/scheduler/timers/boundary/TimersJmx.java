package io.texium.scheduler.timers.boundary;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.executions.control.RunNow;
import io.texium.scheduler.jobs.control.Jobs;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.timers.control.JobTimers;
import io.texium.scheduler.timers.control.Reconciled;
import io.texium.scheduler.timers.control.TimerActions;
import io.texium.scheduler.timers.control.TimerDrifts;
import io.texium.scheduler.timers.control.TimerView;
import io.texium.scheduler.timers.control.TimerViews;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * The timers MXBean of this instance, registered in the platform MBeanServer at start-up and unregistered at shutdown.
 * Each call runs in a request context of its own as the administrator {@code jmx} ({@link Caller#actingAs}), with the
 * application's class loader, and answers failures as plain {@link IllegalArgumentException}s with the API's message,
 * which any JMX client can read without the application's classes.
 */
@ApplicationScoped
public class TimersJmx implements TimersMXBean {

    private static final Logger LOG = Logger.getLogger(TimersJmx.class.getName());
    public static final String NAME = "io.texium.scheduler:type=Timers";
    static final int TABLE = 100;

    @Inject
    TimerViews views;

    @Inject
    TimerDrifts drifts;

    @Inject
    TimerActions actions;

    @Inject
    JobTimers timers;

    @Inject
    Jobs jobs;

    @Inject
    RunNow runNow;

    @Inject
    Instances instances;

    @Inject
    Clock clock;

    @Inject
    Instance<RequestContextController> requestContexts;

    private MBeanServer server;
    private ObjectName registered;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        register(ManagementFactory.getPlatformMBeanServer());
    }

    /** Registers this bean under {@value #NAME}, replacing one left by an earlier deployment in the same JVM. */
    void register(MBeanServer mbeans) {
        try {
            ObjectName name = new ObjectName(NAME);
            if (mbeans.isRegistered(name)) {
                mbeans.unregisterMBean(name);
            }
            mbeans.registerMBean(new StandardMBean(this, TimersMXBean.class, true), name);
            server = mbeans;
            registered = name;
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not register the timers MBean " + NAME + "; JMX will not show the timers", e);
        }
    }

    @PreDestroy
    void stop() {
        if (registered != null) {
            try {
                server.unregisterMBean(registered);
            } catch (JMException e) {
                LOG.log(Level.FINE, "the timers MBean was unregistered already", e);
            }
            registered = null;
        }
    }

    @Override
    public String getInstanceId() {
        return act(() -> instances.id());
    }

    @Override
    public int getTimerCount() {
        return act(() -> timers.count());
    }

    @Override
    public DriftRow getDrift() {
        return act(() -> {
            var drift = drifts.of(views.sources(null)).get(0);
            return new DriftRow(drift.instance(), drift.missing(), drift.orphans(), drift.stale());
        });
    }

    @Override
    public List<TimerRow> getTimers() {
        return timers(1, TABLE);
    }

    @Override
    public List<TimerRow> timers(int page, int pageSize) {
        return act(() -> {
            var request = PageRequest.of(String.valueOf(page), String.valueOf(pageSize));
            Instant now = clock.instant();
            return views.page(null, null, request.skip(), request.size()).views().stream().map(v -> row(v, now)).toList();
        });
    }

    @Override
    public String suspend(String jobId) {
        return act(() -> said("paused", jobs.pause(jobId, null)));
    }

    @Override
    public String activate(String jobId) {
        return act(() -> said("resumed", jobs.resume(jobId, null)));
    }

    @Override
    public String cancel(String jobId) {
        return act(() -> said("deleted", jobs.delete(jobId, null)));
    }

    @Override
    public String trigger(String jobId) {
        return act(() -> runNow.byHand(jobId).id());
    }

    @Override
    public TimerRow rearm(String jobId) {
        return act(() -> {
            TimerView timer = actions.rearm(jobId, null).timer();
            return timer == null ? null : row(timer, clock.instant());
        });
    }

    @Override
    public ReconcileRow reconcile() {
        return act(() -> {
            Reconciled r = actions.reconcile(null).get(0);
            return new ReconcileRow(r.instance(), r.found().missing(), r.found().orphans(), r.found().stale(),
                    r.repaired().armed(), r.repaired().rearmed(), r.repaired().cancelled());
        });
    }

    private static String said(String what, Job job) {
        return "job " + job.id() + " (" + job.name() + ") " + what;
    }

    /** A view as a table row: times as ISO-8601 text, the expression as {@code name=value} pairs. */
    static TimerRow row(TimerView v, Instant now) {
        var last = v.lastFire();
        String expression = v.expression() == null ? null : v.expression().entrySet().stream()
                .map(Map.Entry::toString).collect(Collectors.joining(" "));
        Long remaining = v.nextTimeout() == null ? null : Math.max(0, v.nextTimeout().toEpochMilli() - now.toEpochMilli());
        return new TimerRow(v.jobId(), v.jobName(), v.owner(), v.ownerName(), v.scheduleDescription(), expression,
                v.timezone(), text(v.nextTimeout()), remaining, v.persistent(), true, v.exact(), text(v.armedAt()),
                v.paused(), last == null ? null : last.executionId(), last == null ? null : text(last.scheduledTime()),
                last == null ? null : text(last.startedAt()), last == null ? null : last.status(), v.recentLagMs(),
                v.instance());
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /**
     * Runs a call as the administrator {@code jmx} in a request context of its own, with the application's class
     * loader (a JMX call arrives on a thread of the JMX connector); a failure reaches the client as its message only.
     */
    <T> T act(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(TimersJmx.class.getClassLoader());
        try (RequestScope scope = requestScope()) {
            return Caller.actingAs(Caller.Actor.JMX_ACTOR, work);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "timers MBean call failed", e);
            throw new IllegalArgumentException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** A request context active until closed. */
    interface RequestScope extends AutoCloseable {
        @Override
        void close();
    }

    /** Activates a request context on this thread (none is active on a JMX connector's thread). */
    RequestScope requestScope() {
        RequestContextController context = requestContexts.get();
        boolean activated = context.activate();
        return () -> {
            if (activated) {
                context.deactivate();
            }
            requestContexts.destroy(context);
        };
    }
}
