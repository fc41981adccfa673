package io.texium.scheduler.reports.control;

import java.util.Locale;
import java.util.Optional;

/** The formats a report is written in: the file name's extension and the content type it is served with. */
public enum ReportFormat {
    CSV("csv", "text/csv; charset=utf-8"),
    HTML("html", "text/html; charset=utf-8"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final String extension;
    private final String contentType;

    ReportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    /** The extension, which is also the name a job's {@code format} argument gives: csv, html or xlsx. */
    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** The format of that name (any case), if there is one. */
    public static Optional<ReportFormat> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (ReportFormat format : values()) {
            if (format.extension.equals(wanted)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
