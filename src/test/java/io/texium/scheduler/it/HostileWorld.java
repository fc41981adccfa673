package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The objects the placeholders name: fixed ones for reading and changing, fresh ones for each delete. The jobs,
 * servers and the user record belong to a plain user, the owner; the token endpoints address the admin's own tokens,
 * since tokens are minted by their owner only and no case changes the admin's password (it changes the owner's).
 */
final class HostileWorld {

    static final String PASSWORD = "hostile-password-0123";
    /** The id a placeholder without an object gets: a well-formed id that names nothing. */
    static final String NOBODY = "5f0000000000000000000000";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(fresh:)?([a-z_]+)}");

    final Api admin;
    final String adminId;
    final String owner;
    final String other;
    final Map<String, String> ids = new TreeMap<>();
    final Map<String, Supplier<String>> fresh;
    /** How many fresh objects were made: a case that made one needs the store read again before it is sent. */
    int made;
    /** Fresh objects made and not yet deleted, by placeholder: a refused delete leaves its object for the next case. */
    private final Map<String, String> spare = new TreeMap<>();
    private final Set<String> lastUsed = new HashSet<>();
    private int unique;

    HostileWorld(Api admin) {
        this.admin = admin;
        adminId = admin.get("api/users/?page_size=500").json().getJsonArray("data").stream().map(v -> v.asJsonObject())
                .filter(u -> u.getString("username").equals("admin")).findFirst().orElseThrow().getString("id");
        String suffix = Long.toString(System.nanoTime());
        owner = admin.createUser("hostile-owner-" + suffix, PASSWORD);
        other = "hostile-other-" + suffix;
        admin.createUser(other, PASSWORD);
        ids.put("user_id", owner);
        ids.put("job_id", job());
        ids.put("server_id", server());
        ids.put("token_id", token());
        ids.put("name", admin.post("api/admin/backups", null).json().getString("name"));
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
        return admin.post("api/users/" + adminId + "/tokens", "{\"name\": \"hostile\"}").data().getString("id");
    }

    private static String created(Api.Reply reply, String key) {
        assertThat(reply.status()).as(reply.text()).isBetween(200, 299);
        return reply.json().getString(key);
    }

    /** The fresh objects the last filled request named may be gone: the next case gets new ones. */
    void spent() {
        lastUsed.forEach(spare::remove);
    }

    /** The target and the body of one request, filled; a fresh object is made for {fresh:...} unless one is spare. */
    String[] fill(String target, String body) {
        lastUsed.clear();
        return new String[] {fill(target), body == null ? null : fill(body)};
    }

    private String fill(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        var filled = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String value;
            if (name.equals("unique")) {
                value = Integer.toString(++unique);
            } else if (m.group(1) != null && fresh.containsKey(name)) {
                value = spare.computeIfAbsent(name, n -> {
                    made++;
                    return fresh.get(n).get();
                });
                lastUsed.add(name);
            } else if (name.equals("user_id") && text.startsWith("/tokens", m.end())) {
                value = adminId;
            } else {
                value = ids.getOrDefault(name, NOBODY);
            }
            m.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return m.appendTail(filled).toString();
    }
}
