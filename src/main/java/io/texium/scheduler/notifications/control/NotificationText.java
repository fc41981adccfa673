package io.texium.scheduler.notifications.control;

import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import java.time.Instant;

/** What a notification says: a mail's subject and plain-text body, and the one line a chat webhook shows. */
final class NotificationText {

    static final int ERROR_LINES = 5;
    static final int MAX_LINE = 300;

    private NotificationText() {
    }

    /** {@code [Texium] <job name> failed}. */
    static String subject(Execution x) {
        return oneLine("[Texium] " + name(x) + " " + x.status(), 200);
    }

    /** {@code Texium: job "<name>" failed at <time> (execution <id>): <first error line>}. */
    static String line(Execution x) {
        var text = new StringBuilder("Texium: job \"").append(name(x)).append("\" ").append(x.status());
        Instant at = x.completedAt() != null ? x.completedAt() : x.scheduledTime();
        if (at != null) {
            text.append(" at ").append(at);
        }
        text.append(" (execution ").append(x.id()).append(')');
        String first = firstLine(x.error() != null ? x.error() : x.reason());
        if (first != null) {
            text.append(": ").append(first);
        }
        return oneLine(text.toString(), MAX_LINE);
    }

    static String body(Execution x) {
        var text = new StringBuilder();
        text.append("Job:        ").append(name(x)).append(" (").append(x.jobId()).append(")\n");
        text.append("Status:     ").append(x.status()).append('\n');
        text.append("Execution:  ").append(x.id()).append('\n');
        line(text, "Scheduled:  ", x.scheduledTime());
        if (x.status() == ExecutionStatus.missed && x.fireCount() != null) {
            text.append("Missed:     ").append(x.fireCount()).append(" fire(s), the last due ").append(x.lastScheduledTime()).append('\n');
        }
        line(text, "Started:    ", x.startedAt());
        line(text, "Completed:  ", x.completedAt());
        if (x.durationMs() != null) {
            text.append("Duration:   ").append(x.durationMs()).append(" ms\n");
        }
        if (x.instanceId() != null) {
            text.append("Instance:   ").append(x.instanceId()).append(x.hostname() == null ? "" : " on " + x.hostname()).append('\n');
        }
        if (x.reason() != null) {
            text.append("Reason:     ").append(x.reason()).append('\n');
        }
        if (x.error() != null) {
            text.append("\nError (first lines):\n");
            x.error().lines().limit(ERROR_LINES).forEach(l -> text.append("  ").append(shortened(l, MAX_LINE)).append('\n'));
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String label, Instant value) {
        if (value != null) {
            text.append(label).append(value).append('\n');
        }
    }

    private static String name(Execution x) {
        return x.jobName() != null ? x.jobName() : "job " + x.jobId();
    }

    private static String firstLine(String text) {
        return text == null ? null : text.lines().filter(l -> !l.isBlank()).findFirst().map(String::strip).orElse(null);
    }

    /** Control characters (CR, LF, ...) become spaces: a subject or chat line is one line. */
    private static String oneLine(String text, int max) {
        return shortened(text.replaceAll("\\p{Cntrl}+", " ").strip(), max);
    }

    private static String shortened(String text, int max) {
        return text.length() > max ? text.substring(0, max - 3) + "..." : text;
    }
}
