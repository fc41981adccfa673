package io.texium.scheduler.servers.entity;

import java.util.LinkedHashMap;
import java.util.Map;

/** How a server is checked: an HTTP(S) GET of {@code url}, or a TCP connect to {@code host}:{@code port}. */
public record ServerCheck(String type, String url, String host, Integer port) {

    public static final String HTTP = "http";
    public static final String TCP = "tcp";

    public static ServerCheck http(String url) {
        return new ServerCheck(HTTP, url, null, null);
    }

    public static ServerCheck tcp(String host, int port) {
        return new ServerCheck(TCP, null, host, port);
    }

    /** The check as the API shows it: only the fields of its type. */
    public Map<String, Object> toMap() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", type);
        if (HTTP.equals(type)) {
            fields.put("url", url);
        } else {
            fields.put("host", host);
            fields.put("port", port);
        }
        return fields;
    }
}
