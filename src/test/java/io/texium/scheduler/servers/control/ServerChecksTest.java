package io.texium.scheduler.servers.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.guard.OutboundAddresses;
import io.texium.scheduler.guard.OutboundHttp;
import io.texium.scheduler.platform.LocalHttp;
import io.texium.scheduler.platform.MemoryStore;
import io.texium.scheduler.servers.entity.Server;
import io.texium.scheduler.servers.entity.ServerCheck;
import io.texium.scheduler.servers.entity.ServerStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Server checks against a real local HTTP server and sockets, results written to an in-memory store. */
class ServerChecksTest {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    final LocalHttp http = new LocalHttp();
    final MemoryStore store = new MemoryStore();
    final ServerChecks cut = checks(store, "127.0.0.1");

    static ServerChecks checks(MemoryStore store, String allowedHosts) {
        var checks = new ServerChecks();
        checks.addresses = OutboundAddresses.allowing(allowedHosts);
        checks.http = OutboundHttp.through(checks.addresses);
        checks.queries = new ServerQueries();
        checks.queries.store = store;
        checks.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        checks.pool = Executors.newFixedThreadPool(4);
        return checks;
    }

    @AfterEach
    void stop() {
        cut.pool.shutdownNow();
        http.close();
        store.close();
    }

    Server stored(ServerCheck check) {
        var server = new Server().id(new ObjectId().toHexString()).name("s").userId("u").status(ServerStatus.unknown).check(check);
        var doc = new Document("_id", new ObjectId(server.id())).append("name", "s").append("user_id", "u").append("status", "unknown")
                .append("check_type", check.type()).append("check_url", check.url()).append("check_host", check.host())
                .append("check_port", check.port());
        store.database().getCollection(ServerQueries.COLLECTION).insertOne(doc);
        return server;
    }

    Document inStore(Server server) {
        return store.database().getCollection(ServerQueries.COLLECTION).find(new Document("_id", new ObjectId(server.id()))).first();
    }

    @Test
    void an_http_2xx_is_up_and_recorded() {
        Server server = stored(ServerCheck.http(http.url("/ok")));
        Server checked = cut.check(server, TIMEOUT);
        assertThat(checked.status()).isEqualTo(ServerStatus.up);
        assertThat(checked.lastError()).isNull();
        var doc = inStore(server);
        assertThat(doc.getString("status")).isEqualTo("up");
        assertThat(doc.getDate("last_checked_at")).isEqualTo(Date.from(NOW));
        assertThat(doc.getLong("last_latency_ms")).isNotNegative();
        assertThat(doc.get("last_error")).isNull();
        assertThat(http.seen()).singleElement().satisfies(s -> assertThat(s.method()).isEqualTo("GET"));
    }

    @Test
    void a_3xx_is_up_without_following_it() {
        Server server = stored(ServerCheck.http(http.url("/redirect?to=http%3A%2F%2F169.254.169.254%2F")));
        assertThat(cut.check(server, TIMEOUT).status()).isEqualTo(ServerStatus.up);
        assertThat(http.seen()).hasSize(1);
    }

    @Test
    void a_500_is_down_with_the_status_as_error() {
        Server server = stored(ServerCheck.http(http.url("/status/500")));
        cut.check(server, TIMEOUT);
        assertThat(inStore(server).getString("status")).isEqualTo("down");
        assertThat(inStore(server).getString("last_error")).isEqualTo("HTTP 500");
    }

    @Test
    void a_slow_answer_is_down_at_the_timeout() {
        Server server = stored(ServerCheck.http(http.url("/slow")));
        Server checked = cut.check(server, Duration.ofMillis(300));
        assertThat(checked.status()).isEqualTo(ServerStatus.down);
        assertThat(checked.lastError()).isEqualTo("timed out after 300 ms");
        assertThat(checked.lastLatencyMs()).isBetween(250L, 5000L);
    }

    @Test
    void refused_addresses_are_down_with_the_reason_and_never_contacted() throws IOException {
        var strict = checks(store, null);
        try (var listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            for (ServerCheck check : List.of(ServerCheck.http(http.url("/ok")), ServerCheck.http("http://169.254.169.254/latest/"),
                    ServerCheck.tcp("::1", listener.getLocalPort()), ServerCheck.tcp("127.0.0.1", listener.getLocalPort()))) {
                Server checked = strict.check(stored(check), TIMEOUT);
                assertThat(checked.status()).as(check.toString()).isEqualTo(ServerStatus.down);
                assertThat(checked.lastError()).as(check.toString()).startsWith("refused: ").contains(OutboundAddresses.ALLOWED_HOSTS);
            }
        } finally {
            strict.pool.shutdownNow();
        }
        assertThat(http.seen()).isEmpty();
    }

    @Test
    void tcp_up_when_the_port_accepts_down_when_it_does_not() throws IOException {
        int closed;
        try (var listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(cut.check(stored(ServerCheck.tcp("127.0.0.1", listener.getLocalPort())), TIMEOUT).status()).isEqualTo(ServerStatus.up);
            closed = listener.getLocalPort();
        }
        Server down = cut.check(stored(ServerCheck.tcp("127.0.0.1", closed)), TIMEOUT);
        assertThat(down.status()).isEqualTo(ServerStatus.down);
        assertThat(down.lastError()).containsIgnoringCase("refused");
    }

    @Test
    void many_are_checked_concurrently_in_the_order_given() throws InterruptedException {
        List<Server> servers = List.of(stored(ServerCheck.http(http.url("/ok"))), stored(ServerCheck.http(http.url("/status/404"))),
                stored(ServerCheck.http(http.url("/ok?b"))));
        assertThat(cut.checkAll(servers, TIMEOUT)).extracting(Server::status)
                .containsExactly(ServerStatus.up, ServerStatus.down, ServerStatus.up);
    }

    @Test
    void a_result_for_a_check_changed_meanwhile_is_not_written() {
        Server server = stored(ServerCheck.http(http.url("/ok")));
        store.database().getCollection(ServerQueries.COLLECTION).updateOne(new Document("_id", new ObjectId(server.id())),
                new Document("$set", new Document("check_url", "https://elsewhere.example/")));
        cut.check(server, TIMEOUT);
        assertThat(inStore(server).getString("status")).isEqualTo("unknown");
    }
}
