package io.texium.scheduler.users.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.problems.InvalidRequestException;
import io.texium.scheduler.users.entity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserRequestTest {

    @Test
    void applies_a_create_and_keeps_the_password_apart() {
        var user = new User();
        var cut = UserRequest.of("""
                {"username": "alice.d-1_x", "email": "Alice.Doe@Example.COM", "full_name": " Alice Doe ",
                 "role": "admin", "is_active": false, "password": "  twelve chars  "}""");
        cut.applyTo(user);
        assertThat(user.username()).isEqualTo("alice.d-1_x");
        assertThat(user.email()).isEqualTo("alice.doe@example.com");
        assertThat(user.fullName()).isEqualTo("Alice Doe");
        assertThat(user.role()).isEqualTo("admin");
        assertThat(user.active()).isFalse();
        assertThat(user.passwordHash()).isNull();
        assertThat(cut.password()).isEqualTo("  twelve chars  ");
    }

    @Test
    void a_partial_update_changes_only_what_it_names_and_ignores_read_only_fields() {
        var user = new User().username("bob").email("bob@example.com").role("user").active(true);
        var cut = UserRequest.of("{\"full_name\": \"Bob\", \"id\": \"x\", \"user_id\": \"y\", \"created_at\": \"z\"}");
        cut.applyTo(user);
        assertThat(user.username()).isEqualTo("bob");
        assertThat(user.fullName()).isEqualTo("Bob");
        assertThat(user.active()).isTrue();
        assertThat(cut.password()).isNull();
        UserRequest.of("{\"full_name\": null}").applyTo(user);
        assertThat(user.fullName()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a.b", "A-Z_0.9", "x234567890123456789012345678901234567890123456789012345678901234"})
    void accepts_usernames(String username) {
        assertThat(UserRequest.usernameProblem(username)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "has space", "ümlaut", "semi;colon", "at@sign",
            "x2345678901234567890123456789012345678901234567890123456789012345"})
    void refuses_usernames(String username) {
        assertThat(UserRequest.usernameProblem(username)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b.co", "admin@localhost", "first.last+tag@sub.example.org", "o'neil@example.ie"})
    void accepts_emails(String email) {
        assertThat(UserRequest.emailProblem(email)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "@example.com", "a@", "a@@b.com", "a b@c.com", "a@b..com", ".a@b.com",
            "a.@b.com", "a@-b.com", "a@b_c.com"})
    void refuses_emails(String email) {
        assertThat(UserRequest.emailProblem(email)).isNotNull();
    }

    @Test
    void refuses_an_overlong_email() {
        assertThat(UserRequest.emailProblem("a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63)))
                .contains("at most 254");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "eleven char    | at least 12",
            "'            ' | blank"})
    void refuses_short_or_blank_passwords(String password, String why) {
        assertThat(UserRequest.passwordProblem(password)).contains(why);
        assertThat(UserRequest.passwordProblem("x".repeat(1025))).contains("at most 1024");
        assertThat(UserRequest.passwordProblem("twelve chars")).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"username\": \"ab\"}                  | username",
            "{\"username\": null}                    | username",
            "{\"username\": 7}                       | username",
            "{\"email\": \"nope\"}                   | email",
            "{\"email\": \"  \"}                     | email",
            "{\"role\": \"root\"}                    | role",
            "{\"role\": null}                        | role",
            "{\"is_active\": \"yes\"}                | is_active",
            "{\"password\": \"short\"}               | password",
            "{\"password\": 123456789012345}         | password",
            "{\"password\": null}                    | password",
            "{\"password_hash\": \"$pbkdf2$...\"}    | password_hash",
            "{\"full_name\": 3}                      | full_name",
            "{\"nickname\": \"x\"}                   | nickname"})
    void refuses_invalid_fields_naming_each(String body, String field) {
        assertThatThrownBy(() -> UserRequest.of(body).applyTo(new User()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.errors()).extracting(FieldProblem::field).containsExactly(field));
    }

    @Test
    void reports_every_problem_at_once_and_never_echoes_the_password() {
        assertThatThrownBy(() -> UserRequest.of("{\"username\": \"a\", \"email\": \"b\", \"password\": \"secret\"}")
                .applyTo(new User()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.errors()).extracting(FieldProblem::field).containsExactly("username", "email", "password");
                    assertThat(e.getMessage()).doesNotContain("secret");
                });
    }
}
