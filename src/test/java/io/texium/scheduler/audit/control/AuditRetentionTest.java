package io.texium.scheduler.audit.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.texium.scheduler.audit.entity.AuditEntry;
import io.texium.scheduler.platform.Fakes;
import io.texium.scheduler.platform.Housekeeping;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.jnosql.databases.mongodb.mapping.MongoDBTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuditRetentionTest {

    static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");

    final MongoServer server = new MongoServer(new MemoryBackend());
    final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
    final MongoDatabase db = client.getDatabase("texium");

    @AfterEach
    void close() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void the_daily_retention_deletes_the_entries_older_than_its_days_and_zero_keeps_all() {
        var audit = db.getCollection("scheduler_audit");
        audit.insertOne(new Document("event", "added").append("time", Date.from(NOW.minus(Duration.ofDays(366)))));
        audit.insertOne(new Document("event", "modified").append("time", Date.from(NOW.minus(Duration.ofDays(364)))));
        audit.insertOne(new Document("event", "deleted").append("time", Date.from(NOW)));
        var retention = new AuditRetention();
        retention.template = Fakes.of(MongoDBTemplate.class, Map.of("delete", args -> {
            assertThat(args[0]).isEqualTo(AuditEntry.class);
            return audit.deleteMany((Bson) args[1]).getDeletedCount();
        }));

        retention.days = 0;
        retention.onDaily(new Housekeeping.Daily(NOW));
        assertThat(audit.countDocuments()).isEqualTo(3);

        retention.days = 365;
        retention.onDaily(new Housekeeping.Daily(NOW));
        assertThat(audit.find().map(d -> d.getString("event"))).containsExactly("modified", "deleted");
    }
}
