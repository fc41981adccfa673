package io.texium.scheduler.problems;

import jakarta.json.Json;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds RFC 9457 {@code application/problem+json} responses. */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problem() {
    }

    public static Response response(int status, String title, String detail, List<FieldProblem> errors) {
        return Response.status(status).type(MEDIA_TYPE).entity(json(status, title, detail, errors)).build();
    }

    /** The problem document as text, for writers outside JAX-RS (the authentication mechanism). */
    public static String json(int status, String title, String detail) {
        return json(status, title, detail, List.of());
    }

    static String json(int status, String title, String detail, List<FieldProblem> errors) {
        var body = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status)
                .add("detail", detail == null ? title : detail);
        if (errors != null && !errors.isEmpty()) {
            var list = Json.createArrayBuilder();
            errors.forEach(e -> list.add(Json.createObjectBuilder().add("field", e.field()).add("message", e.message())));
            body.add("errors", list);
        }
        return body.build().toString();
    }

    public static Response response(int status, String title, String detail) {
        return response(status, title, detail, List.of());
    }

}
