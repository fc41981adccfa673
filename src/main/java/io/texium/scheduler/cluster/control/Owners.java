package io.texium.scheduler.cluster.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which live instances hold a job's timer: the {@code count} instances with the highest rendezvous weight for the
 * job (highest-random-weight hashing of job id and instance id), best first. Every instance computes the same
 * answer from the same members, and removing a member changes the owners of its own jobs only. While there are no
 * more members than owners, every member owns every job and nothing is hashed.
 */
public final class Owners {

    private final String[] members;
    private final long[] memberHashes;
    private final int count;

    private Owners(List<String> members, int count) {
        this.members = members.toArray(String[]::new);
        this.memberHashes = new long[this.members.length];
        for (int i = 0; i < this.members.length; i++) {
            memberHashes[i] = hash(this.members[i]);
        }
        this.count = Math.max(1, count);
    }

    /** The owners among these distinct members, {@code count} per job (at least one). */
    public static Owners of(Collection<String> members, int count) {
        return new Owners(members.stream().distinct().sorted().toList(), count);
    }

    /** The members, in id order. */
    public List<String> members() {
        return List.of(members);
    }

    /** How many owners each job gets when there are enough members. */
    public int count() {
        return count;
    }

    /** Whether every member owns every job (no more members than owners). */
    public boolean everyone() {
        return members.length <= count;
    }

    /** Whether the instance is one of the job's owners. */
    public boolean owns(String instanceId, String jobId) {
        if (everyone()) {
            return indexOf(instanceId) >= 0;
        }
        return of(jobId).contains(instanceId);
    }

    /** The job's owners, the highest weight (the primary) first. */
    public List<String> of(String jobId) {
        int n = Math.min(count, members.length);
        int[] best = new int[n];
        long[] weights = new long[n];
        int filled = 0;
        long jobHash = hash(jobId);
        for (int i = 0; i < members.length; i++) {
            long w = mix(jobHash ^ memberHashes[i]);
            int at = filled;
            // members come in id order, so an equal weight keeps the smaller id ahead
            while (at > 0 && Long.compareUnsigned(w, weights[at - 1]) > 0) {
                at--;
            }
            if (at < n) {
                int last = Math.min(filled, n - 1);
                System.arraycopy(best, at, best, at + 1, last - at);
                System.arraycopy(weights, at, weights, at + 1, last - at);
                best[at] = i;
                weights[at] = w;
                filled = Math.min(filled + 1, n);
            }
        }
        List<String> owners = new ArrayList<>(n);
        for (int i = 0; i < filled; i++) {
            owners.add(members[best[i]]);
        }
        return owners;
    }

    private int indexOf(String instanceId) {
        for (int i = 0; i < members.length; i++) {
            if (members[i].equals(instanceId)) {
                return i;
            }
        }
        return -1;
    }

    /** FNV-1a over the UTF-8 bytes, then mixed: the same on every JVM (unlike a seeded hash). */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** MurmurHash3's 64-bit finaliser. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe1a85ec3L;
        h ^= h >>> 33;
        return h;
    }
}
