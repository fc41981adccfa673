package io.texium.scheduler.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An address or a CIDR block ({@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code fd00::/8}), and the parsing of IP
 * literals. Text from a request header is never looked up in DNS: only a literal that {@link InetAddress} parses
 * without a lookup is handed to it (a dotted quad, or text with a colon, which it takes as IPv6 or rejects).
 */
record AddressRange(byte[] network, int prefix) {

    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    /** A range from configuration; a malformed one fails the deployment rather than trust something unintended. */
    static AddressRange parse(String text) {
        return parse("texium.trusted-proxies", text);
    }

    /** A range from the configuration key {@code key}, which the message of a malformed one names. */
    static AddressRange parse(String key, String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress parsed = literal(address).orElseThrow(() -> new IllegalArgumentException(
                key + ": not an IP address or CIDR block: " + text));
        int bits = parsed.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException(key + ": bad prefix length in " + text);
        }
        return new AddressRange(parsed.getAddress(), prefix);
    }

    /** An IP literal (IPv6 optionally in brackets), or empty for anything else. */
    static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.length() > 2 && s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        boolean v6 = s.indexOf(':') >= 0;
        if (!(v6 ? IPV6 : IPV4).matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (bytes[whole] & mask) == (network[whole] & mask);
    }
}
