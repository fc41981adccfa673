package io.texium.scheduler.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutboundAddressesTest {

    static final OutboundAddresses STRICT = OutboundAddresses.allowing(null);

    @Nested
    @DisplayName("refuses by the address, IPv4-mapped and NAT64 forms included")
    class Ranges {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', textBlock = """
                127.0.0.1          | loopback
                127.255.255.254    | loopback
                ::1                | loopback
                169.254.169.254    | link-local (cloud metadata)
                169.254.0.1        | link-local (cloud metadata)
                fe80::1            | link-local
                febf::1            | link-local
                10.0.0.1           | private
                10.255.255.255     | private
                172.16.0.1         | private
                172.31.255.255     | private
                192.168.1.1        | private
                fc00::1            | private (unique local)
                fd00:ec2::254      | private (unique local)
                100.64.0.1         | shared (CGNAT)
                100.127.255.255    | shared (CGNAT)
                0.0.0.0            | any-local
                ::                 | any-local
                224.0.0.1          | multicast
                239.255.255.250    | multicast
                ff02::1            | multicast
                255.255.255.255    | reserved (incl. broadcast)
                ::ffff:127.0.0.1   | loopback
                ::ffff:169.254.169.254 | link-local (cloud metadata)
                ::ffff:10.1.2.3    | private
                ::127.0.0.1        | loopback
                64:ff9b::a9fe:a9fe | link-local (cloud metadata)
                64:ff9b::7f00:1    | loopback
                fec0::1            | site-local
                """)
        void refused(String address, String why) throws Exception {
            assertThat(STRICT.refusal(InetAddress.getByName(address))).contains(why);
            assertThat(STRICT.refusal(address.contains(":") ? "[" + address + "]" : address)).get().asString()
                    .contains(why).contains(OutboundAddresses.ALLOWED_HOSTS);
        }

        @ParameterizedTest
        @CsvSource({"8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "169.253.255.255",
                "192.169.0.1", "11.0.0.1", "2001:4860:4860::8888", "2a00:1450::1", "64:ff9b::808:808", "::ffff:8.8.8.8"})
        void not_refused(String address) throws Exception {
            assertThat(STRICT.refusal(InetAddress.getByName(address))).isEmpty();
        }
    }

    @Nested
    @DisplayName("texium.webhook.allowed-hosts")
    class Allowed {

        @ParameterizedTest(name = "{0} allows {1}: {2}")
        @CsvSource(delimiter = '|', textBlock = """
                127.0.0.1                 | 127.0.0.1       | true
                127.0.0.1                 | 127.0.0.2       | false
                10.0.0.0/8, 192.168.1.0/24 | 10.20.30.40    | true
                10.0.0.0/8, 192.168.1.0/24 | 192.168.2.1    | false
                ::1                       | ::1             | true
                127.0.0.0/8               | ::ffff:127.0.0.9 | true
                fd00::/8                  | fd12::1         | true
                """)
        void by_address_or_block(String list, String address, boolean allowed) throws Exception {
            assertThat(OutboundAddresses.allowing(list).refusal(InetAddress.getByName(address)).isEmpty()).isEqualTo(allowed);
        }

        @Test
        void by_host_name_whatever_it_resolves_to() throws IOException {
            var cut = OutboundAddresses.allowing("LocalHost , example.invalid");
            assertThat(cut.resolve("localhost")).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
            assertThat(cut.refusal("localhost")).isEmpty();
        }

        @Test
        void a_malformed_block_fails_naming_the_key() {
            assertThatThrownBy(() -> OutboundAddresses.allowing("10.0.0.0/33"))
                    .hasMessageContaining(OutboundAddresses.ALLOWED_HOSTS);
        }
    }

    @Nested
    class Resolving {

        @Test
        void a_name_that_resolves_to_loopback_is_refused_without_the_allowance() {
            assertThatThrownBy(() -> STRICT.resolve("localhost")).isInstanceOf(AddressRefusedException.class)
                    .hasMessageContaining("localhost resolves to the loopback address").hasMessageContaining(OutboundAddresses.ALLOWED_HOSTS);
        }

        @Test
        void connect_refuses_before_opening_a_socket_and_connects_when_allowed() throws IOException {
            try (var listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                int port = listener.getLocalPort();
                assertThatThrownBy(() -> STRICT.connect("127.0.0.1", port, Duration.ofSeconds(2)))
                        .isInstanceOf(AddressRefusedException.class);
                try (Socket socket = OutboundAddresses.allowing("127.0.0.1").connect("127.0.0.1", port, Duration.ofSeconds(2))) {
                    assertThat(socket.getInetAddress().getHostAddress()).isEqualTo("127.0.0.1");
                    assertThat(socket.isConnected()).isTrue();
                }
            }
        }
    }

    @Nested
    @DisplayName("a URL at save time, without network I/O")
    class Urls {

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', textBlock = """
                ftp://example.com/x               | must be an absolute http:// or https:// URL
                file:///etc/passwd                | must be an absolute http:// or https:// URL
                /relative                         | must be an absolute http:// or https:// URL
                http://exa mple.com/              | must be a valid URL
                https://user:pw@example.com/      | must not contain a user name or password
                http://127.0.0.1:8080/            | loopback address (127.0.0.1)
                http://[::1]/                     | loopback address (::1)
                http://169.254.169.254/latest/    | link-local (cloud metadata) address (169.254.169.254)
                http://[::ffff:10.0.0.1]/         | private address
                http://0.0.0.0/                   | any-local address
                """)
        void refused(String url, String problem) {
            assertThat(STRICT.urlProblem(url)).get().asString().contains(problem);
        }

        @ParameterizedTest
        @CsvSource({"https://hooks.example.com/deploy?x=1", "http://8.8.8.8/", "http://localhost:8080/"})
        void accepted_names_are_judged_when_resolved(String url) {
            assertThat(STRICT.urlProblem(url)).isEmpty();
        }
    }
}
