package io.texium.scheduler.notifications.control;

import io.texium.scheduler.builtin.email.Mailer;
import io.texium.scheduler.executions.boundary.ExecutionView;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.NotificationAttempt;
import io.texium.scheduler.guard.OutboundHttp;
import io.texium.scheduler.jobs.entity.Notify;
import io.texium.scheduler.platform.JsonValues;
import io.texium.scheduler.platform.JsonbSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Tells the targets of a {@link Notify} that an execution ended: one plain-text mail to all its addresses through
 * the built-in jobs' {@link Mailer}, and a JSON POST to each webhook ({@code {"text": ..., "execution": ...}},
 * Slack-compatible) through {@link OutboundHttp}, so the outbound address guard applies. Each attempt is answered,
 * never thrown; a failure is logged at WARNING with the webhook URL masked.
 */
@ApplicationScoped
public class NotificationSender {

    private static final Logger LOG = Logger.getLogger(NotificationSender.class.getName());
    static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_ERROR = 500;

    @Inject
    Mailer mailer;

    @Inject
    OutboundHttp http;

    @Inject
    Clock clock;

    /** Sends to every target of {@code notify}; answers one attempt per mail and per webhook. */
    public List<NotificationAttempt> send(Execution x, Notify notify) {
        List<NotificationAttempt> attempts = new ArrayList<>();
        if (!notify.emails().isEmpty()) {
            attempts.add(mail(x, notify.emails()));
        }
        for (String url : notify.webhooks()) {
            attempts.add(post(x, url));
        }
        return attempts;
    }

    private NotificationAttempt mail(Execution x, List<String> to) {
        String target = String.join(", ", to);
        try {
            mailer.send(to, List.of(), NotificationText.subject(x), NotificationText.body(x), false, List.of());
            return new NotificationAttempt("email", target, true, null, clock.instant());
        } catch (RuntimeException e) {
            return failed(x, "email", target, String.valueOf(e.getMessage()));
        }
    }

    private NotificationAttempt post(Execution x, String url) {
        String target = Notify.mask(url);
        try {
            byte[] body = payload(x).getBytes(StandardCharsets.UTF_8);
            var answer = http.send(new OutboundHttp.Request("POST", URI.create(url),
                    Map.of("Content-Type", "application/json; charset=utf-8", "User-Agent", "Texium-Scheduler"), body,
                    WEBHOOK_TIMEOUT, 4096, 0));
            if (answer.status() / 100 == 2) {
                return new NotificationAttempt("webhook", target, true, null, clock.instant());
            }
            return failed(x, "webhook", target, "the webhook answered HTTP " + answer.status());
        } catch (IOException | RuntimeException e) {
            // a message may quote the URL, whose path can hold a token
            return failed(x, "webhook", target, e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).replace(url, target));
        }
    }

    /** {@code {"text": "<one line>", "execution": <the execution as the API shows it to its owner>}}. */
    static String payload(Execution x) {
        var execution = JsonValues.object(JsonbSettings.jsonb().toJson(ExecutionView.of(x, false)));
        return Json.createObjectBuilder().add("text", NotificationText.line(x)).add("execution", execution).build().toString();
    }

    private NotificationAttempt failed(Execution x, String channel, String target, String error) {
        String shown = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) + "..." : error;
        LOG.warning(() -> "could not notify " + target + " by " + channel + " that execution " + x.id() + " of job "
                + x.jobId() + " ended " + x.status() + ": " + shown);
        return new NotificationAttempt(channel, target, false, shown, clock.instant());
    }
}
