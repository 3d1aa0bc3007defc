package dev.paperrec.recommend;

import dev.paperrec.recommend.model.NeighbourOrigin;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

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
    NeighbourOrigin collaborativeSource();

    /**
     * Where citation neighbours come from: {@code computed} from the papers' references at each build, or
     * {@code database}, the newest completed {@code citation} batch of the precomputed-neighbour tables.
     */
    @WithDefault("computed")
    NeighbourOrigin citationSource();

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

    /** The engine's tunables; unset ones keep the values tuned offline (docs/evaluation.md). */
    Engine engine();

    /**
     * One property per {@link EngineSettings} component, named in kebab case
     * ({@code paperrec.recommend.engine.upvote-weight}); the defaults are {@link EngineSettings#defaults()}.
     */
    interface Engine {

        /** Weight of an upvoted paper in the user's history. */
        @WithDefault("1.0")
        double upvoteWeight();

        /** Weight of a paper the user only read (above 0, at most the upvote weight). */
        @WithDefault("0.5")
        double readWeight();

        /** Collaborative neighbours kept per paper, computed or loaded. */
        @WithDefault("300")
        int collaborativeNeighbours();

        /** Weight of the content source in the hybrid blend. */
        @WithDefault("1.0")
        double contentWeight();

        /** Weight of the collaborative source in the hybrid blend. */
        @WithDefault("1.0")
        double collaborativeWeight();

        /** Share of the sentence embedding in content similarity, the rest being TF-IDF (0 to 1). */
        @WithDefault("0.5")
        double embeddingShare();

        /** Principal components of the embeddings kept (0 keeps every dimension). */
        @WithDefault("128")
        int embeddingComponents();

        /** Weight of author names relative to title and abstract words. */
        @WithDefault("0.3")
        double authorWeight();

        /** History size from which collaborative filtering gets its full weight. */
        @WithDefault("5")
        int fullCollaborativeHistory();

        /** Neighbours, summed over the user's papers' lists, from which collaborative filtering weighs fully. */
        @WithDefault("500")
        int fullCollaborativeEvidence();

        /** History size beyond which the collaborative weight grows with the square root of the history size. */
        @WithDefault("10")
        int collaborativeGrowthHistory();

        /** Best eligible scores whose standard deviation divides each source of the hybrid blend. */
        @WithDefault("1500")
        int spreadDepth();

        /** Half-life of a history event's weight, counted back from the user's latest event. */
        @WithDefault("P60D")
        Duration historyHalfLife();

        /** Extra score share for a paper published right now. */
        @WithDefault("0.3")
        double freshnessBoost();

        /** Half-life of the freshness boost on the publication date. */
        @WithDefault("P14D")
        Duration freshnessHalfLife();

        /** Relevance share in maximal marginal relevance, 0 to 1 (1 turns diversity off). */
        @WithDefault("0.9")
        double mmrLambda();

        /** How many of the top papers diversity may reorder. */
        @WithDefault("50")
        int mmrWindow();

        /** Window of the trending list used for new users and backfill. */
        @WithDefault("P7D")
        Duration trendingWindow();

        /** Half-life of an event's weight in trending. */
        @WithDefault("P2D")
        Duration trendingHalfLife();

        /** Weight of one external upvote relative to one upvote event in trending. */
        @WithDefault("0.2")
        double externalUpvoteWeight();

        /** Words found in a larger share of a large catalogue are left out of TF-IDF. */
        @WithDefault("0.1")
        double maxDocumentShare();

        /** Users whose latest papers are held out to learn the blend at each build (0 keeps the hand-set blend). */
        @WithDefault("600")
        int blendUsers();

        /** Seed of that sample and of the order of events with equal times. */
        @WithDefault("42")
        int blendSeed();

        /** Citation neighbours kept per paper, computed or loaded. */
        @WithDefault("100")
        int citationNeighbours();

        /** Weight of the citation source against the text inside the content part. */
        @WithDefault("0.5")
        double citationWeight();

        /** How much a direct citation counts against one shared reference or citer of the same rarity. */
        @WithDefault("1.0")
        double citationDirectWeight();

        /** The settings the engine runs with; checked by {@link EngineSettings}'s constructor. */
        default EngineSettings settings() {
            return new EngineSettings(upvoteWeight(), readWeight(), collaborativeNeighbours(), contentWeight(),
                    collaborativeWeight(), embeddingShare(), embeddingComponents(), authorWeight(),
                    fullCollaborativeHistory(), fullCollaborativeEvidence(), collaborativeGrowthHistory(),
                    spreadDepth(), historyHalfLife(), freshnessBoost(), freshnessHalfLife(), mmrLambda(), mmrWindow(),
                    trendingWindow(), trendingHalfLife(), externalUpvoteWeight(), maxDocumentShare(), blendUsers(),
                    blendSeed(), citationNeighbours(), citationWeight(), citationDirectWeight());
        }
    }
}
