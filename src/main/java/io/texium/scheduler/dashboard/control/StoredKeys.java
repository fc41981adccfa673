package io.texium.scheduler.dashboard.control;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Ids used as field names in a rollup document: an id of letters, digits, '-' and '_' stays as it is (every id
 * the scheduler makes), anything else is written as {@code ~} and its UTF-8 bytes in hex, so that no id can carry a
 * '.' or a leading '$' into a field name or a projection.
 */
final class StoredKeys {

    private StoredKeys() {
    }

    static String of(String id) {
        if (id == null) {
            return "~";
        }
        if (id.matches("[A-Za-z0-9_-]{1,100}")) {
            return id;
        }
        return "~" + HexFormat.of().formatHex(id.getBytes(StandardCharsets.UTF_8));
    }

    static String from(String key) {
        if (key.equals("~")) {
            return null;
        }
        if (key.startsWith("~")) {
            return new String(HexFormat.of().parseHex(key.substring(1)), StandardCharsets.UTF_8);
        }
        return key;
    }
}
