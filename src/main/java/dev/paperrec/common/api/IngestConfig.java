package dev.paperrec.common.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds on bulk writes (paper imports and event batches). */
@ConfigMapping(prefix = "paperrec.ingest")
public interface IngestConfig {

    /** Largest accepted bulk body in bytes; larger bodies are refused with 413. */
    @WithDefault("67108864")
    long maxBodyBytes();

    /** Longest accepted line of a JSON Lines or CSV body, in characters; a longer one is refused with 413. */
    @WithDefault("1048576")
    int maxLineLength();

    /** Records written per transaction; each chunk is committed before the next is read. */
    @WithDefault("2000")
    int chunkSize();

    /** Rejected lines listed in an answer; the count covers them all. */
    @WithDefault("1000")
    int maxReportedRejections();
}
