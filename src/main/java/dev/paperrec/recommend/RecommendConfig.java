package dev.paperrec.recommend;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** The recommendation model: when it is rebuilt, and the engine's tunables. */
@ConfigMapping(prefix = "paperrec.recommend")
public interface RecommendConfig {

    /** Rebuild the model from PostgreSQL this often, even without new events. */
    @WithDefault("PT10M")
    Duration rebuildInterval();

    /** Rebuild as soon as this many events were recorded since the last build (0 turns it off). */
    @WithDefault("5000")
    long rebuildAfterEvents();

    /**
     * Where collaborative neighbours come from: {@code computed} by each build from the events, or {@code database},
     * loaded from the newest completed batch a distributed job wrote (docs/scaling.md); without one, computed.
     */
    @WithDefault("computed")
    CollaborativeSource collaborativeSource();

    /**
     * Where citation neighbours come from: {@code computed} from the papers' references at each build, or
     * {@code database}, the newest completed {@code citation} batch of the precomputed-neighbour tables.
     */
    @WithDefault("computed")
    CollaborativeSource citationSource();

    /**
     * Rankings kept in memory per model version (0 turns the cache off): repeated requests (a reader paging, a
     * paper page's "similar" box, the trending list) are answered without ranking again. Each entry is a few KB.
     */
    @WithDefault("20000")
    int rankingCacheSize();

    /**
     * Answer from memory what changed since the model's build (a user's newer events, withdrawn and edited papers),
     * kept current by change notices every replica sends and hears through PostgreSQL (docs/scaling.md). false:
     * read both from PostgreSQL on every request, which sees other replicas' writes with no delay at all but costs
     * two queries per request.
     */
    @WithDefault("true")
    boolean changeFeed();

    /**
     * Bytes of rendered answers (recommendations, similar, trending) kept while the change feed listens: an answer
     * asked again with nothing it shows changed is sent as it was rendered (0 turns this off). About 3.5 KB a page
     * of 10.
     */
    @WithDefault("67108864")
    long pageCacheBytes();

    /** Build the first model when the service starts; readiness stays DOWN until it is loaded. */
    @WithDefault("true")
    boolean buildAtStartup();

    /**
     * Share of the maximum heap that the heap in use may reach while a model is built, the model in service
     * included. A build that would need more stops, the previous model keeps serving, and the build is tried again
     * after {@code build-retry-backoff} (docs/scaling.md, "Memory of a build").
     */
    @WithDefault("0.85")
    double buildHeapShare();

    /**
     * Wait before a failed build is tried again; it doubles with each failure in a row, up to the rebuild
     * interval.
     */
    @WithDefault("PT30S")
    Duration buildRetryBackoff();

    /** Compute sentence embeddings of new and changed papers in the background (stored in PostgreSQL). */
    @WithDefault("true")
    boolean embeddingsEnabled();

    /** How often the embedder looks for papers without an embedding. */
    @WithDefault("PT5S")
    Duration embeddingPollInterval();

    /** Papers embedded per transaction. */
    @WithDefault("64")
    int embeddingBatchSize();

    /**
     * Overrides of the engine's tuned defaults, by setting name, e.g. {@code paperrec.recommend.engine.upvote-weight=1.0},
     * {@code ...engine.read-weight=0.5}, {@code ...engine.content-weight}, {@code ...engine.collaborative-weight},
     * {@code ...engine.freshness-half-life=P14D}, {@code ...engine.mmr-lambda}, {@code ...engine.trending-window=P7D}
     * (see docs/evaluation.md for every setting and its tuned value).
     */
    Map<String, String> engine();
}
