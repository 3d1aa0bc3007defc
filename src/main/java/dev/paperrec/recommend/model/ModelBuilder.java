package dev.paperrec.recommend.model;

import dev.paperrec.interaction.EventType;
import dev.paperrec.recommend.EngineSettings;
import dev.paperrec.recommend.RecommendationSource;
import dev.paperrec.recommend.UserHistory;
import dev.paperrec.recommend.citation.CitationGraph;
import dev.paperrec.recommend.citation.CitationSource;
import dev.paperrec.recommend.collaborative.CollaborativeSource;
import dev.paperrec.recommend.collaborative.ItemNeighbours;
import dev.paperrec.recommend.collaborative.LogLikelihoodNeighbours;
import dev.paperrec.recommend.content.ContentModel;
import dev.paperrec.recommend.content.ContentSource;
import dev.paperrec.recommend.hybrid.BlendTrainer;
import dev.paperrec.recommend.hybrid.LearnedBlend;
import dev.paperrec.recommend.hybrid.RecommendationModel;
import dev.paperrec.recommend.trending.TrendingIndex;
import dev.paperrec.recommend.trending.TrendingSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
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
        return build(papers, interactions, precomputed, precomputedCitations, settings, now, BuildGuard.NONE);
    }

    /**
     * As {@link #build(Collection, Iterable, PrecomputedNeighbours, PrecomputedNeighbours, EngineSettings, Instant)},
     * asking {@code guard} between phases and every few thousand users whether the build may go on; what it throws
     * ends the build.
     */
    public static RecommendationModel build(Collection<PaperRecord> papers, Iterable<InteractionRecord> interactions,
                                            PrecomputedNeighbours precomputed,
                                            PrecomputedNeighbours precomputedCitations, EngineSettings settings,
                                            Instant now, BuildGuard guard) {
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

        guard.check("content");
        EventLog log = EventLog.of(interactions);
        guard.check("events read");
        ByUser byUser = ByUser.of(log, catalogue, guard);
        long events = byUser.events();
        int userCount = byUser.users().length;
        List<String> userIds = new ArrayList<>(userCount);
        Map<String, RecommendationModel.StoredEvents> users = new LinkedHashMap<>(userCount * 2);
        List<RecommendationModel.StoredEvents> stored = new ArrayList<>(userCount);
        int[][] userItems = new int[userCount][];
        List<UserHistory> histories = new ArrayList<>(userCount);
        List<int[]> trendPapers = new ArrayList<>();
        List<long[]> trendTimes = new ArrayList<>();
        List<double[]> trendWeights = new ArrayList<>();
        long nowMillis = now.toEpochMilli();
        for (int u = 0; u < userCount; u++) {
            RecommendationModel.StoredEvents own = byUser.stored(u, nowMillis);
            String userId = log.userId(byUser.users()[u]);
            userIds.add(userId);
            users.put(userId, own);
            stored.add(own);
            UserHistory history = UserHistory.replay(eventsOf(own), settings);
            histories.add(history);
            int[] liked = history.seeds().clone();
            Arrays.sort(liked);
            userItems[u] = liked;
            trendPapers.add(history.seeds());
            trendTimes.add(history.lastPositive());
            trendWeights.add(history.strength());
            if ((u & 0xFFF) == 0) {
                guard.check("histories");
            }
        }
        long eventsDone = System.nanoTime();
        ItemNeighbours neighbours = precomputed == null
                ? LogLikelihoodNeighbours.build(userItems, catalogue.builtSize(), settings.collaborativeNeighbours(),
                        null, (phase, bytes) -> guard.require(bytes, phase))
                : precomputed.resolve(catalogue::indexOf, catalogue.builtSize(), settings.collaborativeNeighbours());
        long neighboursDone = System.nanoTime();
        guard.check("trending and blend");
        TrendingIndex trending = trendingIndex(catalogue, trendPapers, trendTimes, trendWeights, settings);
        boolean[] read = BlendTrainer.readIn(userItems, catalogue.builtSize());
        // Learning needs the neighbours computed again without the held-out papers: only where they are computed here.
        LearnedBlend blend = precomputed == null
                ? BlendTrainer.fit(catalogue, content, citations, histories, u -> eventsOf(stored.get(u)), userItems,
                        read, settings, guard)
                : LearnedBlend.handSet("collaborative neighbours come from the database", settings.blendSeed());
        long blendDone = System.nanoTime();
        guard.check("model");

        long millis = (System.nanoTime() - started) / 1_000_000;
        BuildStats stats = new BuildStats(catalogue.builtSize(), userIds.size(), events, neighbours.pairs(),
                precomputed == null ? NeighbourOrigin.COMPUTED : NeighbourOrigin.DATABASE,
                precomputed == null ? null : precomputed.batchId(), content.vocabularySize(), content.embedded(),
                citations.referenceCount(), citations.links(), citations.neighbours().pairs(),
                precomputedCitations == null ? null : precomputedCitations.batchId(), millis);
        LOG.log(System.Logger.Level.INFO, "Recommendation model built: {0} (content {1} ms, citations {2} ms, "
                        + "events {3} ms, collaborative neighbours {4} ms, blend {5} ms: {6})", stats,
                (contentDone - started) / 1_000_000, (citationsDone - contentDone) / 1_000_000,
                (eventsDone - citationsDone) / 1_000_000, (neighboursDone - eventsDone) / 1_000_000,
                (blendDone - neighboursDone) / 1_000_000, describe(blend));
        // Reasons come in this order where sources add as much: readers, then text, then citations.
        List<RecommendationSource> sources = List.of(new CollaborativeSource(neighbours), new ContentSource(content),
                new CitationSource(citations, settings.citationWeight()),
                new TrendingSource(trending, now, settings.trendingWindow(), catalogue.builtSize()));
        return new RecommendationModel(Long.toString(now.toEpochMilli(), 36), now, settings, stats, catalogue,
                sources, users, blend, read);
    }

    /** One line for the build log: what ranks, and why. */
    public static String describe(LearnedBlend blend) {
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

    /** A user's stored events as the history replay reads them; made when needed, not kept. */
    private static List<UserHistory.Event> eventsOf(RecommendationModel.StoredEvents stored) {
        List<UserHistory.Event> events = new ArrayList<>(stored.papers().length);
        for (int i = 0; i < stored.papers().length; i++) {
            events.add(new UserHistory.Event(stored.papers()[i], stored.types()[i], stored.millis()[i]));
        }
        return events;
    }

    /**
     * The log's events on catalogue papers grouped by user without a per-event object: a counting sort of event
     * positions by user, users in id order.
     *
     * @param users     the log's index of each user with an event on a catalogue paper, in id order
     * @param from      per log user, where their events start in {@code order}; {@code from[u + 1]} where they end
     * @param order     event positions in the log, grouped by user, in log order within a user
     * @param catalogue per log paper, its index in the catalogue, or -1
     */
    private record ByUser(EventLog log, int[] users, int[] from, int[] order, int[] catalogue) {

        static ByUser of(EventLog log, Catalogue catalogue, BuildGuard guard) {
            int[] paperIndex = new int[log.paperCount()];
            for (int q = 0; q < paperIndex.length; q++) {
                paperIndex[q] = catalogue.indexOf(log.paperId(q));
            }
            int[] from = new int[log.userCount() + 1];
            for (int e = 0; e < log.size(); e++) {
                if (paperIndex[log.paper(e)] >= 0) {
                    from[log.user(e) + 1]++;
                }
            }
            for (int u = 0; u < log.userCount(); u++) {
                from[u + 1] += from[u];
            }
            int[] order = new int[from[log.userCount()]];
            int[] next = Arrays.copyOf(from, log.userCount());
            for (int e = 0; e < log.size(); e++) {
                if (paperIndex[log.paper(e)] >= 0) {
                    order[next[log.user(e)]++] = e;
                }
                if ((e & 0xFFFF) == 0) {
                    guard.check("events by user");
                }
            }
            int[] users = java.util.stream.IntStream.range(0, log.userCount()).filter(u -> from[u + 1] > from[u])
                    .boxed().sorted(Comparator.comparing(log::userId)).mapToInt(Integer::intValue).toArray();
            return new ByUser(log, users, from, order, paperIndex);
        }

        long events() {
            return order.length;
        }

        /** The events of the {@code k}-th user (id order) in time order, equal times in log order. */
        RecommendationModel.StoredEvents stored(int k, long now) {
            int u = users[k];
            int n = from[u + 1] - from[u];
            long[] millis = new long[n];
            boolean ordered = true;
            for (int i = 0; i < n; i++) {
                long t = log.millis(order[from[u] + i]);
                millis[i] = t == EventLog.NO_TIME ? now : t;
                ordered &= i == 0 || millis[i - 1] <= millis[i];
            }
            Integer[] position = new Integer[n];
            for (int i = 0; i < n; i++) {
                position[i] = i;
            }
            if (!ordered) {
                // A stable sort: events with equal times keep the order they were recorded in.
                Arrays.sort(position, Comparator.comparingLong(i -> millis[i]));
            }
            int[] papers = new int[n];
            EventType[] types = new EventType[n];
            long[] times = new long[n];
            for (int i = 0; i < n; i++) {
                int e = order[from[u] + position[i]];
                papers[i] = catalogue[log.paper(e)];
                types[i] = log.type(e);
                times[i] = millis[position[i]];
            }
            return new RecommendationModel.StoredEvents(papers, types, times);
        }
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
