package io.texium.scheduler.guard;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the scheduler may connect on a user's behalf (webhooks, server checks), against server-side request
 * forgery: a host is resolved once, and an address in a loopback, link-local (cloud metadata), private, shared
 * (CGNAT), any-local, multicast or reserved range is refused, also in its IPv4-mapped, -compatible and NAT64 IPv6
 * forms, unless {@value #ALLOWED_HOSTS} lists the host name, the address or a CIDR block holding it. The socket is
 * connected to the very address that was checked, so a second DNS answer cannot send it elsewhere.
 */
@ApplicationScoped
public class OutboundAddresses {

    public static final String ALLOWED_HOSTS = "texium.webhook.allowed-hosts";
    static final int MAX_URL = 2048;

    /** A refused block and what it is, for the message. */
    record Refused(AddressRange range, String what) {
    }

    static final List<Refused> REFUSED = List.of(
            refused("0.0.0.0/8", "any-local"),
            refused("10.0.0.0/8", "private"),
            refused("100.64.0.0/10", "shared (CGNAT)"),
            refused("127.0.0.0/8", "loopback"),
            refused("169.254.0.0/16", "link-local (cloud metadata)"),
            refused("172.16.0.0/12", "private"),
            refused("192.0.0.0/24", "reserved (IETF protocol assignments)"),
            refused("192.168.0.0/16", "private"),
            refused("198.18.0.0/15", "reserved (benchmarking)"),
            refused("224.0.0.0/4", "multicast"),
            refused("240.0.0.0/4", "reserved (incl. broadcast)"),
            refused("::/128", "any-local"),
            refused("::1/128", "loopback"),
            refused("fc00::/7", "private (unique local)"),
            refused("fe80::/10", "link-local"),
            refused("fec0::/10", "site-local"),
            refused("ff00::/8", "multicast"));

    @Inject
    @ConfigProperty(name = ALLOWED_HOSTS)
    Optional<String> allowedHosts;

    private Set<String> allowedNames = Set.of();
    private List<AddressRange> allowedRanges = List.of();

    /** The guard with this {@value #ALLOWED_HOSTS} list, for code and tests outside the container. */
    public static OutboundAddresses allowing(String list) {
        var addresses = new OutboundAddresses();
        addresses.allowedHosts = Optional.ofNullable(list);
        addresses.configure();
        return addresses;
    }

    @PostConstruct
    void configure() {
        Set<String> names = new HashSet<>();
        List<AddressRange> ranges = new ArrayList<>();
        allowedHosts.stream().flatMap(list -> Arrays.stream(list.split("[,\\s]+"))).filter(e -> !e.isBlank()).forEach(entry -> {
            String bare = entry.strip();
            if (AddressRange.literal(bare.contains("/") ? bare.substring(0, bare.indexOf('/')) : bare).isPresent()) {
                ranges.add(AddressRange.parse(ALLOWED_HOSTS, bare));
            } else {
                names.add(bare.toLowerCase(Locale.ROOT));
            }
        });
        allowedNames = Set.copyOf(names);
        allowedRanges = List.copyOf(ranges);
    }

    /**
     * What is wrong with a URL to call, without any network I/O: its syntax, a scheme other than http(s), a user
     * name or password in it (which would be stored and shown in clear); empty when it may be called as far as
     * can be told before resolving its host.
     */
    public Optional<String> urlProblem(String url) {
        String syntax = urlSyntaxProblem(url);
        if (syntax != null) {
            return Optional.of(syntax);
        }
        return refusal(URI.create(url).getHost());
    }

    /** The syntax rules of {@link #urlProblem} alone, for callers that have no guard at hand; null when none is broken. */
    public static String urlSyntaxProblem(String url) {
        if (url.length() > MAX_URL) {
            return "must be at most " + MAX_URL + " characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be a valid URL: " + e.getReason();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            return "must be an absolute http:// or https:// URL";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "must name a host";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not contain a user name or password";
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            return "must have a port from 1 to 65535";
        }
        return null;
    }

    /**
     * Why connecting to {@code host} is refused, when that is known without DNS: an IP literal in a refused range
     * that is not allowed. A host name is judged only when it is resolved, by {@link #resolve}.
     */
    public Optional<String> refusal(String host) {
        if (host == null || allowedNames.contains(bare(host).toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return AddressRange.literal(host).flatMap(this::refusal)
                .map(what -> "names a " + what + " address (" + bare(host) + "), which is refused unless " + ALLOWED_HOSTS + " lists it");
    }

    /**
     * The host's addresses that may be connected to, in the resolver's order, resolved once; fails when there are
     * none, naming the first refused address and why.
     */
    public List<InetAddress> resolve(String host) throws IOException {
        String name = bare(host);
        InetAddress[] all = InetAddress.getAllByName(name);
        if (allowedNames.contains(name.toLowerCase(Locale.ROOT))) {
            return List.of(all);
        }
        List<InetAddress> permitted = new ArrayList<>();
        String firstRefusal = null;
        for (InetAddress address : all) {
            Optional<String> why = refusal(address);
            if (why.isEmpty()) {
                permitted.add(address);
            } else if (firstRefusal == null) {
                firstRefusal = why.get() + " address " + address.getHostAddress();
            }
        }
        if (permitted.isEmpty()) {
            throw new AddressRefusedException("refused: " + name + " resolves to the " + firstRefusal
                    + "; list the host or address in " + ALLOWED_HOSTS + " to allow it");
        }
        return permitted;
    }

    /**
     * A socket connected to one of the host's {@link #resolve permitted} addresses, tried in order within
     * {@code timeout}. No other lookup happens: the socket is connected to an address object that was checked.
     */
    public Socket connect(String host, int port, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        for (InetAddress address : resolve(host)) {
            long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (left <= 0) {
                break;
            }
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), (int) Math.min(left, Integer.MAX_VALUE));
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        if (last instanceof SocketTimeoutException || last == null) {
            throw new SocketTimeoutException("connect to " + bare(host) + ":" + port + " timed out after " + timeout.toMillis() + " ms");
        }
        throw last;
    }

    /** Why the address is refused ("loopback", ...), or empty when it is neither in a refused range nor allowed anyway. */
    Optional<String> refusal(InetAddress address) {
        InetAddress embedded = embeddedIpv4(address);
        if (allowedRanges.stream().anyMatch(r -> r.contains(address) || embedded != null && r.contains(embedded))) {
            return Optional.empty();
        }
        for (Refused refused : REFUSED) {
            if (refused.range().contains(address) || embedded != null && refused.range().contains(embedded)) {
                return Optional.of(refused.what());
            }
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}), IPv4-compatible ({@code ::a.b.c.d}) or NAT64
     * ({@code 64:ff9b::a.b.c.d}) IPv6 address, which reaches that IPv4 address; null for any other.
     */
    static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] b = address.getAddress();
        boolean zeros = true;
        for (int i = 0; i < 10; i++) {
            zeros &= b[i] == 0;
        }
        boolean mapped = zeros && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
        boolean compatible = zeros && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xFE) == 0);
        boolean nat64 = (b[0] & 0xFF) == 0x00 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B
                && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
        if (!mapped && !compatible && !nat64) {
            return null;
        }
        try {
            return Inet4Address.getByAddress(Arrays.copyOfRange(b, 12, 16));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String bare(String host) {
        return host.length() > 2 && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static Refused refused(String cidr, String what) {
        return new Refused(AddressRange.parse(cidr), what);
    }
}
