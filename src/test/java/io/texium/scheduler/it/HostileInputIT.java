package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.texium.scheduler.it.OpenApiOperations.Operation;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hostile input against every operation the OpenAPI document lists (wrong types, huge values, bad ids, odd
 * encodings and content types, deep JSON, far dates, header tricks; see {@link HostileCases}): no answer is a 5xx,
 * every 4xx is problem+json, no refused request changes what is stored, and the server logs nothing at SEVERE.
 * The store runs in this JVM, so the test reads it directly before and after each refused request.
 */
class HostileInputIT {

    static final String DATABASE = "hostile";
    /**
     * The failed sign-in back-off set far above the hundreds of bad credentials the cases send from one address and
     * partly as {@code admin}: at its defaults it would answer all later requests with 429, and they would test nothing.
     */
    static final Map<String, String> SETTINGS = Map.of("texium.admin.password", Api.ADMIN_PASSWORD,
            "texium.ratelimit.failed-sign-ins.per-username", "100000", "texium.ratelimit.failed-sign-ins.per-address", "100000");

    @Test
    void hostile_requests_get_no_5xx_a_problem_for_each_4xx_and_change_nothing_when_refused() throws Exception {
        Path dir = Files.createTempDirectory(PayaraProcess.targetDir().toPath(), "hostile-");
        Path log = dir.resolve("payara.log");
        var mongo = new MongoServer(new MemoryBackend());
        mongo.bind(new InetSocketAddress("127.0.0.1", 0));
        String uri = "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort();
        try (var client = MongoClients.create(uri);
             var server = PayaraProcess.start(log, SETTINGS, Map.of("TEXIUM_MONGODB_URI", uri, "TEXIUM_MONGODB_DATABASE", DATABASE))) {
            var api = server.api();
            List<Operation> operations = OpenApiOperations.read(api.get("openapi?format=JSON").text());
            var run = new HostileRun(new HostileWorld(api.asAdmin()), new RawHttp(server.base()), client.getDatabase(DATABASE));
            long logStart = Files.size(log);
            long started = System.nanoTime();
            for (Operation operation : operations) {
                run.example(operation);
                HostileCases.of(operation).forEach(run::send);
            }
            run.settle();
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("[hostile] %d requests against %d operations in %d ms, %d store reads (%d ms); statuses %s%n",
                    run.requests, operations.size(), millis, run.reads, run.readMillis, run.statuses);
            var severe = severe(log, logStart);
            assertSoftly(s -> {
                s.assertThat(operations).as("the OpenAPI document lists the API").hasSizeGreaterThan(20);
                s.assertThat(run.requests).isGreaterThanOrEqualTo(500);
                s.assertThat(run.failures).as(run.failures.size() + " failures").isEmpty();
                s.assertThat(severe).as("SEVERE entries in " + log).isEmpty();
            });
        } finally {
            mongo.shutdownNow();
        }
    }

    /** The SEVERE entries the server logged after {@code from}, each with the line that follows (the message). */
    static List<String> severe(Path log, long from) throws java.io.IOException {
        byte[] all = Files.readAllBytes(log);
        String[] lines = new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8).split("\n");
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("SEVERE")) {
                entries.add(lines[i] + (i + 2 < lines.length ? " | " + lines[i + 1].trim() + " | " + lines[i + 2].trim() : ""));
            }
        }
        return entries;
    }
}
