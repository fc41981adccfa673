package io.texium.scheduler.users.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import io.texium.scheduler.access.Caller;
import io.texium.scheduler.cluster.control.ChangeFeed;
import io.texium.scheduler.platform.Fakes;
import io.texium.scheduler.platform.MemoryStore;
import io.texium.scheduler.platform.RecordingEvent;
import io.texium.scheduler.platform.SettableClock;
import io.texium.scheduler.problems.ForbiddenException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Account administration, password resets, deactivation and password hashes, without a container. */
class UsersTest {

    static final String ADMIN = "64b7f0c2a1b2c3d4e5f60001";
    static final String ALICE = "64b7f0c2a1b2c3d4e5f60002";
    static final String NEW_USER = """
            {"username": "carol", "email": "carol@example.com", "role": "admin", "password": "a-long-password-1"}""";

    final MemoryStore store = new MemoryStore();
    final JcaPbkdf2 hashes = JcaPbkdf2.fast();
    final Passwords passwords = PasswordsTest.passwords(hashes, 1, 1000);
    final Map<String, User> stored = new HashMap<>();
    /** What happened, in order, across the features taking part. */
    final List<String> steps = new ArrayList<>();
    final RecordingEvent<UserEvent> events = new RecordingEvent<UserEvent>().observedBy(e -> steps.add("audit " + e.event()));
    final RecordingEvent<PasswordReset> resets = new RecordingEvent<PasswordReset>()
            .observedBy(r -> steps.add("tokens of " + r.userId() + " revoked"));
    final RecordingEvent<UserActivation> activations = new RecordingEvent<UserActivation>()
            .observedBy(a -> steps.add("jobs of " + a.userId() + (a.active() ? " armed" : " disarmed")));

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
        users.resets = resets;
        users.inactive = new InactiveUsers();
        users.inactive.activations = activations;
        users.inactive.changes = new ChangeFeed() {
            @Override
            public void publish(String kind, String id) {
            }
        };
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
    @DisplayName("account administration needs the caller's password, not an API token")
    class AccountAdministration {

        @Test
        void an_admins_token_cannot_create_a_user() {
            assertThatThrownBy(() -> signedIn(ADMIN, true).create(UserRequest.of(NEW_USER)))
                    .isInstanceOf(ForbiddenException.class)
                    .hasMessage("account administration (creating a user) needs HTTP Basic with your password, not an API token");
            assertThat(steps).isEmpty();
        }

        @Test
        void an_admin_signed_in_with_the_password_creates_users() {
            User carol = signedIn(ADMIN, false).create(UserRequest.of(NEW_USER));
            assertThat(carol.admin()).isTrue();
            assertThat(steps).containsExactly("audit user_added", "stored carol");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "{\"role\": \"admin\"}                   | role",
                "{\"is_active\": false}                  | is_active",
                "{\"password\": \"a-new-password-22\"}   | password",
                "{\"full_name\": \"A\", \"role\": \"admin\"} | role"})
        void a_token_changes_nobodys_role_active_flag_or_password(String body, String field) {
            assertThatThrownBy(() -> signedIn(ADMIN, true).update(ALICE, UserRequest.of(body)))
                    .isInstanceOf(ForbiddenException.class)
                    .hasMessage("account administration (changing " + field + ") needs HTTP Basic with your password, not an API token");
            assertThat(steps).isEmpty();
            assertThat(stored.get(ALICE).role()).isEqualTo(User.USER);
        }

        @Test
        void a_user_with_a_token_cannot_change_their_own_password_either() {
            assertThatThrownBy(() -> signedIn(ALICE, true).update(ALICE, UserRequest.of("{\"password\": \"a-new-password-22\"}")))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("(changing password)");
        }

        @Test
        void a_token_may_change_the_rest_and_send_back_unchanged_roles_and_flags() {
            signedIn(ADMIN, true).update(ALICE, UserRequest.of("""
                    {"full_name": "Alice A.", "role": "user", "is_active": true}"""));
            assertThat(stored.get(ALICE).fullName()).isEqualTo("Alice A.");
            assertThat(steps).containsExactly("audit user_modified", "stored alice");
        }
    }

    @Nested
    @DisplayName("an admin's reset of another user's password")
    class PasswordResets {

        @Test
        void revokes_that_users_tokens_before_the_new_password_is_stored() {
            signedIn(ADMIN, false).update(ALICE, UserRequest.of("{\"password\": \"reset-by-admin-1\"}"));
            assertThat(steps).containsExactly("audit user_modified", "tokens of " + ALICE + " revoked", "stored alice");
        }

        @Test
        void is_not_a_users_change_of_their_own_password() {
            signedIn(ALICE, false).update(ALICE, UserRequest.of("{\"password\": \"changed-by-me-1\"}"));
            assertThat(resets.fired()).isEmpty();
            signedIn(ADMIN, false).update(ADMIN, UserRequest.of("{\"password\": \"changed-by-me-2\"}"));
            assertThat(resets.fired()).isEmpty();
        }
    }

    @Test
    void deactivating_a_user_is_one_audit_entry_and_stops_their_jobs_once_stored_and_reactivating_resumes_them() {
        var admin = signedIn(ADMIN, false);
        admin.update(ALICE, UserRequest.of("{\"is_active\": false}"));
        assertThat(steps).containsExactly("audit user_modified", "stored alice", "jobs of " + ALICE + " disarmed");

        steps.clear();
        admin.update(ALICE, UserRequest.of("{\"full_name\": \"still away\"}"));
        assertThat(steps).containsExactly("audit user_modified", "stored alice");

        steps.clear();
        admin.update(ALICE, UserRequest.of("{\"is_active\": true}"));
        assertThat(steps).containsExactly("audit user_modified", "stored alice", "jobs of " + ALICE + " armed");
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
