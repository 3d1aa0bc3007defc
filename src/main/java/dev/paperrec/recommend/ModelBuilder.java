package dev.paperrec.recommend;

import dev.paperrec.interaction.EventType;
import dev.paperrec.recommend.citation.CitationGraph;
import dev.paperrec.recommend.collaborative.ItemNeighbours;
import dev.paperrec.recommend.collaborative.LogLikelihoodNeighbours;
import dev.paperrec.recommend.content.ContentModel;
import dev.paperrec.recommend.hybrid.LearnedBlend;
import dev.paperrec.recommend.hybrid.TrendingIndex;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds a {@link RecommendationModel} from the whole catalogue and event log; pure computation, no I/O. */
public final class ModelBuilder {

    private static final System.Logger LOG = System.getLogger(ModelBuilder.class.getName());

    private ModelBuilder() {
    }

    /**
     * Builds a model whose collaborative neighbours are computed from {@code interactions}.
     *
     * @param papers       the catalogue; a repeated id keeps its first record
     * @param interactions every event; events on papers outside the catalogue are ignored
     * @param now          the model's clock: freshness, trending and events without a time refer to it
     */
    public static RecommendationModel build(Collection<PaperRecord> papers, Iterable<InteractionRecord> interactions,
                                            EngineSettings settings, Instant now) {
        return build(papers, interactions, null, settings, now);
    }

    /**
     * As {@link #build(Collection, Iterable, EngineSettings, Instant)}, but with the collaborative neighbours of
     * {@code precomputed} when it is not null: pairs naming papers outside the catalogue are dropped and each
     * paper keeps its {@link EngineSettings#collaborativeNeighbours()} most similar ones.
     */
    public static RecommendationModel build(Collection<PaperRecord> papers, Iterable<InteractionRecord> interactions,
                                            PrecomputedNeighbours precomputed, EngineSettings settings, Instant now) {
        return build(papers, interactions, precomputed, null, settings, now);
    }

    /**
     * As {@link #build(Collection, Iterable, PrecomputedNeighbours, EngineSettings, Instant)}, with the citation
     * neighbours of {@code precomputedCitations} instead of computing them when it is not null.
     */
    public static RecommendationModel build(Collection<PaperRecord> papers, Iterable<InteractionRecord> interactions,
                                            PrecomputedNeighbours precomputed,
                                            PrecomputedNeighbours precomputedCitations, EngineSettings settings,
                                            Instant now) {
        long started = System.nanoTime();
        Map<String, PaperRecord> byId = new TreeMap<>();
        for (PaperRecord p : papers) {
            byId.putIfAbsent(p.id(), p);
        }
        List<PaperRecord> sorted = new ArrayList<>(byId.values());
        Catalogue catalogue = new Catalogue(sorted);
        ContentModel content = ContentModel.build(sorted, settings.embeddingShare(),
                settings.embeddingComponents(), settings.authorWeight(), settings.maxDocumentShare());
        long contentDone = System.nanoTime();
        CitationGraph citations = CitationGraph.build(sorted.stream().map(PaperRecord::id).toList(),
                sorted.stream().map(PaperRecord::url).toList(), sorted.stream().map(PaperRecord::references).toList(),
                new CitationGraph.Settings(settings.citationNeighbours(), settings.citationDirectWeight(),
                        settings.maxDocumentShare()),
                precomputedCitations == null ? null : precomputedCitations.resolve(catalogue::indexOf,
                        catalogue.builtSize(), settings.citationNeighbours()));
        long citationsDone = System.nanoTime();

        Map<String, List<UserHistory.Event>> eventsByUser = new HashMap<>();
        long events = 0;
        for (InteractionRecord r : interactions) {
            int paper = catalogue.indexOf(r.paperId());
            if (paper < 0 || r.userId() == null || r.type() == null) {
                continue;
            }
            long millis = (r.occurredAt() == null ? now : r.occurredAt()).toEpochMilli();
            eventsByUser.computeIfAbsent(r.userId(), u -> new ArrayList<>())
                    .add(new UserHistory.Event(paper, r.type(), millis));
            events++;
        }
        List<String> userIds = eventsByUser.keySet().stream().sorted().toList();
        Map<String, RecommendationModel.StoredEvents> users = new LinkedHashMap<>(userIds.size() * 2);
        int[][] userItems = new int[userIds.size()][];
        List<UserHistory> histories = new ArrayList<>(userIds.size());
        List<List<UserHistory.Event>> userEvents = new ArrayList<>(userIds.size());
        List<int[]> trendPapers = new ArrayList<>();
        List<long[]> trendTimes = new ArrayList<>();
        List<double[]> trendWeights = new ArrayList<>();
        for (int u = 0; u < userIds.size(); u++) {
            List<UserHistory.Event> list = eventsByUser.get(userIds.get(u));
            list.sort(Comparator.comparingLong(UserHistory.Event::millis));
            users.put(userIds.get(u), new RecommendationModel.StoredEvents(
                    list.stream().mapToInt(UserHistory.Event::paper).toArray(),
                    list.stream().map(UserHistory.Event::type).toArray(EventType[]::new),
                    list.stream().mapToLong(UserHistory.Event::millis).toArray()));
            UserHistory history = UserHistory.replay(list, settings);
            histories.add(history);
            userEvents.add(list);
            int[] liked = history.seeds().clone();
            Arrays.sort(liked);
            userItems[u] = liked;
            trendPapers.add(history.seeds());
            trendTimes.add(history.lastPositive());
            trendWeights.add(history.strength());
        }
        long eventsDone = System.nanoTime();
        ItemNeighbours neighbours = precomputed == null
                ? LogLikelihoodNeighbours.build(userItems, catalogue.builtSize(), settings.collaborativeNeighbours())
                : precomputed.resolve(catalogue::indexOf, catalogue.builtSize(), settings.collaborativeNeighbours());
        long neighboursDone = System.nanoTime();
        TrendingIndex trending = trendingIndex(catalogue, trendPapers, trendTimes, trendWeights, settings);
        boolean[] read = BlendTrainer.readIn(userItems, catalogue.builtSize());
        // Learning needs the neighbours computed again without the held-out papers: only where they are computed here.
        LearnedBlend blend = precomputed == null
                ? BlendTrainer.fit(catalogue, content, citations, histories, userEvents, userItems, read, settings)
                : LearnedBlend.handSet("collaborative neighbours come from the database", settings.blendSeed());
        long blendDone = System.nanoTime();

        long millis = (System.nanoTime() - started) / 1_000_000;
        BuildStats stats = new BuildStats(catalogue.builtSize(), userIds.size(), events, neighbours.pairs(),
                precomputed == null ? CollaborativeSource.COMPUTED : CollaborativeSource.DATABASE,
                precomputed == null ? null : precomputed.batchId(), content.vocabularySize(), content.embedded(),
                citations.referenceCount(), citations.links(), citations.neighbours().pairs(),
                precomputedCitations == null ? null : precomputedCitations.batchId(), millis);
        LOG.log(System.Logger.Level.INFO, "Recommendation model built: {0} (content {1} ms, citations {2} ms, "
                        + "events {3} ms, collaborative neighbours {4} ms, blend {5} ms: {6})", stats,
                (contentDone - started) / 1_000_000, (citationsDone - contentDone) / 1_000_000,
                (eventsDone - citationsDone) / 1_000_000, (neighboursDone - eventsDone) / 1_000_000,
                (blendDone - neighboursDone) / 1_000_000, describe(blend));
        return new RecommendationModel(Long.toString(now.toEpochMilli(), 36), now, settings, stats, catalogue,
                content, neighbours, trending, users, blend, read, citations);
    }

    /** One line for the build log: what ranks, and why. */
    static String describe(LearnedBlend blend) {
        LearnedBlend.Fit f = blend.fit();
        if (f.reason() != null && f.handSetNdcg() == null) {
            return blend.choice() + " (" + f.reason() + ")";
        }
        if (f.reason() != null) {
            return String.format(java.util.Locale.ROOT, "%s (nothing learned: %s), held-out NDCG@%d hand-set %.4f, "
                            + "content %.4f; %d users, %d candidates, %d held out, seed %d", blend.choice(), f.reason(),
                    LearnedBlend.NDCG_CUTOFF, f.handSetNdcg(), f.contentNdcg(), f.users(), f.examples(),
                    f.positives(), f.seed());
        }
        return String.format(java.util.Locale.ROOT, "%s, held-out NDCG@%d learned %.4f, hand-set %.4f, content %.4f; "
                        + "with evidence %s, without %s; %d users, %d candidates, %d held out, seed %d",
                blend.choice(), LearnedBlend.NDCG_CUTOFF, f.learnedNdcg(), f.handSetNdcg(), f.contentNdcg(),
                Arrays.toString(blend.withEvidence()), Arrays.toString(blend.withoutEvidence()), f.users(),
                f.examples(), f.positives(), f.seed());
    }

    private static TrendingIndex trendingIndex(Catalogue catalogue, List<int[]> papers, List<long[]> times,
                                               List<double[]> weights, EngineSettings settings) {
        int total = papers.stream().mapToInt(a -> a.length).sum();
        int[] p = new int[total];
        long[] t = new long[total];
        float[] w = new float[total];
        int at = 0;
        for (int u = 0; u < papers.size(); u++) {
            for (int k = 0; k < papers.get(u).length; k++) {
                p[at] = papers.get(u)[k];
                t[at] = times.get(u)[k];
                w[at++] = (float) weights.get(u)[k];
            }
        }
        return new TrendingIndex(p, t, w, catalogue.builtPublished(), catalogue.builtUpvotes(),
                settings.trendingHalfLife(), settings.externalUpvoteWeight());
    }
}
