package io.texium.scheduler.files.control;

import io.texium.scheduler.platform.MongoStore;

/** {@link StoredFiles} wired by hand on a store, for plain tests of the features that keep files. */
public final class StoredFilesOn {

    private StoredFilesOn() {
    }

    public static StoredFiles store(MongoStore store) {
        var files = new StoredFiles();
        files.store = store;
        return files;
    }
}
