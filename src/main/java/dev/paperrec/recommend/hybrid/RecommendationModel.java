package dev.paperrec.recommend.hybrid;

import dev.paperrec.interaction.EventType;
import dev.paperrec.recommend.EngineSettings;
import dev.paperrec.recommend.Reason;
import dev.paperrec.recommend.RecommendationRequest;
import dev.paperrec.recommend.RecommendedPaper;
import dev.paperrec.recommend.Strategy;
import dev.paperrec.recommend.UserHistory;
import dev.paperrec.recommend.citation.CitationGraph;
import dev.paperrec.recommend.collaborative.ItemNeighbours;
import dev.paperrec.recommend.content.ContentModel;
import dev.paperrec.recommend.content.SparseVector;
import dev.paperrec.recommend.model.BuildStats;
import dev.paperrec.recommend.model.Catalogue;
import dev.paperrec.recommend.model.InteractionRecord;
import dev.paperrec.recommend.model.PaperRecord;
import dev.paperrec.recommend.trending.TrendingIndex;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * A built recommendation model: immutable and safe to query from any number of threads. The service holds the
 * current one in an {@code AtomicReference}, swaps in a freshly built one, and uses {@link #withPaper} to make papers
 * ingested since the build recommendable at once.
 *
 * <p>Personal rankings blend two named sources: <em>content</em>, the summed content similarity of a paper to the
 * user's papers, and <em>collaborative</em>, the summed log-likelihood similarity over the precomputed neighbours of
 * the user's papers. Where papers have references, the content part also holds the <em>citation</em> source
 * ({@link CitationGraph}: direct citations, co-citation and shared references, summed over the user's papers): text
 * and citation scores are each divided by the spread of their best scores and the citations weighted by
 * {@link EngineSettings#citationWeight()}, so a paper nobody has read yet is found by what it says and what it cites.
 * The hybrid strategy divides each source by the spread (standard deviation) of its best
 * {@link EngineSettings#spreadDepth()} scores, then weights it: collaborative filtering gets its full weight only from
 * {@link EngineSettings#fullCollaborativeHistory()} papers whose neighbour lists hold
 * {@link EngineSettings#fullCollaborativeEvidence()} neighbours on, so thin histories and histories of rarely read
 * papers are content-led, and its weight grows with the square root of the history size beyond
 * {@link EngineSettings#collaborativeGrowthHistory()} papers. Where the build learned a blend ({@link LearnedBlend}),
 * that hand-set score and, for a paper nobody has read, its content part alone are ordered by their probabilities of
 * being read (kept on the content part's scale), so that unread papers are placed among read ones by what their
 * content predicts rather than as if their collaborative evidence were zero. It then multiplies by freshness and reorders the top window for diversity. A
 * single-source strategy divides its source by its best score.
 * Every strategy falls back to trending (then all-time popularity) when its sources run dry, and a user with no
 * positive history gets trending straight away.
 */
public final class RecommendationModel {

    /** Explanations compare a paper against at most this many of the user's strongest papers. */
    private static final int EXPLAINED_SEEDS = 10;

    /** A user's events as stored at build time, in time order. */
    public record StoredEvents(int[] papers, EventType[] types, long[] millis) {
    }

    private final String version;
    private final Instant builtAt;
    private final EngineSettings settings;
    private final BuildStats stats;
    private final Catalogue catalogue;
    private final ContentModel content;
    private final ItemNeighbours neighbours;
    private final TrendingIndex trending;
    private final int[] trendingOrder;
    /** Trending score of each built paper at build time, by index. */
    private final double[] trendingScores;
    private final double[] freshnessMultipliers;
    private final Freshness freshness;
    private final Map<String, StoredEvents> users;
    private final LearnedBlend blend;
    /** Whether anybody read each built paper: the learned blend scores a paper nobody read on its content alone. */
    private final boolean[] read;
    private final CitationGraph citations;

    public RecommendationModel(String version, Instant builtAt, EngineSettings settings, BuildStats stats,
                        Catalogue catalogue, ContentModel content, ItemNeighbours neighbours, TrendingIndex trending,
                        Map<String, StoredEvents> users, LearnedBlend blend, boolean[] read,
                        CitationGraph citations) {
        this.version = version;
        this.builtAt = builtAt;
        this.settings = settings;
        this.stats = stats;
        this.catalogue = catalogue;
        this.content = content;
        this.neighbours = neighbours;
        this.trending = trending;
        this.users = users;
        this.blend = blend;
        this.read = read;
        this.citations = citations;
        TrendingIndex.Ranking ranking = trending.rank(builtAt, settings.trendingWindow(), catalogue.builtSize(),
                p -> true);
        trendingOrder = ranking.papers();
        trendingScores = new double[catalogue.builtSize()];
        for (int k = 0; k < ranking.scores().length; k++) {
            trendingScores[trendingOrder[k]] = ranking.scores()[k];
        }
        freshness = new Freshness(settings.freshnessBoost(), settings.freshnessHalfLife(),
                java.time.LocalDate.ofInstant(builtAt, java.time.ZoneOffset.UTC));
        freshnessMultipliers = new double[catalogue.builtSize()];
        for (int p = 0; p < freshnessMultipliers.length; p++) {
            freshnessMultipliers[p] = freshness.multiplier(catalogue.publishedAt(p));
        }
    }

    private RecommendationModel(RecommendationModel base, Catalogue catalogue, ContentModel content,
                                CitationGraph citations) {
        int added = catalogue.size() - catalogue.builtSize();
        version = base.version.replaceFirst("\\+.*$", "") + "+" + added;
        builtAt = base.builtAt;
        settings = base.settings;
        stats = base.stats;
        this.catalogue = catalogue;
        this.content = content;
        neighbours = base.neighbours;
        trending = base.trending;
        trendingOrder = base.trendingOrder;
        trendingScores = base.trendingScores;
        freshnessMultipliers = base.freshnessMultipliers;
        freshness = base.freshness;
        users = base.users;
        blend = base.blend;
        read = base.read;
        this.citations = citations;
    }

    /** Identifies the model's content: a build, plus how many papers were added to it since. */
    public String version() {
        return version;
    }

    public Instant builtAt() {
        return builtAt;
    }

    public EngineSettings settings() {
        return settings;
    }

    public BuildStats stats() {
        return stats;
    }

    /** How hybrid requests blend their sources, as learned at this build. */
    public LearnedBlend blend() {
        return blend;
    }

    public boolean knows(String paperId) {
        return catalogue.indexOf(paperId) >= 0;
    }

    /**
     * A copy that also knows {@code paper}: it gets its content vector and its citation neighbours and can be
     * recommended and asked for similar papers at once; it has no collaborative neighbours until the next build. A
     * known id returns this.
     */
    public RecommendationModel withPaper(PaperRecord paper) {
        if (knows(paper.id())) {
            return this;
        }
        return new RecommendationModel(this, catalogue.withPaper(paper), content.withPaper(paper),
                citations.withPaper(paper.id(), paper.url(), paper.references()));
    }

    /** One page of personal recommendations; see the class comment for how they are ranked. */
    public List<RecommendedPaper> recommend(RecommendationRequest request) {
        if (request.limit() == 0) {
            return List.of();
        }
        UserHistory history = history(request.userId(), request.history());
        boolean[] blocked = blocked(history.touched(), request.excludes());
        IntPredicate eligible = p -> !blocked[p]
                && (request.since() == null || isOnOrAfter(p, request.since()))
                && (request.tags().isEmpty() || catalogue.hasAnyTag(p, request.tags()));
        int wanted = request.offset() + request.limit();
        Ranked ranked = request.strategy() == Strategy.TRENDING || history.isEmpty()
                ? fromTrending(new Ranked(), eligible, wanted)
                : personal(history, request.strategy(), eligible, wanted, true);
        return ranked.page(request.offset(), request.limit());
    }

    /**
     * Papers similar to {@code paperId}, never itself; a paper nobody interacted with yet is answered from content
     * alone. Unknown papers have no similar papers.
     */
    public List<RecommendedPaper> similar(String paperId, Strategy strategy, int limit, Collection<String> excludes) {
        if (strategy == Strategy.TRENDING) {
            throw new IllegalArgumentException("similar papers are ranked by HYBRID, CONTENT or COLLABORATIVE");
        }
        int paper = catalogue.indexOf(paperId);
        if (paper < 0 || limit == 0) {
            return List.of();
        }
        UserHistory seed = UserHistory.ofPaper(paper);
        boolean[] blocked = blocked(seed.touched(), excludes);
        return personal(seed, strategy, p -> !blocked[p], limit, false).page(0, limit);
    }

    /**
     * Papers with the most activity in {@code window} before {@code now} (events halved every trending half-life,
     * plus external upvotes of papers dated in the window), then the all-time most popular ones.
     */
    public List<RecommendedPaper> trending(Duration window, Instant now, int limit, Collection<String> excludes) {
        boolean[] blocked = blocked(new int[0], excludes);
        TrendingIndex.Ranking ranking = trending.rank(now, window, limit, p -> !blocked[p]);
        List<RecommendedPaper> result = new ArrayList<>(ranking.papers().length);
        for (int i = 0; i < ranking.papers().length; i++) {
            double score = i < ranking.scores().length ? ranking.scores()[i] : 0;
            result.add(new RecommendedPaper(catalogue.id(ranking.papers()[i]), score, trendingReasons(score)));
        }
        return result;
    }

    private boolean isOnOrAfter(int paper, java.time.LocalDate since) {
        java.time.LocalDate date = catalogue.publishedAt(paper);
        return date != null && !date.isBefore(since);
    }

    private UserHistory history(String userId, List<InteractionRecord> recent) {
        List<UserHistory.Event> events = new ArrayList<>();
        StoredEvents stored = userId == null ? null : users.get(userId);
        if (stored != null) {
            for (int i = 0; i < stored.papers().length; i++) {
                events.add(new UserHistory.Event(stored.papers()[i], stored.types()[i], stored.millis()[i]));
            }
        }
        for (InteractionRecord e : recent) {
            int paper = catalogue.indexOf(e.paperId());
            if (paper >= 0 && e.type() != null) {
                Instant at = e.occurredAt() == null ? builtAt : e.occurredAt();
                events.add(new UserHistory.Event(paper, e.type(), at.toEpochMilli()));
            }
        }
        return UserHistory.replay(events, settings);
    }

    private boolean[] blocked(int[] touched, Collection<String> excludes) {
        boolean[] blocked = new boolean[catalogue.size()];
        for (int p : touched) {
            blocked[p] = true;
        }
        for (String id : excludes) {
            int p = catalogue.indexOf(id);
            if (p >= 0) {
                blocked[p] = true;
            }
        }
        return blocked;
    }

    private Ranked personal(UserHistory history, Strategy strategy, IntPredicate eligible, int wanted,
                            boolean personalise) {
        int n = catalogue.size();
        boolean hybrid = strategy == Strategy.HYBRID;
        Ranked ranked = new Ranked();
        ranked.history = history;
        boolean text = strategy == Strategy.HYBRID || strategy == Strategy.CONTENT;
        if (text) {
            ranked.textScores = new double[n];
            content.score(content.profile(history.seeds(), history.weights()), ranked.textScores);
            ranked.contentScores = ranked.textScores;
        }
        if ((text || strategy == Strategy.CITATION) && !citations.isEmpty()) {
            ranked.citationScores = new double[n];
            ranked.citedFrom = new int[n];
            citations.score(history.seeds(), history.weights(), ranked.citationScores, ranked.citedFrom);
            ranked.mixCitations(eligible);
        }
        if (strategy == Strategy.HYBRID || strategy == Strategy.COLLABORATIVE) {
            ranked.collaborativeScores = new double[n];
            ranked.coReadFrom = new int[n];
            double[] best = new double[n];
            for (int k = 0; k < history.seeds().length; k++) {
                int seed = history.seeds()[k];
                double w = history.weights()[k];
                for (int p = neighbours.from(seed), end = neighbours.to(seed); p < end; p++) {
                    int item = neighbours.itemAt(p);
                    double c = w * neighbours.similarityAt(p);
                    ranked.collaborativeScores[item] += c;
                    if (c > best[item]) {
                        best[item] = c;
                        ranked.coReadFrom[item] = p + 1;
                    }
                }
            }
        }
        // One pass over the catalogue, on local arrays, finds each source's best eligible score, gathers the
        // eligible scores whose spread scales the hybrid's sources (see TopScoreSpread), and remembers the eligible
        // papers that scored at all; single sources are scaled by their best score, so their scores read as a
        // fraction of it. Only the papers that scored are then blended.
        double[] contentScores = ranked.contentScores;
        double[] collaborativeScores = ranked.collaborativeScores;
        double[] contentEligible = hybrid ? new double[n] : null;
        double[] collaborativeEligible = hybrid ? new double[n] : null;
        int eligibleCount = 0;
        int[] scored = new int[n];
        int scoredCount = 0;
        double contentMax = 0;
        double collaborativeMax = 0;
        for (int p = 0; p < n; p++) {
            if (eligible.test(p)) {
                double c = contentScores == null ? 0 : contentScores[p];
                double f = collaborativeScores == null ? 0 : collaborativeScores[p];
                contentMax = Math.max(contentMax, c);
                collaborativeMax = Math.max(collaborativeMax, f);
                if (hybrid) {
                    contentEligible[eligibleCount] = c;
                    collaborativeEligible[eligibleCount] = f;
                }
                eligibleCount++;
                if (c > 0 || f > 0) {
                    scored[scoredCount++] = p;
                }
            }
        }
        LearnedBlend.Choice choice = hybrid && personalise ? blend.choice() : LearnedBlend.Choice.HAND_SET;
        if (hybrid && choice == LearnedBlend.Choice.CONTENT) {
            ranked.contentScale = contentMax == 0 ? 0 : 1 / contentMax;
            ranked.collaborativeScale = 0;
        } else if (hybrid) {
            double collaborativeShare = personalise ? collaborativeShare(settings, history.seeds().length,
                    neighbourLinks(history.seeds())) : settings.collaborativeWeight();
            ranked.contentScale = blendScale(settings.contentWeight(), contentMax,
                    TopScoreSpread.of(contentEligible, eligibleCount, settings.spreadDepth()));
            ranked.collaborativeScale = blendScale(collaborativeShare, collaborativeMax,
                    TopScoreSpread.of(collaborativeEligible, eligibleCount, settings.spreadDepth()));
        } else {
            ranked.contentScale = contentMax == 0 ? 0 : 1 / contentMax;
            ranked.collaborativeScale = collaborativeMax == 0 ? 0 : 1 / collaborativeMax;
        }
        boolean learned = hybrid && choice == LearnedBlend.Choice.LEARNED;
        boolean rerank = hybrid && personalise;
        int window = rerank && settings.mmrLambda() < 1 ? settings.mmrWindow() : 0;
        TopPapers top = new TopPapers(Math.max(wanted, window), catalogue::compareIds);
        double contentScale = ranked.contentScale;
        double collaborativeScale = ranked.collaborativeScale;
        int built = freshnessMultipliers.length;
        for (int k = 0; k < scoredCount; k++) {
            int p = scored[k];
            double contentPart = contentScores == null ? 0 : contentScores[p] * contentScale;
            double s = contentPart + (collaborativeScores == null ? 0 : collaborativeScores[p] * collaborativeScale);
            if (learned) {
                s = blend.score(s, contentPart, p < read.length && read[p]);
            }
            if (s > 0) {
                top.offer(p, !rerank ? s : s * (p < built ? freshnessMultipliers[p] : freshnessOf(p)));
            }
        }
        ranked.take(top);
        ranked.fresh = rerank;
        // Fewer than two candidates leave nothing to reorder; none at all (every eligible paper seen or filtered
        // out) has no head for MMR to start from.
        int head = Math.min(window, ranked.size);
        if (head > 1) {
            ranked.diversify(head);
        }
        return personalise ? fromTrending(ranked, eligible, wanted) : ranked;
    }

    /**
     * Weight of the collaborative source for a history of {@code size} papers whose neighbour lists hold
     * {@code links} neighbours in all. It ramps up with the history size and with those links, so thin histories
     * and histories of papers few others read are content-led, and grows with the square root of the history size
     * beyond {@link EngineSettings#collaborativeGrowthHistory()} papers.
     */
    static double collaborativeShare(EngineSettings settings, int size, long links) {
        return settings.collaborativeWeight()
                * Math.min(1.0, (double) size / settings.fullCollaborativeHistory())
                * Math.min(1.0, (double) links / settings.fullCollaborativeEvidence())
                * Math.sqrt(Math.max(1.0, (double) size / settings.collaborativeGrowthHistory()));
    }

    private long neighbourLinks(int[] seeds) {
        long links = 0;
        for (int seed : seeds) {
            links += neighbours.to(seed) - neighbours.from(seed);
        }
        return links;
    }

    /**
     * Multipliers of the text and citation scores inside the content part, scaled as the hybrid scales its sources
     * ({@link #blendScale}), citations weighted by {@code citationWeight}; null when no eligible paper has a citation
     * score, which leaves the text as it is.
     */
    static double[] contentShares(double textMax, double textSpread, double citationMax, double citationSpread,
                                  double citationWeight) {
        if (citationMax <= 0) {
            return null;
        }
        return new double[]{blendScale(1, textMax, textSpread), blendScale(citationWeight, citationMax,
                citationSpread)};
    }

    /**
     * Scale of one source in the hybrid blend: its weight over the spread of its best scores; over its best score
     * when those are all equal; nothing when no eligible paper scores above zero.
     */
    static double blendScale(double weight, double max, double spread) {
        return max <= 0 ? 0 : weight / (spread > 0 ? spread : max);
    }

    private double freshnessOf(int paper) {
        return paper < freshnessMultipliers.length ? freshnessMultipliers[paper]
                : freshness.multiplier(catalogue.publishedAt(paper));
    }

    /** Appends trending papers not yet listed until {@code wanted} papers are listed. */
    private Ranked fromTrending(Ranked ranked, IntPredicate eligible, int wanted) {
        boolean[] listed = new boolean[catalogue.size()];
        for (int i = 0; i < ranked.size; i++) {
            listed[ranked.papers[i]] = true;
        }
        int from = ranked.size;
        int[] papers = Arrays.copyOf(ranked.papers, Math.max(ranked.size, wanted));
        double[] scores = Arrays.copyOf(ranked.scores, papers.length);
        int size = ranked.size;
        for (int k = 0; k < trendingOrder.length && size < wanted; k++) {
            int p = trendingOrder[k];
            if (!listed[p] && eligible.test(p)) {
                papers[size] = p;
                // Backfill ranks below every personal score; a pure trending list keeps its own scores.
                scores[size++] = from == 0 ? trendingScoreOf(p) : 0;
            }
        }
        ranked.papers = papers;
        ranked.scores = scores;
        ranked.size = size;
        ranked.trendingFrom = from;
        return ranked;
    }

    /** A ranked list plus what is needed to explain each of its papers. */
    private final class Ranked {
        int[] papers = new int[0];
        double[] scores = new double[0];
        int size;
        int trendingFrom = Integer.MAX_VALUE;
        UserHistory history = UserHistory.EMPTY;
        /** The content part: the text scores alone, or text and citation scores mixed (see mixCitations). */
        double[] contentScores;
        double[] textScores;
        double[] citationScores;
        /** Per paper, 1 + the user's paper whose citation link adds most to it, or 0 for none. */
        int[] citedFrom;
        /** Scales of the text and citation scores inside the content part. */
        double textShare = 1;
        double citationShare;
        double[] collaborativeScores;
        /** Per paper, 1 + the neighbour-list position of its strongest co-read link, or 0 for none. */
        int[] coReadFrom;
        double contentScale;
        double collaborativeScale;
        boolean fresh;

        double contentPart(int p) {
            return contentScores == null ? 0 : contentScores[p] * contentScale;
        }

        double textPart(int p) {
            return textScores == null ? 0 : textScores[p] * textShare * contentScale;
        }

        double citationPart(int p) {
            return citationScores == null ? 0 : citationScores[p] * citationShare * contentScale;
        }

        /**
         * Makes the content part out of the text and citation scores, each divided by the spread of its best eligible
         * scores (as the hybrid blends its sources) and the citations weighted by
         * {@link EngineSettings#citationWeight()}. Without text it is the citation scores; where no eligible paper
         * has a citation score the text scores stay as they are.
         */
        void mixCitations(IntPredicate eligible) {
            if (textScores == null) {
                contentScores = citationScores;
                textShare = 0;
                citationShare = 1;
                return;
            }
            int n = textScores.length;
            double[] textEligible = new double[n];
            double[] citationEligible = new double[n];
            int count = 0;
            double textMax = 0;
            double citationMax = 0;
            for (int p = 0; p < n; p++) {
                if (eligible.test(p)) {
                    textMax = Math.max(textMax, textScores[p]);
                    citationMax = Math.max(citationMax, citationScores[p]);
                    textEligible[count] = textScores[p];
                    citationEligible[count++] = citationScores[p];
                }
            }
            double[] shares = contentShares(textMax, TopScoreSpread.of(textEligible, count, settings.spreadDepth()),
                    citationMax, TopScoreSpread.of(citationEligible, count, settings.spreadDepth()),
                    settings.citationWeight());
            if (shares == null) {
                return;
            }
            textShare = shares[0];
            citationShare = shares[1];
            contentScores = new double[n];
            for (int p = 0; p < n; p++) {
                contentScores[p] = textScores[p] * textShare + citationScores[p] * citationShare;
            }
        }

        double collaborativePart(int p) {
            return collaborativeScores == null ? 0 : collaborativeScores[p] * collaborativeScale;
        }

        void take(TopPapers top) {
            size = top.size();
            papers = new int[size];
            scores = new double[size];
            top.drainInto(papers, scores);
        }

        void diversify(int window) {
            ContentModel.PairwiseSimilarity similarity = content.pairwise(Arrays.copyOf(papers, window));
            double[] head = Arrays.copyOf(scores, window);
            int[] order = MaximalMarginalRelevance.reorder(head, settings.mmrLambda(), similarity::between);
            int[] reordered = new int[window];
            for (int i = 0; i < window; i++) {
                reordered[i] = papers[order[i]];
            }
            System.arraycopy(reordered, 0, papers, 0, window);
            // Scores follow the new order so that the list stays sorted by score, as callers expect.
            for (int i = 1; i < window; i++) {
                scores[i] = Math.min(head[order[i]], scores[i - 1]);
            }
            scores[0] = head[order[0]];
        }

        List<RecommendedPaper> page(int offset, int limit) {
            int end = Math.min(size, offset + limit);
            if (offset >= end) {
                return List.of();
            }
            int[] explained = strongestSeeds();
            SparseVector[] seedWords = new SparseVector[explained.length];
            float[][] seedMeanings = new float[explained.length][];
            if (textScores != null) {
                for (int k = 0; k < explained.length; k++) {
                    seedWords[k] = content().wordsOf(explained[k]);
                    seedMeanings[k] = content().meaningOf(explained[k]);
                }
            }
            List<RecommendedPaper> result = new ArrayList<>(end - offset);
            for (int i = offset; i < end; i++) {
                int p = papers[i];
                result.add(new RecommendedPaper(catalogue.id(p), scores[i],
                        i >= trendingFrom ? trendingReasons(trendingScoreOf(p))
                                : reasons(p, explained, seedWords, seedMeanings)));
            }
            return result;
        }

        private ContentModel content() {
            return RecommendationModel.this.content;
        }

        private List<Reason> reasons(int p, int[] explained, SparseVector[] seedWords, float[][] seedMeanings) {
            List<Reason> reasons = new ArrayList<>(3);
            Reason coRead = null;
            if (coReadFrom != null && coReadFrom[p] > 0) {
                int seed = seedOfPosition(coReadFrom[p] - 1);
                int readers = neighbours.coReadersAt(coReadFrom[p] - 1);
                // Precomputed neighbours may carry no count: "read by 0 readers" would be false.
                coRead = readers > 0 ? new Reason.CoRead(catalogue.id(seed), catalogue.title(seed), readers)
                        : new Reason.AlsoRead(catalogue.id(seed), catalogue.title(seed));
            }
            Reason similar = null;
            if (textScores != null && explained.length > 0) {
                SparseVector w = content().wordsOf(p);
                float[] m = content().meaningOf(p);
                int bestSeed = -1;
                double best = 0;
                for (int k = 0; k < explained.length; k++) {
                    double s = content().similarity(w, m, seedWords[k], seedMeanings[k]);
                    if (s > best) {
                        best = s;
                        bestSeed = explained[k];
                    }
                }
                if (bestSeed >= 0) {
                    similar = new Reason.SimilarContent(catalogue.id(bestSeed), catalogue.title(bestSeed), best);
                }
            }
            Reason cited = citedFrom != null && citedFrom[p] > 0 ? citationReason(p, citedFrom[p] - 1) : null;
            // The source that adds most to the paper's score speaks first.
            List<Map.Entry<Double, Reason>> parts = new ArrayList<>(3);
            if (coRead != null) {
                parts.add(Map.entry(collaborativePart(p), coRead));
            }
            if (similar != null) {
                parts.add(Map.entry(textPart(p), similar));
            }
            if (cited != null) {
                parts.add(Map.entry(citationPart(p), cited));
            }
            parts.sort((a, b) -> Double.compare(b.getKey(), a.getKey()));
            parts.forEach(e -> reasons.add(e.getValue()));
            double multiplier = freshnessOf(p);
            if (fresh && multiplier - 1 >= Freshness.NOTICEABLE) {
                reasons.add(new Reason.Fresh(catalogue.publishedAt(p), multiplier));
            }
            return reasons;
        }

        /** The strongest true citation relation between a paper and one of the user's, or null when none holds. */
        private Reason citationReason(int p, int seed) {
            CitationGraph.Relation r = citations.relation(p, seed);
            String id = catalogue.id(seed);
            String title = catalogue.title(seed);
            if (r.cites()) {
                return new Reason.Cites(id, title);
            }
            if (r.citedBy()) {
                return new Reason.CitedBy(id, title);
            }
            if (r.sharedReferences() > 0) {
                return new Reason.SharesReferences(id, title, r.sharedReferences());
            }
            return r.citedTogether() > 0 ? new Reason.CitedTogether(id, title, r.citedTogether()) : null;
        }

        /** The seed whose neighbour list holds {@code position}: the list starting at or before it. */
        private int seedOfPosition(int position) {
            for (int seed : history.seeds()) {
                if (neighbours.from(seed) <= position && position < neighbours.to(seed)) {
                    return seed;
                }
            }
            throw new IllegalStateException("neighbour position outside the user's papers");
        }

        private int[] strongestSeeds() {
            int[] seeds = history.seeds();
            double[] weights = history.weights();
            TopPapers strongest = new TopPapers(EXPLAINED_SEEDS, Integer::compare);
            for (int k = 0; k < seeds.length; k++) {
                strongest.offer(seeds[k], weights[k]);
            }
            return strongest.drainPapers();
        }
    }

    /**
     * "Trending" only where the window holds activity on the paper: backfill beyond the active papers (all-time
     * popularity, then the rest of the catalogue) is listed without a reason rather than with a false one.
     */
    private static List<Reason> trendingReasons(double score) {
        return score > 0 ? List.of(new Reason.Trending(score)) : List.of();
    }

    private double trendingScoreOf(int paper) {
        return paper < trendingScores.length ? trendingScores[paper] : 0;
    }

    /** Title of a paper the model knows, or null; lets the service answer while its database is unreachable. */
    public String title(String paperId) {
        int paper = catalogue.indexOf(paperId);
        return paper < 0 ? null : catalogue.title(paper);
    }

    /** Publication date of a paper the model knows, or null. */
    public java.time.LocalDate publishedAt(String paperId) {
        int paper = catalogue.indexOf(paperId);
        return paper < 0 ? null : catalogue.publishedAt(paper);
    }
}
