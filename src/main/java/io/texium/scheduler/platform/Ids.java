package io.texium.scheduler.platform;

import io.texium.scheduler.problems.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import org.bson.types.ObjectId;

/** Object ids as the API shows them: 24 hex digits. */
public final class Ids {

    private Ids() {
    }

    public static String newId() {
        return new ObjectId().toHexString();
    }

    /** The id itself when it is well-formed; otherwise the object cannot exist: 404. */
    public static String require(String what, String id) {
        if (id == null || !ObjectId.isValid(id) || id.length() != 24) {
            throw new NotFoundException(what, id);
        }
        return id.toLowerCase();
    }

    /**
     * The same id for the same job and due time on every instance, so that inserting it claims the fire:
     * MongoDB's unique {@code _id} lets exactly one instance record (and run) each scheduled fire.
     * Layout: the due second as the ObjectId's timestamp, then 8 bytes of SHA-256 of the job id.
     */
    public static String forFire(String jobId, Instant due) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(jobId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] bytes = new byte[12];
        long seconds = due.getEpochSecond();
        bytes[0] = (byte) (seconds >>> 24);
        bytes[1] = (byte) (seconds >>> 16);
        bytes[2] = (byte) (seconds >>> 8);
        bytes[3] = (byte) seconds;
        System.arraycopy(digest, 0, bytes, 4, 8);
        return new ObjectId(bytes).toHexString();
    }
}
