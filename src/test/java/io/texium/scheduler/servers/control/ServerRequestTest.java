package io.texium.scheduler.servers.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.problems.InvalidRequestException;
import io.texium.scheduler.servers.entity.Server;
import io.texium.scheduler.servers.entity.ServerCheck;
import io.texium.scheduler.servers.entity.ServerStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerRequestTest {

    @Test
    void applies_a_create_with_a_tcp_check() {
        var server = new Server();
        var cut = ServerRequest.of("""
                {"name": " db1 ", "user_id": "u1", "description": "primary", "tags": ["prod", " eu ", "prod"],
                 "check": {"type": "TCP", "host": "db1.internal", "port": 5432}}""");
        cut.applyTo(server);
        assertThat(server.name()).isEqualTo("db1");
        assertThat(server.userId()).as("the owner is the service's to set").isNull();
        assertThat(cut.userId()).isEqualTo("u1");
        assertThat(server.tags()).containsExactly("prod", "eu");
        assertThat(server.check()).isEqualTo(ServerCheck.tcp("db1.internal", 5432));
        assertThat(server.check().toMap()).isEqualTo(Map.of("type", "tcp", "host", "db1.internal", "port", 5432));
    }

    @Test
    void applies_an_http_check_and_shows_only_its_fields() {
        var server = new Server();
        ServerRequest.of("{\"name\": \"web\", \"check\": {\"type\": \"http\", \"url\": \"https://example.com/health\"}}")
                .applyTo(server);
        assertThat(server.check().toMap()).containsExactly(Map.entry("type", "http"), Map.entry("url", "https://example.com/health"));
    }

    @Test
    void ignores_read_only_fields_and_clears_with_null() {
        var server = new Server().name("web").description("d").tags(List.of("a")).check(ServerCheck.tcp("h", 1))
                .status(ServerStatus.up);
        ServerRequest.of("{\"status\": \"down\", \"last_error\": \"x\", \"id\": \"1\", \"description\": null, "
                + "\"tags\": null, \"check\": null}").applyTo(server);
        assertThat(server.status()).isEqualTo(ServerStatus.up);
        assertThat(server.description()).isNull();
        assertThat(server.tags()).isEmpty();
        assertThat(server.check()).isNull();
        assertThat(server.name()).isEqualTo("web");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://example.com",
            "https://example.com:8443/health?deep=1",
            "HTTPS://Example.COM/",
            "http://10.0.0.1/ping",
            "http://[::1]:8080/"})
    void accepts_urls(String url) {
        assertThat(CheckRequest.urlProblem(url)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ftp://example.com/          | http",
            "example.com/health          | http",
            "/health                     | http",
            "https://                    | URL",
            "http://exa mple.com/        | URL",
            "https://user:pw@example.com | user name or password",
            "http://host_name/           | host",
            "http://example.com:99999/   | port",
            "file:///etc/passwd          | http"})
    void refuses_urls(String url, String why) {
        assertThat(CheckRequest.urlProblem(url)).isNotNull().containsIgnoringCase(why);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"db1.internal", "localhost", "10.1.2.3", "::1", "[fe80::1]", "2001:db8::ff00:42:8329", "a-b.c"})
    void accepts_hosts(String host) {
        assertThat(CheckRequest.hostProblem(host)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"-db.internal", "db..internal", "db_1.internal", "host name", "http://db1", ":::::", "db1:5432"})
    void refuses_hosts(String host) {
        assertThat(CheckRequest.hostProblem(host)).isNotNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"check\": \"https://example.com\"}                                       | check",
            "{\"check\": {\"url\": \"https://example.com\"}}                            | check.type",
            "{\"check\": {\"type\": \"icmp\", \"host\": \"h\"}}                          | check.type",
            "{\"check\": {\"type\": \"http\"}}                                          | check.url",
            "{\"check\": {\"type\": \"http\", \"url\": \"ftp://x\"}}                     | check.url",
            "{\"check\": {\"type\": \"http\", \"url\": \"https://x\", \"port\": 1}}      | check.port",
            "{\"check\": {\"type\": \"tcp\", \"port\": 22}}                              | check.host",
            "{\"check\": {\"type\": \"tcp\", \"host\": \"h\"}}                           | check.port",
            "{\"check\": {\"type\": \"tcp\", \"host\": \"h\", \"port\": 0}}              | check.port",
            "{\"check\": {\"type\": \"tcp\", \"host\": \"h\", \"port\": 65536}}          | check.port",
            "{\"check\": {\"type\": \"tcp\", \"host\": \"h\", \"port\": 22.5}}           | check.port",
            "{\"check\": {\"type\": \"tcp\", \"host\": \"h\", \"port\": \"22\"}}         | check.port",
            "{\"check\": {\"type\": \"tcp\", \"host\": \"h\", \"port\": 99999999999}}    | check.port",
            "{\"check\": {\"type\": \"tcp\", \"host\": \"h\", \"port\": 22, \"url\": \"https://x\"}} | check.url",
            "{\"name\": \"  \"}                                                           | name",
            "{\"name\": null}                                                             | name",
            "{\"description\": 5}                                                         | description",
            "{\"tags\": \"prod\"}                                                         | tags",
            "{\"tags\": [\"ok\", 1]}                                                      | tags",
            "{\"tags\": [\" \"]}                                                          | tags",
            "{\"user_id\": 42}                                                            | user_id",
            "{\"hostname\": \"x\"}                                                        | hostname"})
    void refuses_invalid_fields_naming_each(String body, String field) {
        assertThatThrownBy(() -> ServerRequest.of(body).applyTo(new Server()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.errors()).extracting(FieldProblem::field).containsExactly(field));
    }

    @Test
    void refuses_too_long_names_and_too_many_tags() {
        String tags = "[" + String.join(",", java.util.stream.IntStream.range(0, 51).mapToObj(i -> "\"t" + i + "\"").toList()) + "]";
        assertThatThrownBy(() -> ServerRequest.of("{\"name\": \"" + "n".repeat(201) + "\", \"tags\": " + tags + "}")
                .applyTo(new Server()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.errors()).extracting(FieldProblem::field).containsExactly("name", "tags"));
    }
}
