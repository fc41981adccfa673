package io.texium.scheduler.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The operations an OpenAPI document (JSON form) lists, with what a test needs to call each of them. */
final class OpenApiOperations {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private OpenApiOperations() {
    }

    /** One parameter: its name and where it goes ({@code path} or {@code query}). */
    record Parameter(String name, String in) {
    }

    /**
     * One operation: upper-case method, path template (e.g. {@code /api/scheduler/jobs/{job_id}}), its parameters,
     * whether it takes a request body, and the JSON objects its request body examples show.
     */
    record Operation(String method, String path, List<Parameter> parameters, boolean takesBody, List<JsonObject> bodyExamples) {

        List<Parameter> in(String where) {
            return parameters.stream().filter(p -> p.in().equals(where)).toList();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Operation> read(String json) {
        JsonObject document;
        try (var reader = Json.createReader(new StringReader(json))) {
            document = reader.readObject();
        }
        List<Operation> operations = new ArrayList<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, value) -> {
            if (METHODS.contains(method)) {
                JsonObject operation = value.asJsonObject();
                JsonObject body = operation.getJsonObject("requestBody");
                operations.add(new Operation(method.toUpperCase(), path, parameters(operation), body != null,
                        body == null ? List.of() : examples(body)));
            }
        }));
        return operations;
    }

    private static List<Parameter> parameters(JsonObject operation) {
        if (!operation.containsKey("parameters")) {
            return List.of();
        }
        return operation.getJsonArray("parameters").stream().map(JsonValue::asJsonObject)
                .map(p -> new Parameter(p.getString("name"), p.getString("in"))).toList();
    }

    /** The JSON objects among the examples of every media type of a request body (a value may be JSON in a string). */
    private static List<JsonObject> examples(JsonObject requestBody) {
        List<JsonObject> examples = new ArrayList<>();
        requestBody.getJsonObject("content").values().forEach(media -> {
            JsonObject examplesByName = media.asJsonObject().getJsonObject("examples");
            if (examplesByName != null) {
                examplesByName.values().forEach(example -> asObject(example.asJsonObject().get("value"), examples));
            }
        });
        return examples;
    }

    private static void asObject(JsonValue value, List<JsonObject> into) {
        if (value instanceof JsonObject object) {
            into.add(object);
        } else if (value instanceof JsonString text) {
            try (var reader = Json.createReader(new StringReader(text.getString()))) {
                into.add(reader.readObject());
            }
        }
    }
}
