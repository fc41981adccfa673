package io.texium.scheduler.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.platform.Fakes;
import io.texium.scheduler.problems.ForbiddenException;
import io.texium.scheduler.problems.NotFoundException;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CallerTest {

    static final String ALICE = "64b7f0c2a1b2c3d4e5f60001";
    static final String BOB = "64b7f0c2a1b2c3d4e5f60002";

    /** A caller as the authentication mechanism leaves it: a principal and the request attributes. */
    static Caller signedIn(String id, String username, String role, boolean viaToken) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(Caller.ROLE_ATTRIBUTE, role);
        attributes.put(Caller.NAME_ATTRIBUTE, username);
        attributes.put(Caller.TOKEN_ATTRIBUTE, viaToken);
        Principal principal = id == null ? null : () -> id;
        var caller = new Caller();
        caller.security = Fakes.of(SecurityContext.class, Map.of("getCallerPrincipal", args -> principal));
        caller.request = Fakes.of(HttpServletRequest.class, Map.of("getAttribute", args -> attributes.get((String) args[0])));
        return caller;
    }

    @Nested
    class AUser {

        final Caller alice = signedIn(ALICE, "alice", Caller.USER, false);

        @Test
        void acts_for_themselves_when_no_owner_is_named() {
            assertThat(alice.ownerFor(null)).isEqualTo(ALICE);
            assertThat(alice.ownerFor(ALICE)).isEqualTo(ALICE);
        }

        @Test
        void may_not_name_another_user_as_owner() {
            assertThatThrownBy(() -> alice.ownerFor(BOB)).isInstanceOf(ForbiddenException.class).hasMessageContaining(ALICE);
        }

        @Test
        void lists_only_their_own_objects_whatever_the_filter() {
            assertThat(alice.scopeFor(null)).isEqualTo(ALICE);
            assertThatThrownBy(() -> alice.scopeFor(BOB)).isInstanceOf(ForbiddenException.class);
        }

        @Test
        void finds_another_users_object_not_found_rather_than_forbidden() {
            alice.requireVisible(ALICE, "job", "j1");
            assertThatThrownBy(() -> alice.requireVisible(BOB, "job", "j2")).isInstanceOf(NotFoundException.class);
        }

        @Test
        void is_no_admin() {
            assertThat(alice.admin()).isFalse();
            assertThatThrownBy(alice::requireAdmin).isInstanceOf(ForbiddenException.class);
        }

        @Test
        void is_named_as_the_actor_of_their_changes() {
            assertThat(alice.actor()).isEqualTo(new Caller.Actor(ALICE, "alice"));
        }
    }

    @Nested
    class AnAdmin {

        final Caller admin = signedIn(BOB, "root", Caller.ADMIN, false);

        @Test
        void acts_for_anyone() {
            assertThat(admin.ownerFor(ALICE)).isEqualTo(ALICE);
            admin.requireVisible(ALICE, "job", "j1");
            admin.requireAdmin();
        }

        @Test
        void lists_everyones_objects_unless_filtering() {
            assertThat(admin.scopeFor(null)).isNull();
            assertThat(admin.scopeFor(ALICE)).isEqualTo(ALICE);
        }
    }

    @Test
    void a_token_cannot_do_what_needs_the_password() {
        var viaToken = signedIn(ALICE, "alice", Caller.ADMIN, true);
        assertThat(viaToken.viaToken()).isTrue();
        assertThatThrownBy(() -> viaToken.requirePassword("minting a token"))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("minting a token needs HTTP Basic");
        signedIn(ALICE, "alice", Caller.ADMIN, false).requirePassword("minting a token");
    }

    @Test
    void nobody_signed_in_is_forbidden_and_acts_as_the_system() {
        var nobody = signedIn(null, null, null, false);
        assertThatThrownBy(nobody::id).isInstanceOf(ForbiddenException.class);
        assertThat(nobody.actor()).isEqualTo(Caller.Actor.SYSTEM_ACTOR);
    }
}
