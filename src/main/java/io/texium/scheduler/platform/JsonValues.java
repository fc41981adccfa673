package io.texium.scheduler.platform;

import io.texium.scheduler.problems.InvalidRequestException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies read as JSON-P trees, and JSON values turned into the plain Java values MongoDB stores. */
public final class JsonValues {

    private JsonValues() {
    }

    /** The body as a JSON object; malformed JSON or another JSON type is a 400 on {@code body}. */
    public static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("body", "a JSON object is required");
        }
        JsonValue value = parse(body);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidRequestException("body", "must be a JSON object, got " + value.getValueType().name().toLowerCase());
        }
        return value.asJsonObject();
    }

    /**
     * Any failure of the parser is the input's fault: besides {@link jakarta.json.JsonException} for malformed JSON,
     * Parsson refuses input nested deeper than 1,000 levels and numbers of more than 1,100 characters with plain
     * runtime exceptions.
     */
    public static JsonValue parse(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readValue();
        } catch (RuntimeException e) {
            throw new InvalidRequestException("body", "malformed JSON: " + e.getMessage());
        }
    }

    /** String, number (Long when integral, else Double), boolean, null, List or Map; an integer beyond 64 bits is refused. */
    public static Object toJava(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> {
                var number = (JsonNumber) value;
                if (!number.isIntegral()) {
                    yield number.doubleValue();
                }
                try {
                    yield number.longValueExact();
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("the integer " + number + " is beyond 64 bits");
                }
            }
            case TRUE -> true;
            case FALSE -> false;
            case NULL -> null;
            case ARRAY -> list((JsonArray) value);
            case OBJECT -> map((JsonObject) value);
        };
    }

    public static List<Object> list(JsonArray array) {
        List<Object> result = new ArrayList<>(array.size());
        array.forEach(v -> result.add(toJava(v)));
        return result;
    }

    public static Map<String, Object> map(JsonObject object) {
        Map<String, Object> result = new LinkedHashMap<>();
        object.forEach((k, v) -> result.put(k, toJava(v)));
        return result;
    }
}
