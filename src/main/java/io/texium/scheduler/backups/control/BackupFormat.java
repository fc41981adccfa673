package io.texium.scheduler.backups.control;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * The backup file: gzip of UTF-8 lines, each one JSON object in MongoDB Extended JSON v2, canonical mode (every BSON
 * type kept exactly: an ObjectId stays an ObjectId, a 64-bit integer stays one, a date keeps its milliseconds). The
 * first line is the header {@code {"texium_backup": 1, "schema_version": n, ...}}; every other line is one document,
 * {@code {"collection": "<name>", "document": {...}}}. Written and read a line at a time, so no collection is held in
 * memory.
 */
public final class BackupFormat {

    /** The version of this layout, in every header. */
    public static final int FORMAT = 1;
    public static final String CONTENT_TYPE = "application/gzip";
    /** A backup's name: {@code texium-<UTC yyyyMMdd'T'HHmmss'Z'>.jsonl.gz}, a suffix {@code -n} for a second one in the same second. */
    public static final Pattern NAME = Pattern.compile("texium-\\d{8}T\\d{6}Z(-[1-9]\\d{0,2})?\\.jsonl\\.gz");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED)
            .indent(false).build();

    private BackupFormat() {
    }

    /** The name of a backup made at {@code at}; {@code n} above 0 for the n-th further one in the same second. */
    public static String name(Instant at, int n) {
        return "texium-" + STAMP.format(at) + (n > 0 ? "-" + n : "") + ".jsonl.gz";
    }

    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** What a finished file holds: documents per collection (in the order first written), its size and SHA-256. */
    public record Written(Map<String, Long> counts, long size, String sha256) {
    }

    /** Writes one backup file into {@code out}; {@link #finish()} completes the gzip and answers what was written. */
    public static final class FileWriter implements Closeable {

        private final Digesting digesting;
        private final GZIPOutputStream gzip;
        private final Writer lines;
        private final Map<String, Long> counts = new LinkedHashMap<>();

        public FileWriter(OutputStream out, BsonDocument header) {
            digesting = new Digesting(out);
            try {
                gzip = new GZIPOutputStream(digesting, 64 * 1024);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lines = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 64 * 1024);
            BsonDocument first = new BsonDocument("texium_backup", new BsonInt32(FORMAT));
            header.forEach(first::append);
            line(first);
        }

        /** Notes a collection, so that an empty one is counted (with 0) too. */
        public void collection(String name) {
            counts.putIfAbsent(name, 0L);
        }

        public void write(String collection, BsonDocument document) {
            counts.merge(collection, 1L, Long::sum);
            line(new BsonDocument("collection", new BsonString(collection)).append("document", document));
        }

        private void line(BsonDocument document) {
            try {
                lines.write(document.toJson(CANONICAL));
                lines.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Written finish() {
            try {
                lines.flush();
                gzip.finish();
                gzip.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Written(Map.copyOf(counts), digesting.count, HexFormat.of().formatHex(digesting.digest.digest()));
        }

        @Override
        public void close() {
            // the caller owns the underlying stream; finish() wrote everything
        }
    }

    /**
     * Reads a backup file: answers its header and hands each document to {@code each} with its collection, in file
     * order. A file that is not a backup of this format fails before the first document.
     */
    public static BsonDocument read(InputStream in, BiConsumer<String, BsonDocument> each) {
        try {
            var reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(in, 64 * 1024), StandardCharsets.UTF_8),
                    64 * 1024);
            String first = reader.readLine();
            BsonDocument header = first == null ? null : BsonDocument.parse(first);
            if (header == null || !header.isNumber("texium_backup")) {
                throw new IllegalArgumentException("not a Texium backup: the first line is no header");
            }
            if (header.getNumber("texium_backup").intValue() != FORMAT) {
                throw new IllegalArgumentException("backup format " + header.getNumber("texium_backup").intValue() + " is not "
                        + FORMAT + ", the one this version reads");
            }
            int number = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isEmpty()) {
                    continue;
                }
                BsonDocument entry = BsonDocument.parse(line);
                if (!entry.isString("collection") || !entry.isDocument("document")) {
                    throw new IllegalArgumentException("line " + number + " holds no collection and document");
                }
                each.accept(entry.getString("collection").getValue(), entry.getDocument("document"));
            }
            return header;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of everything {@code in} holds, as lower-case hex. */
    public static String sha256(InputStream in) {
        try (var digesting = new DigestInputStream(in, sha256())) {
            digesting.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Counts and digests the bytes on their way to the store. */
    private static final class Digesting extends FilterOutputStream {
        final MessageDigest digest = sha256();
        long count;

        Digesting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }

        @Override
        public void close() {
            // the stream belongs to the caller
        }
    }
}
