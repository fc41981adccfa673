package io.texium.scheduler.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pinned client over real TLS: a local HTTPS server with a certificate made for the test (keytool), trusted by
 * the client under test only. The certificate must match the name in the URL although the socket goes to the
 * checked address, and a certificate the JVM does not trust is refused.
 */
class OutboundHttpsTest {

    static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    HttpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A PKCS#12 key store holding one self-signed certificate for the given subject alternative names. */
    KeyStore certificate(String name, String san) throws Exception {
        Path file = dir.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=" + san, "-validity", "2", "-keystore", file.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(out).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    int serve(KeyStore keys) throws Exception {
        var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            byte[] body = ("host " + exchange.getRequestHeaders().getFirst("Host")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    static OutboundHttp trusting(KeyStore trusted) throws Exception {
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        var client = OutboundHttp.through(OutboundAddresses.allowing("localhost, 127.0.0.1"));
        client.tlsSockets = context.getSocketFactory();
        return client;
    }

    static OutboundHttp.Response get(OutboundHttp client, String url) throws IOException {
        return client.send(new OutboundHttp.Request("GET", URI.create(url), Map.of(), null, Duration.ofSeconds(10), 65536, 0));
    }

    @Test
    void a_trusted_certificate_for_the_urls_host_name_answers_over_the_checked_address() throws Exception {
        KeyStore keys = certificate("localhost", "dns:localhost");
        int port = serve(keys);
        var answer = get(trusting(keys), "https://localhost:" + port + "/");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("host localhost:" + port);
    }

    @Test
    void a_certificate_for_another_name_is_refused_though_it_is_trusted() throws Exception {
        KeyStore keys = certificate("other", "dns:other.example.com");
        int port = serve(keys);
        assertThatThrownBy(() -> get(trusting(keys), "https://localhost:" + port + "/"))
                .isInstanceOf(SSLException.class).hasMessageContaining("localhost");
        assertThatThrownBy(() -> get(trusting(keys), "https://127.0.0.1:" + port + "/"))
                .as("an IP literal is verified against the certificate's IP addresses").isInstanceOf(SSLException.class);
    }

    @Test
    void a_certificate_the_jvm_does_not_trust_is_refused() throws Exception {
        int port = serve(certificate("localhost", "dns:localhost"));
        var client = OutboundHttp.through(OutboundAddresses.allowing("localhost"));
        assertThatThrownBy(() -> get(client, "https://localhost:" + port + "/")).isInstanceOf(SSLException.class);
    }
}
