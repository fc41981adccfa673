package io.texium.scheduler.it;

import io.texium.scheduler.it.OpenApiOperations.Operation;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The hostile requests, generated per operation of the OpenAPI document from tables of values: each query and path
 * parameter gets every parameter value, each field of each request body example every body value, each body the
 * malformed bodies, and each operation the header tricks. Targets and bodies keep placeholders ({@code {job_id}},
 * {@code {fresh:job_id}}, {@code {unique}}) that the runner fills with the ids of real objects when it sends them.
 */
final class HostileCases {

    /** Who sends a case: the admin, a plain user who owns none of the objects, or nobody (the case sets its own). */
    enum Caller { ADMIN, OTHER_USER, NONE }

    /**
     * One request. {@code beforeTheApplication}: the HTTP layer may refuse it before any application code runs, so a
     * 4xx need not be problem+json.
     */
    record Case(String label, Caller caller, String method, String target, List<String> headers, byte[] body,
                boolean beforeTheApplication) {
    }

    /** Query and path values, as they stand in the request target (so malformed escapes go out as they are). */
    static final List<String> PARAMETER_VALUES = Stream.of(
            // wrong types
            List.of(enc("abc"), enc("-1"), enc("0"), enc("1.5"), enc("true"), enc("[]")),
            // huge values
            List.of(enc("99999999999999999999999"), enc("-9223372036854775809"), "9".repeat(4000)),
            // ids of the wrong shape, and injections
            List.of("000000000000000000000000", "ffffffffffffffffffffffff", "zzzzzzzzzzzzzzzzzzzzzzzz", "507F1F77BCF86CD799439011",
                    enc("{\"$gt\": \"\"}"), enc("$ne"), enc("' OR 1=1 --"), enc("("), enc(".*"), enc("a{99999}"),
                    enc("../../api/users")),
            // odd encodings
            List.of(enc("\u202e"), enc("\uD83D\uDCA9"), "+", "%20%20"),
            // far and odd dates
            List.of(enc("+999999999-12-31T00:00:00Z"), enc("-999999999-01-01T00:00:00Z"), enc("0000-01-01T00:00:00Z"),
                    enc("1969-12-31T23:59:59Z"), enc("+10000-01-01T00:00:00Z"), enc("9999-12-31T23:59:59.999999999Z"),
                    enc("2026-02-30T00:00:00Z"), enc("2026-11-28T09:00:00+18:00"), enc("2026-11-28")))
            .flatMap(List::stream).toList();

    /**
     * Only in the query string: escapes that do not decode, or decode to bytes that are not UTF-8, and a long value.
     * (In a path segment Payara answers a malformed escape such as {@code %ZZ} itself, with an empty 200 and a SEVERE
     * log entry, before any application code runs.)
     */
    static final List<String> QUERY_ONLY_VALUES = List.of("%00", "%ZZ", "%", "%u0041", "%C0%AF", "%FF%FE", "%ED%A0%80",
            "%0D%0AX-Injected:%20yes", "a".repeat(6000));

    /** Only in a path segment, refused by the servlet container ("400 Invalid URI") before routing. */
    static final List<String> CONTAINER_REFUSED_PATH_VALUES = List.of("%00", "%5C", "%C0%AF", "%FF%FE", "%ED%A0%80");

    /** JSON values for one body field, as JSON text. */
    static final List<String> BODY_VALUES = Stream.of(
            // wrong types
            List.of("null", "true", "0", "-1", "1.5", "[]", "{}", "[\"a\", 1, null]"),
            // huge values
            List.of("1e309", "123456789012345678901234567890", "1e999999999", "9".repeat(5000), quote("a".repeat(100_000)),
                    array(150), array(900)),
            // odd strings and encodings
            List.of("\"\"", "\" \"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\u202e\"", "\"\uD83D\uDCA9\"", "\"${jndi:ldap://x}\""),
            // injections and values MongoDB or the mapping treat specially
            List.of("{\"$gt\": \"\"}", "{\"a.b\": 1, \"$set\": 2}", "{\"\\u0000\": 1}", "[\"x\", {\"k\\u0000\": 1}]",
                    "[{\"b\": null}]"),
            // far and odd dates
            List.of(quote("+999999999-12-31T00:00:00Z"), quote("-999999999-01-01T00:00:00"), quote("1969-12-31T23:59:59Z"),
                    quote("9999-12-31T23:59:59Z"), quote("+10000-01-01"), quote("2026-02-30")))
            .flatMap(List::stream).toList();

    /** Whole bodies: malformed, of the wrong JSON type, too deep, or in odd encodings. */
    static final List<String> MALFORMED_BODIES = List.of("", "null", "[]", "42", "{", "{}{}", "{'a': 1}", "{\"a\": NaN}",
            "{\"a\": \"\\uZZZZ\"}", array(5000), "{\"a\":".repeat(5000) + "1" + "}".repeat(5000), "\u0000", "\uFEFF{}");

    /**
     * Header tricks sent with an otherwise sound request. A value with bytes beyond ASCII is refused by the HTTP
     * layer (an empty 400) before the application sees it.
     */
    record HeaderTrick(String label, Caller caller, List<String> headers, boolean beforeTheApplication) {
    }

    static final List<HeaderTrick> HEADER_TRICKS = List.of(
            trick("Accept: application/xml"), trick("Accept: */*;q=0"), trick("Accept: ;;;"),
            trick("Accept: application/json;q=abc"), trick("Accept-Charset: utf-7"), trick("Accept-Language: \u00ff\u00fe"),
            trick("X-HTTP-Method-Override: DELETE"), trick("X-Forwarded-For: ::::, 999.1.1.1"),
            trick("Forwarded: for=\"[::1\";proto=x"), trick("If-Match: *"), trick("Content-Encoding: gzip"),
            trick("X-Padding: " + "p".repeat(60_000)),
            new HeaderTrick("two credentials", Caller.ADMIN, List.of("Authorization: Basic " + b64("nobody:x")), false),
            credentials("Basic !!!"), credentials("Basic " + b64("admin")), credentials("Basic " + b64("admin:wrong")),
            credentials("Basic " + b64("\u0000admin:" + Api.ADMIN_PASSWORD)), credentials("Basic \u00ff\u00fe"),
            credentials("Bearer "), credentials("Bearer " + "x".repeat(8_000)), credentials("Bearer txm_\u00ff"),
            credentials("Negotiate abc"));

    /** Content types for an operation that takes a body, charsets the server does not know among them. */
    static final List<String> CONTENT_TYPES = List.of("", "text/plain", "application/xml", "application/x-www-form-urlencoded",
            "application/json; charset=iso-8859-1", "application/json; charset=utf-7", "application/json; charset=bogus",
            "application/json;;;", "application/json; charset=\"utf-8\"", "*/*");

    private HostileCases() {
    }

    /** Every case for one operation, its body examples made sound with the placeholders. */
    static List<Case> of(Operation op) {
        List<Case> cases = new ArrayList<>();
        String path = op.method().equals("DELETE") ? freshLast(op.path()) : op.path();
        String body = op.takesBody() ? baseline(op.bodyExamples().getFirst()).toString() : null;
        for (var parameter : op.in("query")) {
            for (String value : Stream.concat(PARAMETER_VALUES.stream(), QUERY_ONLY_VALUES.stream()).toList()) {
                cases.add(new Case("query " + parameter.name() + "=" + value, Caller.ADMIN, op.method(),
                        path + "?" + parameter.name() + "=" + value, json(body), utf8(body), false));
            }
            cases.add(new Case("query " + parameter.name() + " twice", Caller.ADMIN, op.method(),
                    path + "?" + parameter.name() + "=1&" + parameter.name() + "=x", json(body), utf8(body), false));
        }
        for (var parameter : op.in("path")) {
            for (String value : Stream.concat(PARAMETER_VALUES.stream(), CONTAINER_REFUSED_PATH_VALUES.stream()).toList()) {
                String target = path.replace("{fresh:" + parameter.name() + "}", value).replace("{" + parameter.name() + "}", value);
                boolean http = CONTAINER_REFUSED_PATH_VALUES.contains(value);
                cases.add(new Case("path " + parameter.name() + "=" + value, Caller.ADMIN, op.method(), target, json(body),
                        utf8(body), http));
                if (value.matches("[0-9a-zA-Z]{24}")) {
                    cases.add(new Case("path " + parameter.name() + "=" + value, Caller.OTHER_USER, op.method(), target,
                            json(body), utf8(body), false));
                }
            }
        }
        cases.add(new Case("another user's objects", Caller.OTHER_USER, op.method(), path, json(body), utf8(body), false));
        if (op.takesBody()) {
            Set<String> tried = new HashSet<>();
            for (JsonObject example : op.bodyExamples()) {
                cases.addAll(fieldCases(op.method(), path, baseline(example), tried));
            }
            for (String malformed : MALFORMED_BODIES) {
                cases.add(new Case("body " + malformed, Caller.ADMIN, op.method(), path, json(body), utf8(malformed), false));
            }
            cases.add(new Case("body with invalid UTF-8", Caller.ADMIN, op.method(), path, json(body), withInvalidUtf8(body), false));
            cases.add(new Case("a body of 2 MiB", Caller.ADMIN, op.method(), path, json(body),
                    utf8("{\"a\": \"" + "a".repeat(2 << 20) + "\"}"), false));
            cases.add(new Case("body in UTF-16", Caller.ADMIN, op.method(), path,
                    List.of("Content-Type: application/json; charset=utf-16"), body.getBytes(StandardCharsets.UTF_16), false));
            for (String type : CONTENT_TYPES) {
                cases.add(new Case("Content-Type " + type, Caller.ADMIN, op.method(), path,
                        type.isEmpty() ? List.of() : List.of("Content-Type: " + type), utf8(body), false));
            }
        } else {
            // Payara's HTTP layer answers a GET or DELETE with a body itself: an empty 400
            boolean refusedByHttp = op.method().equals("GET") || op.method().equals("DELETE");
            cases.add(new Case("an unexpected body", Caller.ADMIN, op.method(), path, json("{}"), utf8("{\"a\": 1}"), refusedByHttp));
        }
        for (HeaderTrick trick : HEADER_TRICKS) {
            List<String> headers = new ArrayList<>(json(body));
            headers.addAll(trick.headers());
            cases.add(new Case("header " + trick.label(), trick.caller(), op.method(), path, headers, utf8(body),
                    trick.beforeTheApplication()));
        }
        for (String method : List.of("PROPFIND", "DELETE")) {
            if (!method.equals(op.method())) {
                String target = method.equals("DELETE") ? freshLast(op.path()) : op.path();
                cases.add(new Case("method " + method, Caller.ADMIN, method, target, List.of(), null, false));
            }
        }
        return cases;
    }

    /** The path with its last parameter naming a fresh object: what a DELETE removes is made anew for each case. */
    static String freshLast(String path) {
        int open = path.lastIndexOf('{');
        return open < 0 ? path : path.substring(0, open + 1) + "fresh:" + path.substring(open + 1);
    }

    /**
     * Each field of the example (and each field of a nested object) set to every body value, then left out; a field
     * an earlier example of the operation showed is {@code tried} already.
     */
    private static List<Case> fieldCases(String method, String path, JsonObject example, Set<String> tried) {
        List<Case> cases = new ArrayList<>();
        for (String field : example.keySet()) {
            if (!tried.add(field)) {
                continue;
            }
            List<String> fields = new ArrayList<>(List.of(field));
            if (example.get(field) instanceof JsonObject nested) {
                nested.keySet().forEach(inner -> fields.add(field + "." + inner));
            }
            for (String name : fields) {
                for (String value : BODY_VALUES) {
                    String body = with(example, name, value);
                    cases.add(new Case("field " + name + "=" + value, Caller.ADMIN, method, path, json(body), utf8(body), false));
                }
            }
            String without = jakarta.json.Json.createObjectBuilder(example).remove(field).build().toString();
            cases.add(new Case("field " + field + " left out", Caller.ADMIN, method, path, json(without), utf8(without), false));
        }
        String extra = jakarta.json.Json.createObjectBuilder(example).add("$where", "sleep(10000)").build().toString();
        cases.add(new Case("an unknown field", Caller.ADMIN, method, path, json(extra), utf8(extra), false));
        return cases;
    }

    /** The example with ids of real objects and unique names, so that it is accepted as it stands. */
    static JsonObject baseline(JsonObject example) {
        var builder = jakarta.json.Json.createObjectBuilder(example);
        example.forEach((field, value) -> {
            if (field.endsWith("_id") && value.getValueType() == JsonValue.ValueType.STRING) {
                builder.add(field, "{" + field + "}");
            } else if (field.equals("username")) {
                builder.add(field, "hostile-{unique}");
            } else if (field.equals("email")) {
                builder.add(field, "hostile-{unique}@example.com");
            }
        });
        return builder.build();
    }

    /** The example's JSON with the field at {@code path} ({@code a} or {@code a.b}) set to the raw JSON {@code value}. */
    private static String with(JsonObject example, String path, String value) {
        String marker = "\"__hostile_value__\"";
        String[] parts = path.split("\\.", 2);
        var builder = jakarta.json.Json.createObjectBuilder(example);
        if (parts.length == 1) {
            builder.add(parts[0], "__hostile_value__");
        } else {
            builder.add(parts[0], jakarta.json.Json.createObjectBuilder(example.getJsonObject(parts[0])).add(parts[1], "__hostile_value__"));
        }
        return builder.build().toString().replace(marker, value);
    }

    private static byte[] withInvalidUtf8(String body) {
        byte[] text = utf8(body.replaceFirst(":\\s*\"", ": \"\u0001"));
        for (int i = 0; i < text.length; i++) {
            if (text[i] == 1) {
                text[i] = (byte) 0xC3; // a lead byte followed by a quote: not UTF-8
            }
        }
        return text;
    }

    private static HeaderTrick trick(String header) {
        return new HeaderTrick(label(header), Caller.ADMIN, List.of(header), refusedByHttp(header));
    }

    /** A request whose only credentials are this Authorization value. */
    private static HeaderTrick credentials(String value) {
        String header = "Authorization: " + value;
        return new HeaderTrick(label(header), Caller.NONE, List.of(header), refusedByHttp(header));
    }

    /** The HTTP layer refuses a header with bytes beyond ASCII, or beyond its size limit, before the application runs. */
    private static boolean refusedByHttp(String header) {
        return header.length() > 8_000 || header.chars().anyMatch(c -> c > 0x7e);
    }

    private static String label(String header) {
        return header.length() > 60 ? header.substring(0, 40) + "...(" + header.length() + " chars)" : header;
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> json(String body) {
        return body == null ? List.of() : List.of("Content-Type: application/json");
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    private static String array(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }
}
