package dev.paperrec.recommend.model;

import java.util.Locale;

/** Where a model's collaborative or citation neighbours come from; {@link #wireName()} is the name in config and APIs. */
public enum NeighbourOrigin {
    /** Computed by the build itself from the event log (log-likelihood over co-reading). */
    COMPUTED,
    /** Loaded from the newest completed batch of the {@code paper_neighbour} table, written by an external job. */
    DATABASE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
