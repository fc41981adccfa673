package io.texium.scheduler.security.control;

import io.texium.scheduler.platform.StoreAvailable;
import io.texium.scheduler.users.control.Users;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When the store first answers and holds no user at all, creates the user {@code admin}, with the password from
 * {@code texium.admin.password}, or with a generated one that is logged once, prominently.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    Users users;

    @Inject
    @ConfigProperty(name = "texium.admin.password")
    Optional<String> configured;

    void onStart(@Observes @Priority(400) StoreAvailable available) {
        if (!available.firstTime()) {
            return;
        }
        String password = configured.filter(p -> !p.isBlank()).orElseGet(AdminBootstrap::generate);
        if (users.createInitialAdmin(password) && configured.filter(p -> !p.isBlank()).isEmpty()) {
            LOG.warning("\n\n*************************************************************\n"
                    + "Texium Scheduler: the first user was created.\n"
                    + "  username: admin\n"
                    + "  password: " + password + "\n"
                    + "Change it (PUT /api/users/{id}) or set texium.admin.password before the first start.\n"
                    + "This password is shown only this once.\n"
                    + "*************************************************************\n");
        }
    }

    static String generate() {
        var random = new SecureRandom();
        var password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
