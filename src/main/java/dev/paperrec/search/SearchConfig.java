package dev.paperrec.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Relevance search over the catalogue. */
@ConfigMapping(prefix = "paperrec.search")
public interface SearchConfig {

    /**
     * How often the index compares itself with the catalogue and indexes what changed: this replica's writes are
     * indexed at once and other replicas' as their change notices arrive; this check catches whatever a lost
     * notice left out.
     */
    @WithDefault("PT1M")
    Duration syncInterval();

    /** Build the index from PostgreSQL at start (off only in tests that build it themselves). */
    @WithDefault("true")
    boolean buildAtStartup();
}
