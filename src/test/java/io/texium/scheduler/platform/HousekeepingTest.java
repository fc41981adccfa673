package io.texium.scheduler.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HousekeepingTest {

    static final Instant T0 = Instant.parse("2026-11-29T03:00:00Z");

    MongoServer server;
    MongoClient client;
    MongoDatabase db;

    @BeforeEach
    void open() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        db = client.getDatabase("texium");
    }

    @AfterEach
    void close() {
        client.close();
        server.shutdownNow();
    }

    /** One instance's housekeeping on the shared store, on the given clock, recording the days it fired. */
    Housekeeping instance(SettableClock clock, RecordingEvent<Housekeeping.Daily> fired) {
        var housekeeping = new Housekeeping();
        housekeeping.store = new MongoStore() {
            @Override
            public MongoDatabase database() {
                return db;
            }
        };
        housekeeping.clock = clock;
        housekeeping.daily = fired;
        return housekeeping;
    }

    @Test
    void one_instance_of_many_takes_the_day_and_the_next_day_comes_after_24_hours() {
        var clock = new SettableClock(T0);
        var firedA = new RecordingEvent<Housekeeping.Daily>();
        var firedB = new RecordingEvent<Housekeeping.Daily>();
        var a = instance(clock, firedA);
        var b = instance(clock, firedB);

        a.check();
        b.check();
        clock.set(T0.plus(Duration.ofHours(23)));
        a.check();
        b.check();
        clock.set(T0.plus(Duration.ofHours(24)));
        b.check();
        a.check();

        assertThat(firedA.fired()).extracting(Housekeeping.Daily::now).containsExactly(T0);
        assertThat(firedB.fired()).extracting(Housekeeping.Daily::now).containsExactly(T0.plus(Duration.ofHours(24)));
    }
}
