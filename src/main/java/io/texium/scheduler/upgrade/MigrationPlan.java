package io.texium.scheduler.upgrade;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The application's migrations in version order, checked once: every version positive and used by one step only. */
final class MigrationPlan {

    private final List<Migration> ordered;

    MigrationPlan(Collection<? extends Migration> migrations) {
        List<Migration> sorted = migrations.stream().sorted(Comparator.comparingInt(Migration::version))
                .map(Migration.class::cast).toList();
        for (int i = 0; i < sorted.size(); i++) {
            Migration step = sorted.get(i);
            if (step.version() < 1) {
                throw new IllegalStateException("schema migration '" + step.description() + "' has version "
                        + step.version() + "; versions start at 1");
            }
            if (i > 0 && sorted.get(i - 1).version() == step.version()) {
                throw new IllegalStateException("schema version " + step.version() + " is claimed by two migrations: '"
                        + sorted.get(i - 1).description() + "' and '" + step.description() + "'");
            }
        }
        ordered = sorted;
    }

    /** The steps a store at {@code version} still needs, oldest first. */
    List<Migration> after(int version) {
        return ordered.stream().filter(step -> step.version() > version).toList();
    }

    /** The version a store is at once every step ran; 0 without any step. */
    int latest() {
        return ordered.isEmpty() ? 0 : ordered.getLast().version();
    }
}
