package io.texium.scheduler.jobs.boundary;

import io.texium.scheduler.jobs.entity.Job;

/**
 * A job's ETag is its version, which every change a client can make raises, and nothing else does: a job that runs
 * every second keeps its ETag between a read and a write. {@code If-Match} with it makes a write conditional.
 */
final class JobVersions {

    /** Stands for an If-Match that names no version a job can have: it never matches. */
    static final long NONE = -1;

    private JobVersions() {
    }

    /** The value of the {@code ETag} header: the version as a strong tag, e.g. {@code "7"} with the quotes. */
    static String etag(Job job) {
        return "\"" + job.version() + "\"";
    }

    /**
     * The version an {@code If-Match} header requires: null when the header is absent or {@code *} (the job only
     * has to exist); {@value #NONE} for anything else that is not one strong ETag of ours (weak tags never match).
     */
    static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.length() < 3 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"') {
            return NONE;
        }
        try {
            long version = Long.parseLong(tag.substring(1, tag.length() - 1));
            return version < 0 ? NONE : version;
        } catch (NumberFormatException e) {
            return NONE;
        }
    }
}
