package io.texium.scheduler.timers.control;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.texium.scheduler.access.Caller;
import io.texium.scheduler.cluster.control.ChangeFeed;
import io.texium.scheduler.cluster.control.Changed;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.jobs.control.JobSchedules;
import io.texium.scheduler.jobs.control.Jobs;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.MongoStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;

/**
 * The timer actions beyond the job's own (pause, resume, delete, run now): re-arm a job's timer and reconcile the
 * timers now, on this instance, another or all, each audited and for administrators only (the REST API and the JMX
 * MBean both come here). Another instance is asked through the {@link ChangeFeed} ({@link Changed#REARM},
 * {@link Changed#RECONCILE}); a reconcile it was asked for by request id answers in {@value #REPLIES}, which the asker
 * reads for up to {@link #WAIT}.
 */
@ApplicationScoped
public class TimerActions {

    private static final Logger LOG = Logger.getLogger(TimerActions.class.getName());
    static final String REPLIES = "scheduler_timer_replies";
    static final Duration WAIT = Duration.ofSeconds(5);
    static final long POLL_MILLIS = 100;

    @Inject
    Caller caller;

    @Inject
    Jobs jobs;

    @Inject
    JobSchedules schedules;

    @Inject
    JobTimers timers;

    @Inject
    TimerViews views;

    @Inject
    Instances instances;

    @Inject
    ChangeFeed changes;

    @Inject
    MongoStore store;

    @Inject
    Event<TimerEvent> events;

    @Inject
    Clock clock;

    /** The answer to a re-arm: the job, the instances asked, and this instance's timer after it (null: not held here). */
    public record Rearmed(String jobId, List<String> instances, TimerView timer) {
    }

    /**
     * Re-arms the job's timer on the instances {@code instance} names (this one by default, another's id, or all):
     * cancelled and armed again from the job as stored, here at once, elsewhere when the change feed delivers it.
     */
    public Rearmed rearm(String jobId, String instance) {
        caller.requireAdmin();
        Job job = jobs.find(jobId);
        List<TimerViews.Source> sources = views.sources(instance);
        events.fire(TimerEvent.rearmed(job, target(instance)));
        List<String> asked = new ArrayList<>();
        boolean here = false;
        for (TimerViews.Source source : sources) {
            asked.add(source.instance());
            if (source.local()) {
                here = true;
                timers.apply(job, schedules.of(job));
            } else if (!TimerViews.ALL.equals(instance)) {
                changes.publish(Changed.REARM, source.instance() + "/" + job.id());
            }
        }
        if (TimerViews.ALL.equals(instance) && asked.size() > 1) {
            changes.publish(Changed.REARM, TimerViews.ALL + "/" + job.id());
        }
        return new Rearmed(job.id(), asked, here ? views.local(job.id()) : null);
    }

    /**
     * Reconciles the timers of the instances {@code instance} names now: here directly, elsewhere by request, waiting
     * up to {@link #WAIT} for each other instance's answer. Answers one report per instance, this one first.
     */
    public List<Reconciled> reconcile(String instance) {
        caller.requireAdmin();
        List<TimerViews.Source> sources = views.sources(instance);
        events.fire(TimerEvent.reconciled(target(instance)));
        String request = Ids.newId();
        List<String> remote = sources.stream().filter(s -> !s.local()).map(TimerViews.Source::instance).toList();
        if (!remote.isEmpty()) {
            String to = TimerViews.ALL.equals(instance) ? TimerViews.ALL : remote.get(0);
            changes.publish(Changed.RECONCILE, to + "/" + request);
        }
        Map<String, Reconciled> reports = new LinkedHashMap<>();
        for (TimerViews.Source source : sources) {
            reports.put(source.instance(), source.local() ? reconcileHere() : null);
        }
        if (!remote.isEmpty()) {
            awaitReplies(request, remote, reports);
        }
        reports.replaceAll((id, report) -> report == null ? Reconciled.pending(id) : report);
        return List.copyOf(reports.values());
    }

    /** Reconciles this instance's timers and measures what that repaired. */
    Reconciled reconcileHere() {
        JobTimers.Drift found = timers.reconcile();
        JobTimers.Drift after = found.none() ? found : timers.drift();
        return Reconciled.of(instances.id(), found, after);
    }

    private String target(String instance) {
        return instance == null || instance.isBlank() ? instances.id() : instance;
    }

    /** A request from another instance (or the Maintenance job) that names this instance or all. */
    void onChange(@Observes Changed change) {
        if (!Changed.RECONCILE.equals(change.kind()) && !Changed.REARM.equals(change.kind())) {
            return;
        }
        String id = change.id() == null ? "" : change.id();
        int slash = id.indexOf('/');
        String to = slash < 0 ? id : id.substring(0, slash);
        String rest = slash < 0 ? null : id.substring(slash + 1);
        if (!TimerViews.ALL.equals(to) && !instances.id().equals(to)) {
            return;
        }
        try {
            if (Changed.REARM.equals(change.kind())) {
                timers.rearm(rest);
            } else if (timers.ready()) {
                Reconciled report = reconcileHere();
                if (rest != null) {
                    reply(rest, report);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not act on the timer request " + change.kind() + " " + id, e);
        }
    }

    private void reply(String request, Reconciled r) {
        Document doc = new Document("_id", request + ":" + r.instance()).append("request", request)
                .append("instance", r.instance()).append("at", Date.from(clock.instant()))
                .append("found", List.of(r.found().missing(), r.found().orphans(), r.found().stale()))
                .append("repaired", List.of(r.repaired().armed(), r.repaired().rearmed(), r.repaired().cancelled()))
                .append("missing", r.foundJobIds().missing()).append("orphans", r.foundJobIds().orphans())
                .append("stale", r.foundJobIds().stale());
        replies().replaceOne(Filters.eq("_id", doc.getString("_id")), doc, new ReplaceOptions().upsert(true));
    }

    /** Reads the answers of the other instances asked until all answered or {@link #WAIT} passed; then deletes them. */
    private void awaitReplies(String request, List<String> remote, Map<String, Reconciled> reports) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                for (Document d : replies().find(Filters.eq("request", request))) {
                    String from = d.getString("instance");
                    if (reports.containsKey(from)) {
                        reports.put(from, fromReply(d));
                    }
                }
                if (remote.stream().allMatch(id -> reports.get(id) != null) || System.nanoTime() >= deadline) {
                    break;
                }
                Thread.sleep(POLL_MILLIS);
            }
            replies().deleteMany(Filters.or(Filters.eq("request", request),
                    Filters.lt("at", Date.from(clock.instant().minus(Duration.ofMinutes(10))))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (MongoException e) {
            LOG.log(Level.FINE, "could not read the reconcile answers of request " + request, e);
        }
    }

    private static Reconciled fromReply(Document d) {
        List<Integer> found = d.getList("found", Integer.class);
        List<Integer> repaired = d.getList("repaired", Integer.class);
        return new Reconciled(d.getString("instance"), true,
                new Reconciled.Found(found.get(0), found.get(1), found.get(2)),
                new Reconciled.Repaired(repaired.get(0), repaired.get(1), repaired.get(2)),
                new JobTimers.Drift(d.getList("missing", String.class), d.getList("orphans", String.class),
                        d.getList("stale", String.class)));
    }

    private MongoCollection<Document> replies() {
        return store.database().getCollection(REPLIES);
    }
}
