package io.texium.scheduler.users.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.texium.scheduler.access.Caller;
import io.texium.scheduler.platform.Fakes;
import io.texium.scheduler.platform.MemoryStore;
import io.texium.scheduler.platform.RecordingEvent;
import io.texium.scheduler.platform.SettableClock;
import io.texium.scheduler.users.entity.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Password hashes, without a container. */
class UsersTest {

    static final String ADMIN = "64b7f0c2a1b2c3d4e5f60001";
    static final String ALICE = "64b7f0c2a1b2c3d4e5f60002";

    final MemoryStore store = new MemoryStore();
    final JcaPbkdf2 hashes = JcaPbkdf2.fast();
    final Passwords passwords = PasswordsTest.passwords(hashes, 1, 1000);
    final Map<String, User> stored = new HashMap<>();
    /** What happened, in order, across the features taking part. */
    final List<String> steps = new ArrayList<>();
    final RecordingEvent<UserEvent> events = new RecordingEvent<UserEvent>().observedBy(e -> steps.add("audit " + e.event()));

    {
        stored.put(ADMIN, new User().id(ADMIN).username("root").email("root@example.com").role(User.ADMIN).active(true)
                .passwordHash(passwords.hash("root-password-0".toCharArray())));
        stored.put(ALICE, new User().id(ALICE).username("alice").email("alice@example.com").role(User.USER).active(true)
                .passwordHash(passwords.hash("alice-password-0".toCharArray())));
    }

    @AfterEach
    void stop() {
        store.close();
    }

    /** The users service as {@code callerId} sees it, signed in with a password or with an API token. */
    Users signedIn(String callerId, boolean viaToken) {
        var users = new Users();
        users.clock = new SettableClock(Instant.parse("2026-12-01T09:00:00Z"));
        users.caller = new Caller() {
            @Override
            public String id() {
                return callerId;
            }

            @Override
            public boolean admin() {
                return stored.get(callerId).admin();
            }

            @Override
            public boolean viaToken() {
                return viaToken;
            }
        };
        users.repository = Fakes.of(UserRepository.class, Map.of(
                "findById", args -> Optional.ofNullable(stored.get((String) args[0])).map(UsersTest::copy),
                "byUsername", args -> Optional.empty(),
                "byEmail", args -> Optional.empty(),
                "insert", args -> write((User) args[0]),
                "update", args -> write((User) args[0])));
        users.queries = new UserQueries() {
            @Override
            public long otherActiveAdmins(String userId) {
                return 1;
            }
        };
        users.passwords = passwords;
        users.store = store;
        users.events = events;
        return users;
    }

    private User write(User user) {
        steps.add("stored " + user.username());
        stored.put(user.id(), copy(user));
        return user;
    }

    static User copy(User u) {
        return new User().id(u.id()).username(u.username()).email(u.email()).fullName(u.fullName()).role(u.role())
                .active(u.active()).passwordHash(u.passwordHash()).createdAt(u.createdAt()).updatedAt(u.updatedAt());
    }

    @Nested
    @DisplayName("password hashes")
    class Hashes {

        final Users users = signedIn(ADMIN, false);
        /** Made with the old defaults (PBKDF2WithHmacSHA256, 2,048 iterations). */
        final String oldHash = JcaPbkdf2.fast().generate("alice-password-0".toCharArray());

        @Test
        void a_wrong_password_costs_a_hash_at_todays_settings_whatever_the_name_and_its_hash() {
            users.verify(null, "warm-up".toCharArray()); // makes the stand-in hash for unknown names
            hashes.computed.set(0);

            assertThat(users.verify(null, "guess-password-1".toCharArray())).isFalse();
            assertThat(hashes.computed).as("an unknown name").hasValue(1);
            assertThat(users.verify(stored.get(ALICE), "guess-password-1".toCharArray())).isFalse();
            assertThat(hashes.computed).as("a current hash").hasValue(2);
            assertThat(users.verify(copy(stored.get(ALICE)).passwordHash(oldHash), "guess-password-1".toCharArray())).isFalse();
            assertThat(hashes.computed).as("an old hash, then the stand-in at today's settings").hasValue(4);
            assertThat(users.verify(copy(stored.get(ALICE)).passwordHash(oldHash), "alice-password-0".toCharArray())).isTrue();
        }

        @Test
        void a_successful_sign_in_replaces_an_old_hash_with_one_at_todays_settings() {
            User alice = copy(stored.get(ALICE)).passwordHash(oldHash);
            storeDocument(alice);

            assertThat(users.verify(alice, "alice-password-0".toCharArray())).isTrue();
            assertThat(alice.passwordHash()).startsWith("PBKDF2WithHmacSHA512:210000:").isEqualTo(storedHash(ALICE));
            assertThat(passwords.verify("alice-password-0".toCharArray(), alice.passwordHash())).isTrue();
        }

        @Test
        void a_password_changed_since_the_sign_in_is_never_overwritten() {
            User alice = copy(stored.get(ALICE)).passwordHash(oldHash);
            storeDocument(copy(alice).passwordHash("PBKDF2WithHmacSHA512:210000:c2FsdA==:bmV3"));

            assertThat(users.verify(alice, "alice-password-0".toCharArray())).isTrue();
            assertThat(alice.passwordHash()).isEqualTo(oldHash);
            assertThat(storedHash(ALICE)).isEqualTo("PBKDF2WithHmacSHA512:210000:c2FsdA==:bmV3");
        }

        @Test
        void a_current_hash_stays_and_costs_one_hash_to_check() {
            User alice = stored.get(ALICE);
            String hash = alice.passwordHash();
            hashes.computed.set(0);
            assertThat(users.verify(alice, "alice-password-0".toCharArray())).isTrue();
            assertThat(alice.passwordHash()).isEqualTo(hash);
            assertThat(hashes.computed).hasValue(1);
        }

        void storeDocument(User user) {
            store.database().getCollection(UserQueries.COLLECTION).insertOne(new Document("_id", new ObjectId(user.id()))
                    .append("username", user.username()).append("password_hash", user.passwordHash()));
        }

        String storedHash(String id) {
            return store.database().getCollection(UserQueries.COLLECTION).find(Filters.eq("_id", new ObjectId(id)))
                    .first().getString("password_hash");
        }
    }
}
