package io.texium.scheduler.it;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One Payara Micro with the WAR for every test class that takes its {@link URI}: Arquillian's Payara Micro connector
 * starts a server per test class (in deploy, and stops it in undeploy), so the API tests split by feature share
 * this one instead. The first class that asks starts it, on an embedded store of its own under {@code target/} (the
 * Arquillian tests use {@code target/it-store} meanwhile); it stops when the test run ends.
 */
final class SharedServer implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedServer.class);

    /** The port of the SMTP server the shared server sends mail to; a test starts one there when it needs it. */
    static final int MAIL_PORT = freePort();
    static final String MAIL_FROM = "scheduler@texium.test";

    private static volatile Path scriptsDir;

    /** The running server, closed with the root context at the end of the run. */
    private record Running(PayaraProcess process) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws InterruptedException {
            process.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == URI.class;
    }

    @Override
    public URI resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, key -> start(), Running.class).process().base();
    }

    /** The shared server's {@code texium.scripts.dir}; a test puts the scripts it runs there. Null before it starts. */
    static Path scriptsDir() {
        return scriptsDir;
    }

    private static int freePort() {
        try {
            return PayaraProcess.freePort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Running start() {
        try {
            Path dir = Files.createTempDirectory(PayaraProcess.targetDir().toPath(), "api-server-");
            scriptsDir = Files.createDirectories(dir.resolve("scripts"));
            // the outbound tests call HTTP servers in the test JVM, which listen on loopback: allow that address only
            var properties = Map.of("texium.data.dir", dir.resolve("data").toString(),
                    "texium.admin.password", Api.ADMIN_PASSWORD,
                    "texium.webhook.allowed-hosts", "127.0.0.1",
                    "texium.scripts.dir", scriptsDir.toString(),
                    "texium.mail.host", "127.0.0.1",
                    "texium.mail.port", String.valueOf(MAIL_PORT),
                    "texium.mail.from", MAIL_FROM);
            return new Running(PayaraProcess.start(dir.resolve("payara.log"), properties, Map.of()));
        } catch (Exception e) {
            throw new IllegalStateException("could not start the shared Payara Micro", e);
        }
    }
}
