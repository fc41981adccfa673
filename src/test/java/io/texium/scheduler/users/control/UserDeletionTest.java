package io.texium.scheduler.users.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.audit.control.Auditable.Change;
import io.texium.scheduler.platform.Fakes;
import io.texium.scheduler.platform.RecordingEvent;
import io.texium.scheduler.problems.ConflictException;
import io.texium.scheduler.problems.ForbiddenException;
import io.texium.scheduler.users.entity.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserDeletionTest {

    static final String ADMIN_ID = "64b7f0c2a1b2c3d4e5f60001";
    static final String ALICE_ID = "64b7f0c2a1b2c3d4e5f60002";

    final User alice = new User().id(ALICE_ID).username("alice").email("alice@example.com").role(User.USER).active(true);
    /** What happened, in order, across the features taking part. */
    final List<String> steps = new ArrayList<>();
    final RecordingEvent<OwnedByUser> ownership = new RecordingEvent<>();
    final RecordingEvent<UserRemoval> removal = new RecordingEvent<UserRemoval>()
            .observedBy(r -> steps.add("jobs of " + r.userId()))
            .observedBy(r -> steps.add("servers of " + r.userId()));
    final RecordingEvent<UserEvent> events = new RecordingEvent<UserEvent>().observedBy(e -> steps.add("audit " + e.event()));
    final UserDeletion deletion = deletion(true);

    UserDeletion deletion(boolean admin) {
        var d = new UserDeletion();
        d.caller = new Caller() {
            @Override
            public String id() {
                return ADMIN_ID;
            }

            @Override
            public boolean admin() {
                return admin;
            }
        };
        d.users = new Users() {
            @Override
            public User find(String userId) {
                return userId.equals(ALICE_ID) ? alice : new User().id(userId).username("root").role(User.ADMIN);
            }
        };
        d.repository = Fakes.of(UserRepository.class, Map.of("deleteById", args -> {
            steps.add("user " + args[0] + " deleted");
            return null;
        }));
        d.ownership = ownership;
        d.removal = removal;
        d.events = events;
        return d;
    }

    void owns(long jobs, long servers) {
        ownership.observedBy(o -> o.report("job", jobs)).observedBy(o -> o.report("server", servers));
    }

    @Test
    void a_user_who_owns_nothing_goes_with_an_audit_entry_after_every_feature_cleaned_up() {
        owns(0, 0);
        assertThat(deletion.delete(ALICE_ID, false)).isSameAs(alice);
        assertThat(steps).containsExactly("jobs of " + ALICE_ID, "servers of " + ALICE_ID, "audit user_deleted",
                "user " + ALICE_ID + " deleted");
        assertThat(events.fired().getFirst().changes()).containsEntry("username", new Change("alice", null))
                .doesNotContainKeys("owned_jobs", "owned_servers");
    }

    @Test
    void a_user_who_owns_things_is_a_conflict_without_cascade_and_nothing_is_removed() {
        owns(3, 1);
        assertThatThrownBy(() -> deletion.delete(ALICE_ID, false)).isInstanceOf(ConflictException.class)
                .hasMessage("user 'alice' owns 3 job(s) and 1 server(s); delete them first, or delete with cascade=true to delete them too");
        assertThat(steps).isEmpty();
        assertThat(removal.fired()).isEmpty();
    }

    @Test
    void a_cascade_removes_what_the_user_owns_first_and_audits_the_counts() {
        owns(3, 0);
        deletion.delete(ALICE_ID, true);
        assertThat(steps).containsExactly("jobs of " + ALICE_ID, "servers of " + ALICE_ID, "audit user_deleted",
                "user " + ALICE_ID + " deleted");
        assertThat(events.fired().getFirst().changes())
                .containsEntry("owned_jobs", new Change(3L, 0L))
                .containsEntry("owned_servers", new Change(0L, 0L));
    }

    @Test
    void a_failing_feature_leaves_the_user_so_that_a_repeat_finishes_the_work() {
        owns(2, 0);
        removal.observedBy(r -> {
            throw new IllegalStateException("store away");
        });
        assertThatThrownBy(() -> deletion.delete(ALICE_ID, true)).isInstanceOf(IllegalStateException.class);
        assertThat(steps).doesNotContain("user " + ALICE_ID + " deleted", "audit user_deleted");
    }

    @Test
    void nobody_deletes_themselves() {
        assertThatThrownBy(() -> deletion.delete(ADMIN_ID, true)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("cannot delete yourself");
        assertThat(ownership.fired()).isEmpty();
    }

    @Test
    void only_an_admin_deletes_users() {
        assertThatThrownBy(() -> deletion(false).delete(ALICE_ID, true)).isInstanceOf(ForbiddenException.class);
        assertThat(ownership.fired()).isEmpty();
    }
}
