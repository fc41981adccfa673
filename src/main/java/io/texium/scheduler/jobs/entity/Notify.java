package io.texium.scheduler.jobs.entity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whom to tell when a job's run ends: on which outcomes ({@link #OUTCOMES}), to which e-mail addresses and webhook
 * URLs. Stored in the job document as {@code notify: {on, emails, webhooks}}; a job without it follows the
 * server's default ({@code texium.notify.*}), a job with it replaces that default entirely.
 */
public record Notify(List<String> on, List<String> emails, List<String> webhooks) {

    /** The outcomes one may be told of ({@code timeout} is accepted ahead of the status that will carry it). */
    public static final Set<String> OUTCOMES = Set.of("failed", "timeout", "missed", "skipped", "succeeded");
    /** What a webhook URL's path and query show as: they may hold a token (Slack's do). */
    public static final String MASKED_PATH = "/***";

    public Notify {
        on = on == null ? List.of() : List.copyOf(on);
        emails = emails == null ? List.of() : List.copyOf(emails);
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }

    /** Whether a run that ended this way is told to anyone. */
    public boolean wants(String status) {
        return on.contains(status) && !(emails.isEmpty() && webhooks.isEmpty());
    }

    /** The value as the document keeps it. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("on", on);
        map.put("emails", emails);
        map.put("webhooks", webhooks);
        return map;
    }

    /** The value as shown and audited: each webhook URL with its path masked. */
    public Map<String, Object> toMaskedMap() {
        Map<String, Object> map = toMap();
        map.put("webhooks", webhooks.stream().map(Notify::mask).toList());
        return map;
    }

    /** The value a document holds, or null for none. */
    public static Notify of(Object stored) {
        if (!(stored instanceof Map<?, ?> map)) {
            return null;
        }
        return new Notify(strings(map.get("on")), strings(map.get("emails")), strings(map.get("webhooks")));
    }

    /** The URL up to its host and port, the rest masked: {@code https://hooks.slack.com/***}. */
    public static String mask(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "***";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + MASKED_PATH;
        } catch (URISyntaxException e) {
            return "***";
        }
    }

    /** Whether the URL is a masked one, as a view shows it. */
    public static boolean isMasked(String url) {
        return url != null && url.endsWith(MASKED_PATH) && url.equals(mask(url));
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> items)) {
            return List.of();
        }
        return items.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
}
