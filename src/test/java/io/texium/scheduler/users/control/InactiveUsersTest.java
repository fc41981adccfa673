package io.texium.scheduler.users.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.cluster.control.ChangeFeed;
import io.texium.scheduler.cluster.control.Changed;
import io.texium.scheduler.platform.Fakes;
import io.texium.scheduler.platform.MemoryStore;
import io.texium.scheduler.platform.RecordingEvent;
import io.texium.scheduler.users.entity.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InactiveUsersTest {

    static final String ALICE = "64b7f0c2a1b2c3d4e5f60001";
    static final String BOB = "64b7f0c2a1b2c3d4e5f60002";

    final MemoryStore store = new MemoryStore();
    /** The users as the store holds them, for look-ups by id. */
    final Map<String, User> stored = new HashMap<>();
    final List<String> announced = new ArrayList<>();
    final RecordingEvent<UserActivation> activations = new RecordingEvent<>();
    final InactiveUsers cut = new InactiveUsers();

    {
        cut.store = store;
        cut.activations = activations;
        cut.repository = Fakes.of(UserRepository.class, Map.of("findById", args -> Optional.ofNullable(stored.get((String) args[0]))));
        cut.changes = new ChangeFeed() {
            @Override
            public void publish(String kind, String id) {
                announced.add(kind + " " + id);
            }
        };
    }

    @AfterEach
    void stop() {
        store.close();
    }

    static User user(String id, boolean active) {
        return new User().id(id).username("u" + id.substring(20)).active(active);
    }

    @Test
    void a_user_deactivated_here_is_inactive_at_once_announced_here_and_to_the_other_instances() {
        cut.stored(user(ALICE, true));
        assertThat(activations.fired()).isEmpty();

        cut.stored(user(ALICE, false));
        assertThat(cut.contains(ALICE)).isTrue();
        assertThat(activations.fired()).containsExactly(new UserActivation(ALICE, false));
        assertThat(announced).containsExactly("user " + ALICE);

        cut.stored(user(ALICE, false).fullName("renamed"));
        assertThat(activations.fired()).as("no flip, no announcement").hasSize(1);
        assertThat(announced).hasSize(1);

        cut.stored(user(ALICE, true));
        assertThat(cut.contains(ALICE)).isFalse();
        assertThat(activations.fired()).last().isEqualTo(new UserActivation(ALICE, true));
        assertThat(announced).hasSize(2);
    }

    @Test
    void a_change_stored_by_another_instance_is_read_from_the_store_and_announced_here_only() {
        stored.put(BOB, user(BOB, false));
        cut.onChange(new Changed("user", BOB));
        cut.onChange(new Changed("job", ALICE));
        cut.onChange(new Changed("user", ALICE)); // deleted meanwhile: nothing to learn

        assertThat(cut.contains(BOB)).isTrue();
        assertThat(activations.fired()).containsExactly(new UserActivation(BOB, false));
        assertThat(announced).as("the change came from the feed").isEmpty();
    }

    @Test
    void a_reload_takes_the_store_as_it_is() {
        var users = store.database().getCollection(UserQueries.COLLECTION);
        users.insertOne(new Document("_id", new ObjectId(ALICE)).append("is_active", false));
        users.insertOne(new Document("_id", new ObjectId(BOB)).append("is_active", true));
        cut.stored(user(BOB, false)); // a flag the store no longer has (a missed feed entry)

        assertThat(cut.reload()).containsExactly(ALICE);
        assertThat(cut.contains(ALICE)).isTrue();
        assertThat(cut.contains(BOB)).isFalse();
        assertThat(cut.contains(null)).isFalse();
    }
}
