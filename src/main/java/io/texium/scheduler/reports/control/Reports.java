package io.texium.scheduler.reports.control;

import io.texium.scheduler.files.control.StoredFiles;
import io.texium.scheduler.platform.Page;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.problems.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Stores, lists, prunes and serves the reports, kept in {@link StoredFiles} under kind {@value #KIND} and named
 * {@code report-<UTC yyyyMMdd'T'HHmmss'Z'>-<short job id>[-n].<csv|html|xlsx>}. Each report's metadata names its
 * owner (the user whose job wrote it): a user lists and reads only their own reports, an administrator all.
 */
@ApplicationScoped
public class Reports {

    public static final String KIND = "report";
    /** The path a report is downloaded from, followed by its name. */
    public static final String DOWNLOAD = "/api/scheduler/reports/";
    static final String OWNER = "owner_id";
    static final String JOB = "job_id";
    private static final Pattern NAME = Pattern.compile("report-\\d{8}T\\d{6}Z-[a-z0-9]{1,8}(-\\d{1,3})?\\.(csv|html|xlsx)");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Inject
    StoredFiles files;

    /** One stored report as listed: where to download it, and what its writer noted. */
    public record Report(String name, String format, long size, Instant createdAt, String ownerId, String jobId,
                         String jobName, String since, String until, Integer rows, String download) {
    }

    /** Whether {@code name} is a report's name; no other name is ever looked up. */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The name of the {@code n}th report of a job in the second {@code at} (n = 0: no suffix). */
    static String name(Instant at, String jobId, int n, ReportFormat format) {
        String id = String.valueOf(jobId).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String shortId = id.isEmpty() ? "job" : id.substring(Math.max(0, id.length() - 8));
        return "report-" + STAMP.format(at) + "-" + shortId + (n == 0 ? "" : "-" + n) + "." + format.extension();
    }

    /**
     * Stores a report of a job's run under a name no report has yet, with its owner, job and what {@code metadata}
     * adds (period, rows, ...).
     */
    public Report store(Instant at, String ownerId, String jobId, ReportFormat format, Map<String, Object> metadata,
                        byte[] content) {
        String name = freeName(at, jobId, format);
        Map<String, Object> meta = new LinkedHashMap<>(metadata);
        meta.put(OWNER, ownerId);
        meta.put(JOB, jobId);
        meta.put("format", format.extension());
        return report(files.write(KIND, name, format.contentType(), meta, out -> {
            try {
                out.write(content);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
    }

    /** Keeps the newest {@code keep} reports of a job and deletes the older ones; answers the names deleted. */
    public List<String> prune(String jobId, int keep) {
        List<String> deleted = new ArrayList<>();
        List<StoredFiles.StoredFile> all = files.list(KIND, Map.of(JOB, jobId));
        for (var old : all.subList(Math.min(keep, all.size()), all.size())) {
            if (files.delete(KIND, old.name())) {
                deleted.add(old.name());
            }
        }
        return deleted;
    }

    /** A page of the reports of one owner (null: everyone's), newest first. */
    public Page<Report> list(String ownerId, PageRequest page) {
        return files.page(KIND, ownerId == null ? Map.of() : Map.of(OWNER, ownerId), page).map(Reports::report);
    }

    /** The report of that name if it is {@code ownerId}'s (null: anyone's); another's is not found. */
    public Optional<Report> find(String name, String ownerId) {
        if (!isName(name)) {
            return Optional.empty();
        }
        return files.describe(KIND, name).map(Reports::report)
                .filter(r -> ownerId == null || ownerId.equals(r.ownerId()));
    }

    /** The report, or 404. */
    public Report require(String name, String ownerId) {
        return find(name, ownerId).orElseThrow(() -> new NotFoundException("report", shown(name)));
    }

    /** Copies a report's bytes to {@code out}. */
    public void copy(String name, OutputStream out) {
        if (!files.copy(KIND, name, out)) {
            throw new NotFoundException("report", shown(name));
        }
    }

    private String freeName(Instant at, String jobId, ReportFormat format) {
        for (int n = 0; n < 1000; n++) {
            String name = name(at, jobId, n, format);
            if (files.describe(KIND, name).isEmpty()) {
                return name;
            }
        }
        throw new IllegalStateException("a thousand reports of one job in one second: refusing another");
    }

    private static Report report(StoredFiles.StoredFile file) {
        Map<String, Object> m = file.metadata();
        return new Report(file.name(), text(m.get("format")), file.size(), file.createdAt(), text(m.get(OWNER)),
                text(m.get(JOB)), text(m.get("job_name")), text(m.get("since")), text(m.get("until")),
                m.get("rows") instanceof Number n ? n.intValue() : null, DOWNLOAD + file.name());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A name for a message: cut, so that a huge or hostile name is not echoed whole. */
    static String shown(String name) {
        String s = String.valueOf(name);
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
