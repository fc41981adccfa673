package io.texium.scheduler.backups.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackupFormatTest {

    static BsonDocument everyType() {
        return new BsonDocument("_id", new BsonObjectId(new ObjectId("6747a1c2e4b0a1b2c3d4e5f6")))
                .append("int", new BsonInt32(7)).append("long", new BsonInt64(7L))
                .append("double", new BsonDouble(7.0)).append("decimal", new BsonDecimal128(Decimal128.parse("0.10")))
                .append("date", new BsonDateTime(1_764_320_400_123L)).append("null", BsonNull.VALUE)
                .append("bool", BsonBoolean.TRUE).append("binary", new BsonBinary(new byte[] {0, 1, (byte) 0xff}))
                .append("text", new BsonString("line\nbreak \"quoted\" \u00e9\uD83D\uDCA9"))
                .append("nested", new BsonDocument("list", new BsonArray(List.of(new BsonInt64(1), new BsonString("a")))));
    }

    record Entry(String collection, BsonDocument document) {
    }

    @Nested
    @DisplayName("a file written and read back")
    class RoundTrip {

        @Test
        void keeps_every_document_with_its_exact_types_in_order() {
            var out = new ByteArrayOutputStream();
            var writer = new BackupFormat.FileWriter(out, new BsonDocument("schema_version", new BsonInt32(2)));
            writer.collection("empty");
            writer.write("users", everyType());
            writer.write("scheduler_jobs", new BsonDocument("_id", new BsonString("x")));
            writer.write("users", new BsonDocument("_id", new BsonInt64(2)));
            var written = writer.finish();

            List<Entry> read = new ArrayList<>();
            BsonDocument header = BackupFormat.read(new ByteArrayInputStream(out.toByteArray()),
                    (c, d) -> read.add(new Entry(c, d)));

            assertThat(header.getInt32("texium_backup").getValue()).isEqualTo(BackupFormat.FORMAT);
            assertThat(header.getInt32("schema_version").getValue()).isEqualTo(2);
            assertThat(read).containsExactly(new Entry("users", everyType()),
                    new Entry("scheduler_jobs", new BsonDocument("_id", new BsonString("x"))),
                    new Entry("users", new BsonDocument("_id", new BsonInt64(2))));
            assertThat(read.getFirst().document().get("long")).isInstanceOf(BsonInt64.class);
            assertThat(read.getFirst().document().get("int")).isInstanceOf(BsonInt32.class);
            assertThat(written.counts()).isEqualTo(Map.of("empty", 0L, "users", 2L, "scheduler_jobs", 1L));
            assertThat(written.size()).isEqualTo(out.size());
        }

        @Test
        void digests_the_gzip_bytes_as_stored() throws Exception {
            var out = new ByteArrayOutputStream();
            var writer = new BackupFormat.FileWriter(out, new BsonDocument());
            writer.write("users", everyType());
            var written = writer.finish();
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
            assertThat(written.sha256()).isEqualTo(expected);
            assertThat(BackupFormat.sha256(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(expected);
        }

        @Test
        void writes_one_canonical_extended_json_line_per_document() throws Exception {
            var out = new ByteArrayOutputStream();
            var writer = new BackupFormat.FileWriter(out, new BsonDocument());
            writer.write("users", everyType());
            writer.finish();
            String text = new String(new GZIPInputStream(new ByteArrayInputStream(out.toByteArray())).readAllBytes(),
                    StandardCharsets.UTF_8);
            String[] lines = text.split("\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[1]).startsWith("{\"collection\": \"users\", \"document\": {\"_id\": {\"$oid\": \"6747a1c2e4b0a1b2c3d4e5f6\"}")
                    .contains("\"long\": {\"$numberLong\": \"7\"}").contains("\"int\": {\"$numberInt\": \"7\"}")
                    .contains("\"date\": {\"$date\": {\"$numberLong\": \"1764320400123\"}}");
        }
    }

    @Nested
    @DisplayName("a file that is not a backup")
    class NotABackup {

        @Test
        void without_a_header_is_refused() {
            byte[] gz = gzip("{\"collection\": \"users\", \"document\": {}}\n");
            assertThatThrownBy(() -> BackupFormat.read(new ByteArrayInputStream(gz), (c, d) -> { }))
                    .hasMessageContaining("not a Texium backup");
        }

        @Test
        void of_another_format_is_refused() {
            byte[] gz = gzip("{\"texium_backup\": 2}\n");
            assertThatThrownBy(() -> BackupFormat.read(new ByteArrayInputStream(gz), (c, d) -> { }))
                    .hasMessageContaining("format 2");
        }

        @Test
        void with_a_line_without_collection_is_refused() {
            byte[] gz = gzip("{\"texium_backup\": 1}\n{\"document\": {}}\n");
            assertThatThrownBy(() -> BackupFormat.read(new ByteArrayInputStream(gz), (c, d) -> { }))
                    .hasMessageContaining("line 2");
        }

        private static byte[] gzip(String text) {
            try {
                var out = new ByteArrayOutputStream();
                try (var gz = new GZIPOutputStream(out)) {
                    gz.write(text.getBytes(StandardCharsets.UTF_8));
                }
                return out.toByteArray();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Nested
    @DisplayName("backup names")
    class Names {

        @Test
        void are_the_utc_second_with_a_suffix_for_more_in_that_second() {
            Instant at = Instant.parse("2026-11-28T09:05:07.999Z");
            assertThat(BackupFormat.name(at, 0)).isEqualTo("texium-20261128T090507Z.jsonl.gz");
            assertThat(BackupFormat.name(at, 2)).isEqualTo("texium-20261128T090507Z-2.jsonl.gz");
            assertThat(BackupFormat.isName(BackupFormat.name(at, 0))).isTrue();
            assertThat(BackupFormat.isName(BackupFormat.name(at, 999))).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "texium-20261128T090507Z.jsonl", "../texium-20261128T090507Z.jsonl.gz",
                "texium-20261128T090507Z.jsonl.gz/../x", "texium-2026112T090507Z.jsonl.gz", "texium-20261128T090507Z-0.jsonl.gz",
                "texium-20261128T090507Z-1000.jsonl.gz", "report-20261128T090507Z.jsonl.gz", "TEXIUM-20261128T090507Z.jsonl.gz",
                "texium-20261128T090507Z.jsonl.gz\n", "/etc/passwd"})
        void refuse_anything_else(String name) {
            assertThat(BackupFormat.isName(name)).isFalse();
        }
    }

    @Nested
    @DisplayName("the scope")
    class Scope {

        @ParameterizedTest
        @ValueSource(strings = {"scheduler_jobs", "users", "servers", "api_tokens", "scheduler_audit",
                "scheduler_executions_2026112809", "scheduler_metrics"})
        void holds_the_state(String collection) {
            assertThat(BackupScope.includes(collection)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"texium_files.files", "texium_files.chunks", "scheduler_instances", "scheduler_changes",
                "scheduler_schema", "scheduler_execution_counts", "scheduler_execution_buckets", "system.views"})
        void leaves_out_files_running_state_and_derived_counts(String collection) {
            assertThat(BackupScope.includes(collection)).isFalse();
        }
    }
}
