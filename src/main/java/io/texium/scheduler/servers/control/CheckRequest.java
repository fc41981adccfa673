package io.texium.scheduler.servers.control;

import io.texium.scheduler.guard.OutboundAddresses;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.servers.entity.ServerCheck;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code check} object of a server request: {@code {"type": "http", "url": "https://..."}} or
 * {@code {"type": "tcp", "host": "db1.internal", "port": 5432}}. Problems are named {@code check.<field>}.
 * Nothing here resolves a name or opens a connection.
 */
final class CheckRequest {

    static final int MAX_HOST = 253;

    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern HOST_NAME = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*");
    private static final Set<String> HTTP_FIELDS = Set.of("type", "url");
    private static final Set<String> TCP_FIELDS = Set.of("type", "host", "port");

    private CheckRequest() {
    }

    /** The check, or null when the value is null or has problems (which are added to {@code problems}). */
    static ServerCheck parse(JsonValue value, List<FieldProblem> problems) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonObject check)) {
            problems.add(new FieldProblem("check", "must be an object such as {\"type\": \"http\", \"url\": \"https://example.com/health\"}"));
            return null;
        }
        String type = check.get("type") instanceof JsonString s ? s.getString().trim().toLowerCase(Locale.ROOT) : null;
        if (!ServerCheck.HTTP.equals(type) && !ServerCheck.TCP.equals(type)) {
            problems.add(new FieldProblem("check.type", "must be 'http' or 'tcp'"));
            return null;
        }
        int before = problems.size();
        Set<String> allowed = ServerCheck.HTTP.equals(type) ? HTTP_FIELDS : TCP_FIELDS;
        check.keySet().stream().filter(k -> !allowed.contains(k))
                .forEach(k -> problems.add(new FieldProblem("check." + k, "is not a field of a " + type + " check")));
        ServerCheck result;
        if (ServerCheck.HTTP.equals(type)) {
            String url = required("check.url", check.get("url"), problems);
            report("check.url", url == null ? null : urlProblem(url), problems);
            result = ServerCheck.http(url);
        } else {
            String host = required("check.host", check.get("host"), problems);
            report("check.host", host == null ? null : hostProblem(host), problems);
            Integer port = port(check.get("port"), problems);
            result = new ServerCheck(ServerCheck.TCP, null, host, port);
        }
        return problems.size() == before ? result : null;
    }

    static String urlProblem(String url) {
        return OutboundAddresses.urlSyntaxProblem(url);
    }

    static String hostProblem(String host) {
        if (host.length() > MAX_HOST) {
            return "must be at most " + MAX_HOST + " characters";
        }
        if (HOST_NAME.matcher(host).matches()) {
            return null;
        }
        // with a colon, InetAddress only parses an IPv6 literal: it never asks DNS
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (literal.contains(":") && literal.matches("[0-9A-Fa-f:.]+")) {
            try {
                InetAddress.getByName(literal);
                return null;
            } catch (UnknownHostException e) {
                // reported below
            }
        }
        return "must be a host name (e.g. db1.internal) or an IP address";
    }

    private static Integer port(JsonValue value, List<FieldProblem> problems) {
        if (value == null) {
            problems.add(new FieldProblem("check.port", "is required"));
            return null;
        }
        if (value instanceof JsonNumber n && n.isIntegral() && n.bigIntegerValue().bitLength() < 32
                && n.intValue() >= 1 && n.intValue() <= 65535) {
            return n.intValue();
        }
        problems.add(new FieldProblem("check.port", "must be an integer from 1 to 65535"));
        return null;
    }

    private static String required(String field, JsonValue value, List<FieldProblem> problems) {
        if (value instanceof JsonString s && !s.getString().isBlank()) {
            return s.getString().trim();
        }
        problems.add(new FieldProblem(field, value == null ? "is required" : "must be a non-blank string"));
        return null;
    }

    private static void report(String field, String problem, List<FieldProblem> problems) {
        if (problem != null) {
            problems.add(new FieldProblem(field, problem));
        }
    }
}
