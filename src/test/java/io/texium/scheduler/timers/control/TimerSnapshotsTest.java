package io.texium.scheduler.timers.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.MongoStore;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The published timer snapshot on a real (in-process) store: paging, look-up, and what a change rewrites. */
class TimerSnapshotsTest {

    MongoServer server;
    MongoClient client;
    MongoDatabase db;
    TimerSnapshots cut;
    final String self = Ids.newId();

    @BeforeEach
    void open() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        db = client.getDatabase("texium");
        cut = new TimerSnapshots();
        cut.store = new MongoStore() {
            @Override
            public MongoDatabase database() {
                return db;
            }
        };
        cut.instances = new Instances() {
            @Override
            public String id() {
                return self;
            }
        };
    }

    @AfterEach
    void close() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void pages_and_looks_up_100_000_ids_and_a_change_rewrites_only_its_chunk() {
        List<String> ids = new ArrayList<>(IntStream.range(0, 100_000).mapToObj(i -> Ids.newId()).sorted().toList());
        long started = System.nanoTime();
        int wrote = cut.publish(ids, true);
        long publishMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        var page = cut.page(self, 25_000, 100);
        long pageMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("[measure] timer snapshot of 100,000 ids: published in %d ms (%d chunks), a page read in %d ms%n",
                publishMillis, wrote, pageMillis);
        assertThat(wrote).isEqualTo(10);
        assertThat(page.total()).isEqualTo(100_000);
        assertThat(page.jobIds()).isEqualTo(ids.subList(25_000, 25_100));
        assertThat(cut.page(self, 99_990, 100).jobIds()).isEqualTo(ids.subList(99_990, 100_000));
        assertThat(cut.holds(self, ids.get(54_321))).isTrue();
        assertThat(cut.holds(self, Ids.newId())).isFalse();
        assertThat(cut.total(self)).isEqualTo(100_000);

        ids.add(Ids.newId()); // a new job: the largest id, in the last chunk
        started = System.nanoTime();
        assertThat(cut.publish(ids, false)).as("chunks rewritten").isEqualTo(1);
        System.out.printf("[measure] one job more: republished in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(cut.total(self)).isEqualTo(100_001);

        assertThat(cut.publish(ids.subList(0, 5), false)).isEqualTo(1);
        assertThat(cut.page(self, 0, 100).jobIds()).isEqualTo(ids.subList(0, 5));
        assertThat(db.getCollection(TimerSnapshots.COLLECTION).countDocuments()).as("one chunk and the head").isEqualTo(2);
        assertThat(cut.page(Ids.newId(), 0, 100).total()).isZero();
    }
}
