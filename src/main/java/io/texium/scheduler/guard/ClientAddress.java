package io.texium.scheduler.guard;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address a request came from, as a key for per-address limits. {@code X-Forwarded-For} is believed only as
 * far as it was written by the proxies named in {@code texium.trusted-proxies} (addresses or CIDR blocks; none by
 * default): walking the list from the right, each hop added by a trusted proxy is taken, and the first hop that
 * was not added by one is the client. A hop that is not an IP literal stops the walk, so made-up text cannot
 * become a fresh key on every request. An IPv6 client is keyed by its /64, which one subscriber usually holds whole.
 */
@ApplicationScoped
public class ClientAddress {

    @Inject
    @ConfigProperty(name = "texium.trusted-proxies")
    Optional<String> trustedProxies;

    private List<AddressRange> trusted = List.of();

    @PostConstruct
    void configure() {
        trusted = trustedProxies.stream()
                .flatMap(list -> Arrays.stream(list.split("[,\\s]+")))
                .filter(entry -> !entry.isBlank())
                .map(AddressRange::parse)
                .toList();
    }

    public String of(HttpServletRequest request) {
        return of(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
    }

    /** The key for a connection from {@code remote} that carried these {@code X-Forwarded-For} fields, in order. */
    String of(String remote, List<String> forwardedFor) {
        Optional<InetAddress> client = AddressRange.literal(remote);
        if (client.isEmpty()) {
            return String.valueOf(remote);
        }
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(field -> hops.addAll(Arrays.asList(field.split(","))));
        for (int i = hops.size() - 1; i >= 0 && isTrusted(client.get()); i--) {
            Optional<InetAddress> hop = AddressRange.literal(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            client = hop;
        }
        return key(client.get());
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }

    private static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            Arrays.fill(bytes, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            } catch (java.net.UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return address.getHostAddress();
    }
}
