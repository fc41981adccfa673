package io.texium.scheduler.jobs.control;

import io.texium.scheduler.guard.MailAddresses;
import io.texium.scheduler.guard.OutboundAddresses;
import io.texium.scheduler.jobs.entity.Notify;
import io.texium.scheduler.problems.FieldProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of a job's {@code notify} field: its shape when read from a request, and its values when the job is
 * saved (known outcomes, valid addresses, webhook URLs the outbound address guard would call), all without network
 * I/O. A webhook URL is shown masked; a client that sends a masked URL back keeps the stored one.
 */
@ApplicationScoped
public class JobNotify {

    static final String FIELD = "notify";
    public static final int MAX_EMAILS = 20;
    public static final int MAX_WEBHOOKS = 5;
    static final int MAX_EMAIL_CHARS = 254;
    private static final Set<String> KEYS = Set.of("on", "emails", "webhooks");

    @Inject
    OutboundAddresses addresses;

    /** The value of a request's {@code notify} (null clears it); a problem for each part of the wrong type. */
    static Notify read(JsonValue value, List<FieldProblem> problems) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            problems.add(new FieldProblem(FIELD, "must be a JSON object ({\"on\": [...], \"emails\": [...], \"webhooks\": [...]}) or null"));
            return null;
        }
        var object = value.asJsonObject();
        int before = problems.size();
        for (String key : object.keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(new FieldProblem(FIELD + "." + key, "is not a notify field (on, emails, webhooks)"));
            }
        }
        var notify = new Notify(strings("on", object.get("on"), problems), strings("emails", object.get("emails"), problems),
                strings("webhooks", object.get("webhooks"), problems));
        return problems.size() == before ? notify : null;
    }

    private static List<String> strings(String key, JsonValue value, List<FieldProblem> problems) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        String field = FIELD + "." + key;
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            problems.add(new FieldProblem(field, "must be a JSON array of strings"));
            return List.of();
        }
        JsonArray items = value.asJsonArray();
        if (items.size() > 100) {
            problems.add(new FieldProblem(field, "must have at most 100 items"));
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof JsonString text) {
                result.add(text.getString().strip());
            } else {
                problems.add(new FieldProblem(field + "[" + i + "]", "must be a string"));
            }
        }
        return result;
    }

    /** Adds a problem for each value the job's {@code notify} may not keep. */
    void check(Notify notify, List<FieldProblem> problems) {
        if (notify == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String outcome : notify.on()) {
            if (!Notify.OUTCOMES.contains(outcome)) {
                problems.add(new FieldProblem(FIELD + ".on", "'" + shortened(outcome) + "' is not an outcome; use "
                        + String.join(", ", new TreeSet<>(Notify.OUTCOMES))));
            } else if (!seen.add(outcome)) {
                problems.add(new FieldProblem(FIELD + ".on", "names '" + outcome + "' twice"));
            }
        }
        if (notify.emails().size() > MAX_EMAILS) {
            problems.add(new FieldProblem(FIELD + ".emails", "must name at most " + MAX_EMAILS + " addresses"));
        } else {
            for (int i = 0; i < notify.emails().size(); i++) {
                String address = notify.emails().get(i);
                String problem = address.length() > MAX_EMAIL_CHARS ? "must be at most " + MAX_EMAIL_CHARS + " characters"
                        : MailAddresses.problem(address);
                if (problem != null) {
                    problems.add(new FieldProblem(FIELD + ".emails[" + i + "]", problem));
                }
            }
        }
        if (notify.webhooks().size() > MAX_WEBHOOKS) {
            problems.add(new FieldProblem(FIELD + ".webhooks", "must name at most " + MAX_WEBHOOKS + " URLs"));
        } else {
            for (int i = 0; i < notify.webhooks().size(); i++) {
                String url = notify.webhooks().get(i);
                String problem = Notify.isMasked(url)
                        ? "is masked as a view shows it, and no stored URL of this job has that mask; send the whole URL"
                        : addresses.urlProblem(url).orElse(null);
                if (problem != null) {
                    problems.add(new FieldProblem(FIELD + ".webhooks[" + i + "]", problem));
                }
            }
        }
    }

    /** The new value with each masked webhook URL replaced by the previous value's URL of that mask. */
    static Notify keepSecrets(Notify previous, Notify next) {
        if (previous == null || next == null || next.webhooks().stream().noneMatch(Notify::isMasked)) {
            return next;
        }
        List<String> unused = new ArrayList<>(previous.webhooks());
        List<String> webhooks = new ArrayList<>();
        for (String url : next.webhooks()) {
            String kept = url;
            if (Notify.isMasked(url)) {
                kept = unused.stream().filter(p -> Notify.mask(p).equals(url)).findFirst().orElse(url);
                unused.remove(kept);
            }
            webhooks.add(kept);
        }
        return new Notify(next.on(), next.emails(), webhooks);
    }

    private static String shortened(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
