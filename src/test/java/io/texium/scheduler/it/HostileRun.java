package io.texium.scheduler.it;

import com.mongodb.client.MongoDatabase;
import io.texium.scheduler.it.HostileCases.Caller;
import io.texium.scheduler.it.HostileCases.Case;
import io.texium.scheduler.it.OpenApiOperations.Operation;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends the cases one by one and records what went wrong. The store is read before and after each refused
 * request; a GET must change nothing whatever it answers, so one read after a run of GETs checks them all.
 */
final class HostileRun {

    /** One request as it goes out: the case with its placeholders filled and its credentials added. */
    record Request(Case source, String target, List<String> headers, byte[] body) {
    }

    final HostileWorld world;
    final RawHttp http;
    final MongoDatabase store;
    final List<String> failures = new ArrayList<>();
    final Map<Integer, Integer> statuses = new TreeMap<>();
    private final List<Case> gets = new ArrayList<>();
    int requests;
    int reads;
    long readMillis;
    private StoredData known;

    HostileRun(HostileWorld world, RawHttp http, MongoDatabase store) {
        this.world = world;
        this.http = http;
        this.store = store;
    }

    /** The operation's first body example, with real ids, is accepted: the cases start from a sound request. */
    void example(Operation operation) {
        if (!operation.takesBody()) {
            return;
        }
        if (operation.bodyExamples().isEmpty()) {
            failures.add(operation + ": the OpenAPI document shows no request body example, so no field is tried");
            return;
        }
        settle();
        String path = operation.method().equals("DELETE") ? HostileCases.freshLast(operation.path()) : operation.path();
        String body = HostileCases.baseline(operation.bodyExamples().getFirst()).toString();
        var reply = exchange(request(new Case("the example", Caller.ADMIN, operation.method(), path,
                List.of("Content-Type: application/json"), body.getBytes(StandardCharsets.UTF_8), false)));
        if (reply.status() < 200 || reply.status() > 299) {
            failures.add(operation + ": its documented example is refused: " + reply.status() + " " + reply.text());
        }
        known = null;
    }

    void send(Case c) {
        boolean get = c.method().equals("GET");
        if (!get) {
            settle();
        }
        int made = world.made;
        Request request = request(c);
        if (known == null || world.made != made) {
            known = read();
        }
        RawHttp.Reply reply;
        try {
            reply = exchange(request);
        } catch (RuntimeException e) {
            failures.add(describe(c) + ": no answer: " + e.getMessage());
            world.spent();
            known = null;
            return;
        }
        boolean refused = reply.status() >= 400 && reply.status() < 500;
        if (!refused) {
            world.spent();
        }
        if (reply.status() >= 500) {
            failures.add(describe(c) + ": " + reply.status() + " " + RawHttp.abbreviate(reply.text()));
        }
        if (refused && !c.beforeTheApplication() && !isProblem(reply)) {
            failures.add(describe(c) + ": " + reply.status() + " without a problem+json body: "
                    + reply.header("Content-Type") + " " + RawHttp.abbreviate(reply.text()));
        }
        if (get) {
            gets.add(c);
        } else if (refused) {
            compare(describe(c) + ": refused with " + reply.status() + " but changed ");
        } else {
            known = null;
        }
    }

    /** Checks the GETs sent since the last read. */
    void settle() {
        if (!gets.isEmpty()) {
            compare("one of " + gets.size() + " GETs (" + gets.stream().limit(3).map(HostileRun::describe).toList() + ") changed ");
            gets.clear();
        }
    }

    private void compare(String failure) {
        StoredData after = read();
        var changes = known.differences(after);
        if (!changes.isEmpty()) {
            failures.add(failure + changes);
        }
        known = after;
    }

    /** The case ready to send; a fresh object it names is made now, before the store is read. */
    private Request request(Case c) {
        List<String> headers = new ArrayList<>(c.headers());
        switch (c.caller()) {
            case ADMIN -> headers.add("Authorization: Basic " + HostileCases.b64("admin:" + Api.ADMIN_PASSWORD));
            case OTHER_USER -> headers.add("Authorization: Basic " + HostileCases.b64(world.other + ":" + HostileWorld.PASSWORD));
            case NONE -> { }
        }
        String[] filled = world.fill(c.target(), c.body() == null ? null : new String(c.body(), StandardCharsets.ISO_8859_1));
        byte[] body = filled[1] == null ? null : filled[1].getBytes(StandardCharsets.ISO_8859_1);
        return new Request(c, filled[0], headers, body);
    }

    private RawHttp.Reply exchange(Request request) {
        var reply = http.send(request.source().method(), request.target(), request.headers(), request.body());
        requests++;
        statuses.merge(reply.status(), 1, Integer::sum);
        return reply;
    }

    private StoredData read() {
        long start = System.nanoTime();
        var data = StoredData.read(store);
        reads++;
        readMillis += (System.nanoTime() - start) / 1_000_000;
        return data;
    }

    private static boolean isProblem(RawHttp.Reply reply) {
        if (!reply.header("Content-Type").startsWith("application/problem+json")) {
            return false;
        }
        try (var reader = Json.createReader(new StringReader(reply.text()))) {
            JsonObject problem = reader.readObject();
            return problem.getInt("status", -1) == reply.status() && problem.containsKey("title");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String describe(Case c) {
        return c.method() + " " + RawHttp.abbreviate(c.target()) + " [" + RawHttp.abbreviate(c.label()) + ", " + c.caller() + "]";
    }
}
