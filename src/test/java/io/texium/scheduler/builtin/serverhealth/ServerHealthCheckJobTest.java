package io.texium.scheduler.builtin.serverhealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.guard.OutboundAddresses;
import io.texium.scheduler.guard.OutboundHttp;
import io.texium.scheduler.jobs.control.JobCatalog;
import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.jobs.spi.JobContext;
import io.texium.scheduler.platform.Fakes;
import io.texium.scheduler.platform.LocalHttp;
import io.texium.scheduler.platform.MemoryStore;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.servers.control.ServerChecks;
import io.texium.scheduler.servers.control.ServerQueries;
import io.texium.scheduler.servers.control.ServerRepository;
import io.texium.scheduler.servers.entity.Server;
import io.texium.scheduler.servers.entity.ServerCheck;
import io.texium.scheduler.servers.entity.ServerStatus;
import io.texium.scheduler.users.control.Users;
import io.texium.scheduler.users.entity.User;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ServerHealthCheck job over real checks of a local HTTP server; the servers come from stand-ins of the store. */
class ServerHealthCheckJobTest {

    static final String OWNER = new ObjectId().toHexString();
    static final String OTHER = new ObjectId().toHexString();
    static final String ADMIN = new ObjectId().toHexString();

    final LocalHttp http = new LocalHttp();
    final MemoryStore store = new MemoryStore();
    final List<Server> servers = new ArrayList<>();
    final ServerHealthCheckJob cut = new ServerHealthCheckJob();

    ServerHealthCheckJobTest() {
        cut.queries = new ServerQueries() {
            @Override
            public List<Server> of(String userId) {
                return servers.stream().filter(s -> s.userId().equals(userId)).toList();
            }

            @Override
            public boolean recordCheck(String serverId, ServerCheck checked, ServerChecks.Outcome outcome) {
                return true;
            }
        };
        cut.repository = Fakes.of(ServerRepository.class, Map.of("findById",
                a -> servers.stream().filter(s -> s.id().equals(a[0])).findFirst()));
        cut.users = new Users() {
            @Override
            public Optional<User> findById(String userId) {
                return Optional.of(new User().id(userId).role(ADMIN.equals(userId) ? User.ADMIN : User.USER));
            }
        };
        cut.checks = ServerChecks.standalone(OutboundAddresses.allowing("127.0.0.1"), cut.queries, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        cut.checks.stop();
        http.close();
        store.close();
    }

    Server server(String owner, String name, ServerCheck check) {
        var server = new Server().id(new ObjectId().toHexString()).userId(owner).name(name).status(ServerStatus.unknown).check(check);
        servers.add(server);
        return server;
    }

    static JobContext context(String user, Map<String, Object> kwargs) {
        return new JobContext("job", "health", user, "execution", "manual", null, List.of(), kwargs, new Arguments(kwargs, Map.of()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void checks_the_owner_s_servers_and_sums_up() throws Exception {
        server(OWNER, "web", ServerCheck.http(http.url("/ok")));
        server(OWNER, "api", ServerCheck.http(http.url("/status/502")));
        server(OWNER, "bare", null);
        server(OTHER, "not mine", ServerCheck.http(http.url("/ok?other")));

        var output = (Map<String, Object>) cut.run(context(OWNER, Map.of()));
        assertThat(output).containsEntry("checked", 2).containsEntry("up", 1).containsEntry("down", 1).containsEntry("not_found", List.of());
        var rows = (List<Map<String, Object>>) output.get("servers");
        assertThat(rows).extracting(r -> r.get("name") + ":" + r.get("status") + ":" + r.get("error"))
                .containsExactly("web:up:null", "api:down:HTTP 502", "bare:unknown:the server has no check");
        assertThat(http.seen()).extracting(LocalHttp.Seen::path).containsExactlyInAnyOrder("/ok", "/status/502");
    }

    @Test
    void fail_on_down_fails_the_run_naming_the_servers() {
        server(OWNER, "web", ServerCheck.http(http.url("/ok")));
        server(OWNER, "api", ServerCheck.http(http.url("/status/500")));
        assertThatThrownBy(() -> cut.run(context(OWNER, Map.of("fail_on_down", true))))
                .hasMessage("1 of 2 servers down: api (HTTP 500)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void listed_ids_are_checked_only_when_the_owner_may_see_them() throws Exception {
        Server mine = server(OWNER, "mine", ServerCheck.http(http.url("/ok")));
        Server theirs = server(OTHER, "theirs", ServerCheck.http(http.url("/ok")));
        String unknown = new ObjectId().toHexString();
        var kwargs = Map.<String, Object>of("server_ids", List.of(mine.id(), theirs.id(), unknown));

        var output = (Map<String, Object>) cut.run(context(OWNER, kwargs));
        assertThat(output).containsEntry("checked", 1).containsEntry("not_found", List.of(theirs.id(), unknown));
        assertThatThrownBy(() -> cut.run(context(OWNER, Map.of("server_ids", kwargs.get("server_ids"), "fail_on_down", true))))
                .hasMessageContaining("not found: " + theirs.id() + ", " + unknown);

        var asAdmin = (Map<String, Object>) cut.run(context(ADMIN, kwargs));
        assertThat(asAdmin).containsEntry("checked", 2).containsEntry("up", 2).containsEntry("not_found", List.of(unknown));
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_refused_address_counts_as_down() throws Exception {
        server(OWNER, "metadata", ServerCheck.http("http://169.254.169.254/latest/meta-data/"));
        var output = (Map<String, Object>) cut.run(context(OWNER, Map.of()));
        assertThat(output).containsEntry("down", 1);
        assertThat(((List<Map<String, Object>>) output.get("servers")).get(0).get("error").toString()).startsWith("refused: ");
    }

    @Test
    void check_refuses_malformed_ids_and_timeouts() {
        assertThat(cut.check(new Arguments(Map.of("server_ids", List.of("nope")), Map.of()))).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("pub_kwargs.server_ids"));
        assertThat(JobCatalog.problems(cut, List.of(), Map.of("timeout_seconds", 61L)))
                .containsExactly(new FieldProblem("pub_kwargs.timeout_seconds", "must be from 1 to 60"));
        assertThat(cut.check(new Arguments(Map.of("server_ids", List.of(new ObjectId().toHexString()), "timeout_seconds", 5), Map.of()))).isEmpty();
    }
}
