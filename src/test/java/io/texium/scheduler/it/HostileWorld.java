package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The objects the placeholders name: fixed ones for reading and changing, fresh ones for each delete. */
final class HostileWorld {

    static final String PASSWORD = "hostile-password-0123";
    /** The id a placeholder without an object gets: a well-formed id that names nothing. */
    static final String NOBODY = "5f0000000000000000000000";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(fresh:)?([a-z_]+)}");

    final Api admin;
    final String owner;
    final String other;
    final Map<String, String> ids = new TreeMap<>();
    final Map<String, Supplier<String>> fresh;
    /** How many fresh objects were made: a case that made one needs the store read again before it is sent. */
    int made;
    private int unique;

    HostileWorld(Api admin) {
        this.admin = admin;
        String suffix = Long.toString(System.nanoTime());
        owner = admin.createUser("hostile-owner-" + suffix, PASSWORD);
        other = "hostile-other-" + suffix;
        admin.createUser(other, PASSWORD);
        ids.put("user_id", owner);
        ids.put("job_id", job());
        ids.put("server_id", server());
        ids.put("token_id", token());
        ids.put("execution_id", created(admin.post("api/scheduler/jobs/" + ids.get("job_id") + "/run", null), "execution_id"));
        fresh = Map.of("job_id", this::job, "server_id", this::server, "token_id", this::token,
                "user_id", () -> admin.createUser("hostile-gone-" + System.nanoTime(), PASSWORD));
    }

    String job() {
        return created(admin.post("api/scheduler/jobs", """
                {"user_id": "%s", "job_class_string": "jobs.echo.EchoJob", "name": "hostile", "hour": "3", "year": "2099"}"""
                .formatted(owner)), "job_id");
    }

    String server() {
        return admin.post("api/servers/", """
                {"user_id": "%s", "name": "db", "check": {"type": "tcp", "host": "localhost", "port": 5432}}"""
                .formatted(owner)).data().getString("id");
    }

    String token() {
        return admin.post("api/users/" + owner + "/tokens", "{\"name\": \"hostile\"}").data().getString("id");
    }

    private static String created(Api.Reply reply, String key) {
        assertThat(reply.status()).as(reply.text()).isBetween(200, 299);
        return reply.json().getString(key);
    }

    /** The text with each placeholder filled; a fresh object is made for each {fresh:...}. */
    String fill(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        var filled = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String value;
            if (name.equals("unique")) {
                value = Integer.toString(++unique);
            } else if (m.group(1) != null && fresh.containsKey(name)) {
                value = fresh.get(name).get();
                made++;
            } else {
                value = ids.getOrDefault(name, NOBODY);
            }
            m.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return m.appendTail(filled).toString();
    }
}
