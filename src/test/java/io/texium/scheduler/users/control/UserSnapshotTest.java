package io.texium.scheduler.users.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.users.entity.User;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserSnapshotTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "{\"email\": \"new@example.com\", \"full_name\": \"N\", \"password\": \"a new password\"} | null",
            "{\"role\": \"user\", \"is_active\": true, \"username\": \"bob\"} | null",
            "{\"role\": \"admin\"} | role",
            "{\"is_active\": false} | is_active",
            "{\"username\": \"robert\"} | username"})
    void finds_the_changes_only_an_admin_may_make(String body, String expected) {
        var user = new User().username("bob").email("bob@example.com").role("user").active(true).passwordHash("h1");
        var before = UserSnapshot.of(user);
        var request = UserRequest.of(body);
        request.applyTo(user);
        if (request.password() != null) {
            user.passwordHash("h2");
        }
        assertThat(UserSnapshot.adminOnlyChange(before, UserSnapshot.of(user))).isEqualTo(expected);
    }
}
