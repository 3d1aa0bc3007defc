package dev.paperrec.recommend;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Every tunable of the engine. {@link #defaults()} holds the values tuned offline on validation splits carved from
 * training data (see docs/evaluation.md). The service reads them from {@link RecommendConfig.Engine}, whose
 * defaults are these.
 *
 * @param upvoteWeight              weight of an upvoted paper in the user's history
 * @param readWeight                weight of a paper the user only read (below the upvote weight)
 * @param collaborativeNeighbours   top-k collaborative neighbours kept per paper
 * @param contentWeight             weight of the content source in the hybrid blend
 * @param collaborativeWeight       weight of the collaborative source in the hybrid blend
 * @param embeddingShare            share of the sentence embedding in content similarity (the rest is TF-IDF)
 * @param embeddingComponents       principal components of the embeddings kept (0 keeps every dimension)
 * @param authorWeight              weight of author names relative to title and abstract words
 * @param fullCollaborativeHistory  history size from which collaborative filtering gets its full weight
 * @param fullCollaborativeEvidence number of neighbours, summed over the neighbour lists of the user's papers, from
 *                                  which collaborative filtering gets its full weight (papers few others read have
 *                                  short lists, and thin evidence)
 * @param collaborativeGrowthHistory history size beyond which the collaborative weight keeps growing with the square
 *                                  root of the history size (collaborative evidence sharpens as a history grows,
 *                                  while a summed content profile blurs)
 * @param spreadDepth               the hybrid blend divides each source by the standard deviation of its this many
 *                                  best scores among the eligible papers
 * @param historyHalfLife           half-life of a history event's weight, counted back from the user's latest one
 * @param freshnessBoost            extra score share for a paper published right now
 * @param freshnessHalfLife         half-life of the freshness boost on the publication date
 * @param mmrLambda                 relevance share in maximal marginal relevance (1 turns diversity off)
 * @param mmrWindow                 how many of the top papers diversity may reorder
 * @param trendingWindow            window of the trending list used for new users and backfill
 * @param trendingHalfLife          half-life of an event's weight in trending
 * @param externalUpvoteWeight      weight of one external upvote relative to one upvote event in trending
 * @param maxDocumentShare          words found in a larger share of a large catalogue are left out of TF-IDF
 * @param blendUsers                users whose most recent papers are held out to learn the hybrid blend at each
 *                                  build (0: never learn, keep the hand-set blend)
 * @param blendSeed                 seed of that sample and of the order of events with equal times
 * @param citationNeighbours        top-k citation neighbours kept per paper
 * @param citationWeight            weight of the citation source against the text inside the content part (each
 *                                  divided by the spread of its best scores first)
 * @param citationDirectWeight      how much a direct citation counts against one shared reference or citer of the
 *                                  same rarity
 */
public record EngineSettings(double upvoteWeight, double readWeight, int collaborativeNeighbours,
                             double contentWeight, double collaborativeWeight, double embeddingShare,
                             int embeddingComponents,
                             double authorWeight, int fullCollaborativeHistory, int fullCollaborativeEvidence,
                             int collaborativeGrowthHistory, int spreadDepth, Duration historyHalfLife,
                             double freshnessBoost, Duration freshnessHalfLife, double mmrLambda, int mmrWindow,
                             Duration trendingWindow, Duration trendingHalfLife, double externalUpvoteWeight,
                             double maxDocumentShare, int blendUsers, int blendSeed,
                             int citationNeighbours, double citationWeight, double citationDirectWeight) {

    public EngineSettings {
        if (readWeight > upvoteWeight || readWeight <= 0) {
            throw new IllegalArgumentException("0 < readWeight <= upvoteWeight required");
        }
        if (fullCollaborativeHistory < 1 || fullCollaborativeEvidence < 1 || collaborativeGrowthHistory < 1
                || spreadDepth < 1) {
            throw new IllegalArgumentException("fullCollaborativeHistory, fullCollaborativeEvidence, "
                    + "collaborativeGrowthHistory and spreadDepth must be positive");
        }
        if (citationNeighbours < 0 || citationWeight < 0 || citationDirectWeight < 0) {
            throw new IllegalArgumentException("citationNeighbours, citationWeight and citationDirectWeight must not "
                    + "be negative");
        }
        if (blendUsers < 0) {
            throw new IllegalArgumentException("blendUsers must not be negative");
        }
        if (embeddingShare < 0 || embeddingShare > 1 || mmrLambda < 0 || mmrLambda > 1) {
            throw new IllegalArgumentException("embeddingShare and mmrLambda must be within [0, 1]");
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(1.0, 0.5, 300, 1.0, 1.0, 0.5, 128, 0.3, 5, 500, 10, 1500, Duration.ofDays(60),
                0.3, Duration.ofDays(14), 0.9, 50, Duration.ofDays(7), Duration.ofDays(2), 0.2, 0.1, 600, 42,
                100, 0.5, 1.0);
    }

    /**
     * A copy with the named components replaced, values parsed from text (durations in ISO-8601, e.g. P7D): the
     * offline evaluator's {@code --set} and tests name settings by component, for any of them without a signature
     * that lists all.
     */
    public EngineSettings with(Map<String, String> overrides) {
        RecordComponent[] components = EngineSettings.class.getRecordComponents();
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                String text = overrides.get(c.getName());
                values[i] = text == null ? c.getAccessor().invoke(this) : parse(c.getType(), text);
            }
            for (String name : overrides.keySet()) {
                if (Arrays.stream(components).noneMatch(c -> c.getName().equals(name))) {
                    throw new IllegalArgumentException("unknown setting " + name);
                }
            }
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return EngineSettings.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object parse(Class<?> type, String text) {
        if (type == double.class) {
            return Double.parseDouble(text);
        }
        if (type == int.class) {
            return Integer.parseInt(text);
        }
        return Duration.parse(text);
    }
}
