package io.texium.scheduler.reports.control;

import io.texium.scheduler.files.control.StoredFilesOn;
import io.texium.scheduler.platform.MongoStore;

/** {@link Reports} wired by hand on a store, for plain tests. */
public final class ReportsOn {

    private ReportsOn() {
    }

    public static Reports store(MongoStore store) {
        var reports = new Reports();
        reports.files = StoredFilesOn.store(store);
        return reports;
    }
}
