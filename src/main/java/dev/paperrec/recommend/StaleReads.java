package dev.paperrec.recommend;

import dev.paperrec.common.db.DatabaseException;

import java.util.function.Supplier;

/**
 * Reads from PostgreSQL that may fall back to the model alone when the database is unreachable; the answer is
 * then marked stale. Errors that retrying cannot fix still propagate. One per answer.
 */
public final class StaleReads {

    private boolean stale;

    public <T> T orElse(Supplier<T> read, Supplier<T> fallback) {
        try {
            return read.get();
        } catch (DatabaseException e) {
            if (!e.isTransient()) {
                throw e;
            }
            stale = true;
            return fallback.get();
        }
    }

    /** Whether a read fell back to the model. */
    boolean stale() {
        return stale;
    }
}
