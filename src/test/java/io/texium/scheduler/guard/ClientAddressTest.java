package io.texium.scheduler.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressTest {

    static ClientAddress trusting(String proxies) {
        var cut = new ClientAddress();
        cut.trustedProxies = Optional.ofNullable(proxies);
        cut.configure();
        return cut;
    }

    @Nested
    class WithoutTrustedProxies {

        final ClientAddress cut = trusting(null);

        @Test
        void is_the_connection_s_address() {
            assertThat(cut.of("192.0.2.7", List.of())).isEqualTo("192.0.2.7");
        }

        @Test
        void ignores_x_forwarded_for() {
            assertThat(cut.of("192.0.2.7", List.of("203.0.113.9"))).isEqualTo("192.0.2.7");
        }
    }

    @Nested
    class BehindTrustedProxies {

        final ClientAddress cut = trusting("127.0.0.1, 10.0.0.0/8 ::1");

        @Test
        void takes_the_hop_the_proxy_added() {
            assertThat(cut.of("127.0.0.1", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        }

        @Test
        void walks_through_a_chain_of_trusted_proxies_from_the_right() {
            assertThat(cut.of("127.0.0.1", List.of("203.0.113.9, 10.1.2.3", "10.9.9.9"))).isEqualTo("203.0.113.9");
        }

        @Test
        void stops_at_the_first_hop_no_trusted_proxy_wrote() {
            // the client itself sent "1.1.1.1" to look like someone else; the proxy appended its real address
            assertThat(cut.of("10.0.0.5", List.of("1.1.1.1, 203.0.113.9"))).isEqualTo("203.0.113.9");
        }

        @Test
        void believes_nothing_from_a_connection_that_is_not_a_trusted_proxy() {
            assertThat(cut.of("192.0.2.7", List.of("203.0.113.9"))).isEqualTo("192.0.2.7");
        }

        @ParameterizedTest
        @ValueSource(strings = {"unknown", "evil.example.com", "1.2.3.999", "", "203.0.113.9:4711", "fe80::1%eth0"})
        void stops_at_a_hop_that_is_not_an_ip_literal(String hop) {
            assertThat(cut.of("127.0.0.1", List.of(hop))).isEqualTo("127.0.0.1");
        }

        @Test
        void keys_an_ipv6_client_by_its_64_block() {
            assertThat(cut.of("::1", List.of("2001:db8:1:2:aaaa::1"))).isEqualTo(cut.of("::1", List.of("[2001:db8:1:2:bbbb::2]")))
                    .isEqualTo("2001:db8:1:2:0:0:0:0/64");
            assertThat(cut.of("::1", List.of("2001:db8:1:3::1"))).isNotEqualTo(cut.of("::1", List.of("2001:db8:1:2::1")));
        }

        @Test
        void takes_the_connection_when_no_header_came() {
            assertThat(cut.of("10.0.0.5", List.of())).isEqualTo("10.0.0.5");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example.com", "10.0.0.0/33", "10.0.0.0/x", "::1/129"})
    void a_malformed_trusted_proxy_fails_the_configuration(String entry) {
        assertThatThrownBy(() -> trusting(entry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("texium.trusted-proxies");
    }

    @Test
    void a_cidr_block_holds_exactly_its_addresses() {
        var block = AddressRange.parse("192.168.4.0/22");
        assertThat(block.contains(AddressRange.literal("192.168.7.255").orElseThrow())).isTrue();
        assertThat(block.contains(AddressRange.literal("192.168.8.0").orElseThrow())).isFalse();
        assertThat(block.contains(AddressRange.literal("::ffff:c0a8:0401").orElseThrow())).as("IPv4-mapped").isTrue();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(AddressRange.literal("8.8.8.8").orElseThrow())).isTrue();
    }
}
