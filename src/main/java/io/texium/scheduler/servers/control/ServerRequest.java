package io.texium.scheduler.servers.control;

import io.texium.scheduler.platform.JsonFields;
import io.texium.scheduler.platform.JsonValues;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.problems.InvalidRequestException;
import io.texium.scheduler.servers.entity.Server;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields of a server create or update request, checked and applied to a {@link Server}. Only the fields
 * present are applied, so the same code serves a create and a partial update; the owner ({@code user_id}) is
 * left to the service, which applies the caller's rights to it.
 */
public final class ServerRequest {

    /** Fields a client may echo back from a GET, or that only the health check writes; they are ignored. */
    static final Set<String> READ_ONLY = Set.of("id", "_id", "server_id", "status", "last_checked_at",
            "last_latency_ms", "last_error", "created_at", "updated_at");

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_TAGS = 50;
    static final int MAX_TAG = 64;

    private final JsonObject body;
    private final List<FieldProblem> problems = new ArrayList<>();

    private ServerRequest(JsonObject body) {
        this.body = body;
    }

    public static ServerRequest of(String body) {
        return new ServerRequest(JsonValues.object(body));
    }

    /** The owner the request names, or null when it names none (a wrongly typed one is refused by {@link #applyTo}). */
    public String userId() {
        return body.get("user_id") instanceof JsonString s && !s.getString().isBlank() ? s.getString().trim() : null;
    }

    /** Applies the present fields; throws a 400 listing every field that is invalid or unknown. */
    public void applyTo(Server server) {
        for (var entry : body.entrySet()) {
            String field = entry.getKey();
            JsonValue value = entry.getValue();
            if (READ_ONLY.contains(field)) {
                continue;
            }
            switch (field) {
                case "user_id" -> {
                    if (!(value instanceof JsonString) && value.getValueType() != JsonValue.ValueType.NULL) {
                        problems.add(new FieldProblem(field, "must be a user id (a string)"));
                    }
                }
                case "name" -> server.name(JsonFields.text(field, value, true, MAX_NAME, problems));
                case "description" -> server.description(JsonFields.text(field, value, false, MAX_DESCRIPTION, problems));
                case "tags" -> server.tags(tags(value));
                case "check" -> {
                    int before = problems.size();
                    var check = CheckRequest.parse(value, problems);
                    if (problems.size() == before) {
                        server.check(check);
                    }
                }
                default -> problems.add(new FieldProblem(field, "is not a server field"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private List<String> tags(JsonValue value) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            problems.add(new FieldProblem("tags", "must be an array of strings"));
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (JsonValue item : value.asJsonArray()) {
            if (!(item instanceof JsonString s) || s.getString().isBlank() || s.getString().trim().length() > MAX_TAG) {
                problems.add(new FieldProblem("tags", "each tag must be a non-blank string of at most " + MAX_TAG + " characters"));
                return List.of();
            }
            tags.add(s.getString().trim());
        }
        if (tags.size() > MAX_TAGS) {
            problems.add(new FieldProblem("tags", "must hold at most " + MAX_TAGS + " tags"));
        }
        return List.copyOf(tags);
    }
}
