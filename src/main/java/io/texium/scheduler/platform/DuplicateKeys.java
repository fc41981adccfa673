package io.texium.scheduler.platform;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;

/** Recognises MongoDB's duplicate-key error (an insert or a replace that breaks a unique index), however wrapped. */
public final class DuplicateKeys {

    private DuplicateKeys() {
    }

    public static boolean in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MongoServerException s && ErrorCategory.fromErrorCode(s.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }
}
