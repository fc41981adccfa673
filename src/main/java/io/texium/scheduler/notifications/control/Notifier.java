package io.texium.scheduler.notifications.control;

import com.mongodb.MongoException;
import io.texium.scheduler.executions.control.ExecutionNotes;
import io.texium.scheduler.executions.control.ExecutionWrites;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.NotificationAttempt;
import io.texium.scheduler.guard.MailAddresses;
import io.texium.scheduler.guard.OutboundAddresses;
import io.texium.scheduler.jobs.control.JobIndex;
import io.texium.scheduler.jobs.entity.Notify;
import io.texium.scheduler.platform.Background;
import io.texium.scheduler.platform.StoreAvailable;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hears of every written outcome and sends the notifications due, on a thread of its own. On the writing thread it
 * only looks the job's {@code notify} up in memory ({@link JobIndex}) and queues what is due: at most
 * {@value #QUEUE} pending notifications; past that one is dropped, logged and counted, so a mail server that hangs
 * never holds up the recording of runs. Each attempt is then recorded on its execution ({@code notifications}).
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class.getName());
    static final int QUEUE = 1_000;
    static final String PREFIX = "texium.notify.";

    @Inject
    JobIndex index;

    @Inject
    NotificationSender sender;

    @Inject
    ExecutionNotes notes;

    @Inject
    Background background;

    @Inject
    ExecutionWrites writes;

    @Inject
    OutboundAddresses addresses;

    @Inject
    @ConfigProperty(name = PREFIX + "on", defaultValue = "failed,timeout,missed")
    String defaultOn;

    @Inject
    @ConfigProperty(name = PREFIX + "emails")
    Optional<String> defaultEmails;

    @Inject
    @ConfigProperty(name = PREFIX + "webhooks")
    Optional<String> defaultWebhooks;

    /** A notification due: the execution and whom to tell. */
    record Pending(Execution execution, Notify setting) {
    }

    private final BlockingQueue<Pending> pending = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private volatile Notify defaults = new Notify(List.of(), List.of(), List.of());
    private volatile boolean running = true;
    private Thread thread;

    /** Created when the store first answers, before any run ends: from then on it hears of every written outcome. */
    void onStore(@Observes StoreAvailable available) {
        if (available.firstTime()) {
            writes.onEnded(this::ended);
        }
    }

    @PostConstruct
    void start() {
        configure();
        thread = background.named("texium-notify").newThread(this::loop);
        thread.start();
    }

    /** Reads the server's default from the config. */
    void configure() {
        defaults = defaults();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Queues the notifications the outcomes call for; never throws, never waits. */
    void ended(List<Execution> ended) {
        try {
            for (Execution x : ended) {
                Notify notify = whomToTell(x);
                if (notify != null && !pending.offer(new Pending(x, notify))) {
                    long n = dropped.incrementAndGet();
                    if (n == 1 || n % 100 == 0) {
                        LOG.warning(() -> n + " notification(s) dropped: " + QUEUE
                                + " are waiting to be sent already (a mail server or webhook answering slowly?)");
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not queue the notifications of " + ended.size() + " outcomes", e);
        }
    }

    /**
     * The setting that applies to the execution's job if it calls for telling anyone of this outcome, else null. An
     * attempt that is retried tells no one: its last attempt does.
     */
    Notify whomToTell(Execution x) {
        if (x.status() == null || x.jobId() == null || x.nextAttemptId() != null) {
            return null;
        }
        Notify own = index.notifySetting(x.jobId());
        Notify notify = own != null ? own : defaults;
        return notify.wants(x.status().name()) ? notify : null;
    }

    /** Notifications dropped because the queue was full, since the start. */
    public long dropped() {
        return dropped.get();
    }

    /** Sends one pending notification and records its attempts on the execution. */
    void deliver(Pending p) {
        List<NotificationAttempt> attempts = sender.send(p.execution(), p.setting());
        try {
            notes.add(p.execution().id(), attempts);
        } catch (MongoException e) {
            LOG.log(Level.WARNING, "could not record the notifications of execution " + p.execution().id(), e);
        }
    }

    private void loop() {
        while (running) {
            try {
                Pending p = pending.poll(500, TimeUnit.MILLISECONDS);
                if (p != null) {
                    deliver(p);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a notification failed", e);
            }
        }
    }

    /** The server's default from {@code texium.notify.*}; an entry that could never be used is logged and left out. */
    Notify defaults() {
        List<String> on = new ArrayList<>();
        for (String outcome : items(defaultOn)) {
            if (Notify.OUTCOMES.contains(outcome)) {
                on.add(outcome);
            } else {
                LOG.warning(() -> PREFIX + "on: '" + outcome + "' is not an outcome; left out");
            }
        }
        List<String> emails = new ArrayList<>();
        for (String address : items(defaultEmails.orElse(""))) {
            String problem = MailAddresses.problem(address);
            if (problem == null) {
                emails.add(address);
            } else {
                LOG.warning(() -> PREFIX + "emails: '" + address + "' " + problem + "; left out");
            }
        }
        List<String> webhooks = new ArrayList<>();
        for (String url : items(defaultWebhooks.orElse(""))) {
            Optional<String> problem = addresses.urlProblem(url);
            if (problem.isEmpty()) {
                webhooks.add(url);
            } else {
                LOG.warning(() -> PREFIX + "webhooks: " + Notify.mask(url) + " " + problem.get() + "; left out");
            }
        }
        return new Notify(on, emails, webhooks);
    }

    private static List<String> items(String list) {
        return list == null ? List.of() : Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
