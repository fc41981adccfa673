package io.texium.scheduler.openapi;

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
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Gives every operation of the OpenAPI document what they all share, so that a new resource gets it without
 * annotations: the problem answers it can give (401 and 429 always: no operation under {@code /api} is public; 404
 * with a path parameter; 400 with a body or query parameters, and 413/415 with a body; 403 where a {@code user_id}
 * query parameter may name someone else), each as {@code application/problem+json}; a JSON-object schema where a
 * JSON body or answer has none (a resource reads its body as text), and JSON for a 2xx answer declared with a
 * description only; examples written as JSON text turned into JSON. It also keeps each tag once (resources repeat
 * the tags the application declares), names the properties of the scanned schemas as the API writes them
 * (snake_case), and names the server by the relative URL {@code /}.
 *
 * <p>Only model methods that MicroProfile OpenAPI 3.1 and 4.x share are used (the schemas it points at are declared
 * in {@code META-INF/openapi.yaml}), so the filter runs on either: Payara Micro 7 ships 4.1, the build compiles
 * against 3.1.
 */
public class ApiDocumentFilter implements OASFilter {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String JSON = "application/json";

    /** The schema of a JSON object whose fields the examples show, declared on the application. */
    static final String OBJECT_SCHEMA = "JsonObject";
    static final String PROBLEM_SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI document) {
        document.setTags(uniqueTags(document.getTags()));
        if (document.getComponents() != null && document.getComponents().getSchemas() != null) {
            document.getComponents().getSchemas().values().forEach(ApiDocumentFilter::snakeCase);
        }
        document.setServers(List.of(OASFactory.createServer().url("/")
                .description("The server this document was read from (a relative URL: the address the server listens on "
                        + "is not the one its clients use behind a proxy or a DNS name)")));
        if (document.getPaths() == null || document.getPaths().getPathItems() == null) {
            return;
        }
        document.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(this::complete));
    }

    void complete(Operation operation) {
        var responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean body = operation.getRequestBody() != null;
        boolean query = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        boolean path = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
        boolean namesAUser = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY && "user_id".equals(p.getName()));
        if (body || query) {
            add(responses, "400", "BadRequest");
        }
        add(responses, "401", "Unauthorized");
        if (namesAUser) {
            add(responses, "403", "Forbidden");
        }
        if (path) {
            add(responses, "404", "NotFound");
        }
        if (body) {
            add(responses, "413", "PayloadTooLarge");
            add(responses, "415", "UnsupportedMediaType");
        }
        add(responses, "429", "TooManyRequests");
        if (body) {
            jsonObjects(operation.getRequestBody().getContent());
        }
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4")) {
                asProblem(response);
            } else {
                if (code.startsWith("2") && !code.equals("204") && response.getRef() == null && none(response.getContent())) {
                    // an answer declared with a description only: the resources answer JSON unless they say otherwise
                    response.setContent(OASFactory.createContent().addMediaType(JSON, OASFactory.createMediaType()));
                }
                jsonObjects(response.getContent());
            }
        });
    }

    private static void add(APIResponses responses, String code, String shared) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().ref(shared));
        }
    }

    /** A problem answer declared by a resource without its body gets the problem schema. */
    private static void asProblem(APIResponse response) {
        if (response.getRef() != null) {
            return;
        }
        Content content = response.getContent();
        if (content == null || content.getMediaTypes() == null || content.getMediaTypes().isEmpty()) {
            content = OASFactory.createContent();
            response.setContent(content);
        }
        if (!content.hasMediaType(PROBLEM_JSON)) {
            MediaType json = content.getMediaType(JSON);
            content.addMediaType(PROBLEM_JSON, json != null ? json : OASFactory.createMediaType());
            content.removeMediaType(JSON);
        }
        MediaType problem = content.getMediaType(PROBLEM_JSON);
        if (problem.getSchema() == null || isPlain(problem.getSchema())) {
            problem.setSchema(OASFactory.createSchema().ref(PROBLEM_SCHEMA));
        }
        structuredExamples(problem);
    }

    /** JSON bodies and answers without a described schema are JSON objects (the API reads and writes no other JSON). */
    private static void jsonObjects(Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        content.getMediaTypes().forEach((name, media) -> {
            if (name.startsWith(JSON) && media != null) {
                if (media.getSchema() == null || isPlain(media.getSchema())) {
                    media.setSchema(OASFactory.createSchema().ref(OBJECT_SCHEMA));
                }
                structuredExamples(media);
            }
        });
    }

    /** A schema that says nothing of fields: what the scanner makes of a body read as a String or a JsonObject. */
    private static boolean isPlain(Schema schema) {
        return schema.getRef() == null && none(schema.getProperties()) && schema.getItems() == null
                && none(schema.getAllOf()) && none(schema.getOneOf()) && none(schema.getAnyOf());
    }

    private static boolean none(Object collection) {
        return collection == null || (collection instanceof Map<?, ?> map && map.isEmpty())
                || (collection instanceof List<?> list && list.isEmpty())
                || (collection instanceof Content content && none(content.getMediaTypes()));
    }

    /** Examples written in the annotations as JSON text become JSON, so that tools show and check them as such. */
    private static void structuredExamples(MediaType media) {
        if (media.getExamples() != null) {
            media.getExamples().values().forEach(ApiDocumentFilter::structured);
        }
        if (media.getExample() instanceof String text) {
            Object json = parsed(text);
            if (json != null) {
                media.setExample(json);
            }
        }
    }

    private static void structured(Example example) {
        if (example != null && example.getValue() instanceof String text) {
            Object json = parsed(text);
            if (json != null) {
                example.setValue(json);
            }
        }
    }

    /**
     * The JSON text as maps, lists, strings, numbers and booleans; null when it is no JSON object or array, or when it
     * holds a null somewhere: the document writer leaves null entries out of maps, and a null in an example says
     * something ("null sets it back to its default"), so such an example stays text.
     */
    static Object parsed(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return null;
        }
        try (var reader = Json.createReader(new StringReader(trimmed))) {
            JsonValue value = reader.readValue();
            return holdsNull(value) ? null : plain(value);
        } catch (jakarta.json.JsonException e) {
            return null;
        }
    }

    private static boolean holdsNull(JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> true;
            case OBJECT -> ((JsonObject) value).values().stream().anyMatch(ApiDocumentFilter::holdsNull);
            case ARRAY -> ((JsonArray) value).stream().anyMatch(ApiDocumentFilter::holdsNull);
            default -> false;
        };
    }

    private static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                ((JsonObject) value).forEach((k, v) -> map.put(k, plain(v)));
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                ((JsonArray) value).forEach(v -> list.add(plain(v)));
                yield list;
            }
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> {
                JsonNumber number = (JsonNumber) value;
                yield number.isIntegral() ? (Object) number.longValue() : (Object) number.bigDecimalValue();
            }
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> throw new IllegalArgumentException("parsed() keeps JSON with a null as text");
        };
    }

    /**
     * The scanner names a schema's properties after the Java fields ({@code pageSize}); the API writes them with
     * JSON-B's LOWER_CASE_WITH_UNDERSCORES strategy ({@code page_size}, see {@code platform.JsonbSettings}).
     */
    static void snakeCase(Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getProperties() != null && !schema.getProperties().isEmpty()) {
            Map<String, Schema> renamed = new LinkedHashMap<>();
            schema.getProperties().forEach((name, property) -> {
                snakeCase(property);
                renamed.put(snakeCase(name), property);
            });
            schema.setProperties(renamed);
        }
        if (schema.getRequired() != null && !schema.getRequired().isEmpty()) {
            schema.setRequired(schema.getRequired().stream().map(ApiDocumentFilter::snakeCase).toList());
        }
        snakeCase(schema.getItems());
    }

    /** {@code startedAt} as JSON-B's LOWER_CASE_WITH_UNDERSCORES writes it: {@code started_at}. */
    static String snakeCase(String name) {
        var out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    /** Each tag once, in the order first seen (the application's declarations come first), keeping a description. */
    static List<Tag> uniqueTags(List<Tag> tags) {
        if (tags == null) {
            return null;
        }
        Map<String, Tag> byName = new LinkedHashMap<>();
        for (Tag tag : tags) {
            Tag seen = byName.get(tag.getName());
            if (seen == null || (seen.getDescription() == null && tag.getDescription() != null)) {
                byName.put(tag.getName(), tag);
            }
        }
        return new ArrayList<>(byName.values());
    }
}
