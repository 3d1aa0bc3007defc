package dev.paperrec.recommend.hybrid;

import dev.paperrec.interaction.EventType;
import dev.paperrec.recommend.EngineSettings;
import dev.paperrec.recommend.Reason;
import dev.paperrec.recommend.RecommendationSource;
import dev.paperrec.recommend.RecommendationRequest;
import dev.paperrec.recommend.RecommendedPaper;
import dev.paperrec.recommend.Strategy;
import dev.paperrec.recommend.UserHistory;
import dev.paperrec.recommend.content.ContentModel;
import dev.paperrec.recommend.content.ContentSource;
import dev.paperrec.recommend.model.BuildStats;
import dev.paperrec.recommend.model.Catalogue;
import dev.paperrec.recommend.model.InteractionRecord;
import dev.paperrec.recommend.model.PaperRecord;
import dev.paperrec.recommend.trending.TrendingIndex;
import dev.paperrec.recommend.trending.TrendingSource;

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
 * <p>Personal rankings blend the model's {@link RecommendationSource}s by their role. The <em>content</em> part holds
 * the sources a paper has from the day it is published: text ({@code ContentSource}, the summed similarity of a paper
 * to the user's papers) and, where papers have references, citations ({@code CitationSource}: direct citations,
 * co-citation and shared references). Several are each divided by the spread of their best scores and weighted
 * (citations by {@link EngineSettings#citationWeight()}), so a paper nobody has read yet is found by what it says and
 * what it cites. The <em>collaborative</em> part holds the reader sources ({@code CollaborativeSource}, the summed
 * log-likelihood similarity over the neighbours of the user's papers). Trending ({@code TrendingSource}) fills what
 * the others leave empty.
 * <p>The hybrid strategy divides each part by the spread (standard deviation) of its best
 * {@link EngineSettings#spreadDepth()} scores, then weights it: collaborative filtering gets its full weight only from
 * {@link EngineSettings#fullCollaborativeHistory()} papers whose neighbour lists hold
 * {@link EngineSettings#fullCollaborativeEvidence()} neighbours on, so thin histories and histories of rarely read
 * papers are content-led, and its weight grows with the square root of the history size beyond
 * {@link EngineSettings#collaborativeGrowthHistory()} papers. Where the build learned a blend ({@link LearnedBlend}),
 * that hand-set score and, for a paper nobody has read, its content part alone are ordered by their probabilities of
 * being read (kept on the content part's scale), so that unread papers are placed among read ones by what their
 * content predicts rather than as if their collaborative evidence were zero. It then multiplies by freshness and
 * reorders the top window for diversity. A single-source strategy divides its source by its best score.
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
    /** In the order reasons are given in when their parts are equal: readers, then text, then citations. */
    private final List<RecommendationSource> sources;
    /** The text source, which diversity also measures papers with. */
    private final ContentSource content;
    private final TrendingSource trending;
    private final double[] freshnessMultipliers;
    private final Freshness freshness;
    private final Map<String, StoredEvents> users;
    private final LearnedBlend blend;
    /** Whether anybody read each built paper: the learned blend scores a paper nobody read on its content alone. */
    private final boolean[] read;

    /**
     * @param sources every source of the model; one {@link ContentSource} and one {@link TrendingSource} among them
     */
    public RecommendationModel(String version, Instant builtAt, EngineSettings settings, BuildStats stats,
                               Catalogue catalogue, List<RecommendationSource> sources,
                               Map<String, StoredEvents> users, LearnedBlend blend, boolean[] read) {
        this.version = version;
        this.builtAt = builtAt;
        this.settings = settings;
        this.stats = stats;
        this.catalogue = catalogue;
        this.sources = List.copyOf(sources);
        this.content = only(sources, ContentSource.class);
        this.trending = only(sources, TrendingSource.class);
        this.users = users;
        this.blend = blend;
        this.read = read;
        freshness = new Freshness(settings.freshnessBoost(), settings.freshnessHalfLife(),
                java.time.LocalDate.ofInstant(builtAt, java.time.ZoneOffset.UTC));
        freshnessMultipliers = new double[catalogue.builtSize()];
        for (int p = 0; p < freshnessMultipliers.length; p++) {
            freshnessMultipliers[p] = freshness.multiplier(catalogue.publishedAt(p));
        }
    }

    private RecommendationModel(RecommendationModel base, Catalogue catalogue, List<RecommendationSource> sources) {
        int added = catalogue.size() - catalogue.builtSize();
        version = base.version.replaceFirst("\\+.*$", "") + "+" + added;
        builtAt = base.builtAt;
        settings = base.settings;
        stats = base.stats;
        this.catalogue = catalogue;
        this.sources = sources;
        content = only(sources, ContentSource.class);
        trending = base.trending;
        freshnessMultipliers = base.freshnessMultipliers;
        freshness = base.freshness;
        users = base.users;
        blend = base.blend;
        read = base.read;
    }

    private static <T extends RecommendationSource> T only(List<RecommendationSource> sources, Class<T> type) {
        List<T> found = sources.stream().filter(type::isInstance).map(type::cast).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException("a model needs exactly one " + type.getSimpleName() + ", got "
                    + found.size());
        }
        return found.get(0);
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

    /** The sources the model ranks by, in the order their reasons come when they weigh the same. */
    public List<RecommendationSource> sources() {
        return sources;
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
        return new RecommendationModel(this, catalogue.withPaper(paper),
                sources.stream().map(s -> s.withPaper(paper)).toList());
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
            result.add(new RecommendedPaper(catalogue.id(ranking.papers()[i]), score, TrendingSource.reasons(score)));
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
        List<Part> contentParts = new ArrayList<>();
        List<Part> readerParts = new ArrayList<>();
        for (RecommendationSource source : sources) {
            RecommendationSource.Scores scores = strategy.uses(source) ? source.score(history, n) : null;
            if (scores != null) {
                Part part = new Part(source, scores);
                ranked.parts.add(part);
                (source.role() == RecommendationSource.Role.CONTENT ? contentParts : readerParts).add(part);
            }
        }
        ranked.contentScores = mix(contentParts, eligible);
        ranked.collaborativeScores = readerParts.isEmpty() ? null : sum(readerParts, n);
        long links = readerParts.stream().mapToLong(part -> part.scores.evidence()).sum();
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
            double collaborativeShare = personalise ? collaborativeShare(settings, history.seeds().length, links)
                    : settings.collaborativeWeight();
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
            ranked.diversify(head, diversityLambda(settings.mmrLambda(), ranked.coRead(head)));
        }
        return personalise ? fromTrending(ranked, eligible, wanted) : ranked;
    }

    /**
     * The relevance share of diversity: the configured one where co-reading scored any paper of the list, none
     * (1) where the content profile ranked it alone. Validation put diversity's gain where co-reading ranks (the
     * neighbour lists of one history cluster) and a loss where the content profile ranks alone (its best matches
     * resemble each other because they are relevant): docs/evaluation.md, "Diversity where co-reading ranks".
     */
    static double diversityLambda(double lambda, boolean coRead) {
        return coRead ? lambda : 1;
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
        int[] trendingOrder = trending.order();
        for (int k = 0; k < trendingOrder.length && size < wanted; k++) {
            int p = trendingOrder[k];
            if (!listed[p] && eligible.test(p)) {
                papers[size] = p;
                // Backfill ranks below every personal score; a pure trending list keeps its own scores.
                scores[size++] = from == 0 ? trending.scoreOf(p) : 0;
            }
        }
        ranked.papers = papers;
        ranked.scores = scores;
        ranked.size = size;
        ranked.trendingFrom = from;
        return ranked;
    }

    /**
     * The content part: one content source's scores as they are; several each divided by the spread of its best
     * eligible scores and weighted (text 1, citations {@link EngineSettings#citationWeight()}). Where no source but
     * the first has an eligible score, the first stays as it is. Null without content sources.
     */
    private double[] mix(List<Part> parts, IntPredicate eligible) {
        if (parts.isEmpty()) {
            return null;
        }
        if (parts.size() == 1) {
            return parts.get(0).scores.values();
        }
        int n = catalogue.size();
        double[] max = new double[parts.size()];
        double[][] eligibleScores = new double[parts.size()][n];
        int count = 0;
        for (int p = 0; p < n; p++) {
            if (eligible.test(p)) {
                for (int i = 0; i < parts.size(); i++) {
                    double v = parts.get(i).scores.values()[p];
                    max[i] = Math.max(max[i], v);
                    eligibleScores[i][count] = v;
                }
                count++;
            }
        }
        boolean others = false;
        for (int i = 1; i < max.length; i++) {
            others |= max[i] > 0;
        }
        if (!others) {
            for (int i = 1; i < parts.size(); i++) {
                parts.get(i).share = 0;
            }
            return parts.get(0).scores.values();
        }
        for (int i = 0; i < parts.size(); i++) {
            parts.get(i).share = blendScale(parts.get(i).source.weight(), max[i],
                    TopScoreSpread.of(eligibleScores[i], count, settings.spreadDepth()));
        }
        double[] mixed = new double[n];
        for (int p = 0; p < n; p++) {
            double v = parts.get(0).scores.values()[p] * parts.get(0).share;
            for (int i = 1; i < parts.size(); i++) {
                v += parts.get(i).scores.values()[p] * parts.get(i).share;
            }
            mixed[p] = v;
        }
        return mixed;
    }

    /** The collaborative part: the reader sources' scores, weighted. */
    private static double[] sum(List<Part> parts, int n) {
        if (parts.size() == 1 && parts.get(0).source.weight() == 1) {
            return parts.get(0).scores.values();
        }
        double[] sum = new double[n];
        for (Part part : parts) {
            for (int p = 0; p < n; p++) {
                sum[p] += part.scores.values()[p] * part.source.weight();
            }
        }
        return sum;
    }

    /** One source's scores for a reader, and its scale inside its part of the blend. */
    private static final class Part {
        final RecommendationSource source;
        final RecommendationSource.Scores scores;
        /** Multiplier of the source's scores inside its part (see {@link #mix}). */
        double share = 1;

        Part(RecommendationSource source, RecommendationSource.Scores scores) {
            this.source = source;
            this.scores = scores;
        }
    }

    /** A ranked list plus what is needed to explain each of its papers. */
    private final class Ranked {
        int[] papers = new int[0];
        double[] scores = new double[0];
        int size;
        int trendingFrom = Integer.MAX_VALUE;
        UserHistory history = UserHistory.EMPTY;
        /** The sources that scored, in the model's order. */
        final List<Part> parts = new ArrayList<>(3);
        /** The content part: the content sources mixed (see mix). */
        double[] contentScores;
        double[] collaborativeScores;
        double contentScale;
        double collaborativeScale;
        boolean fresh;

        /** What one source adds to a paper's blended score. */
        double value(Part part, int p) {
            double scale = part.source.role() == RecommendationSource.Role.CONTENT ? contentScale
                    : collaborativeScale;
            return part.scores.values()[p] * part.share * scale;
        }

        void take(TopPapers top) {
            size = top.size();
            papers = new int[size];
            scores = new double[size];
            top.drainInto(papers, scores);
        }

        /** Whether co-reading scored any of the first {@code window} papers. */
        boolean coRead(int window) {
            if (collaborativeScores == null || collaborativeScale <= 0) {
                return false;
            }
            for (int i = 0; i < window; i++) {
                if (collaborativeScores[papers[i]] > 0) {
                    return true;
                }
            }
            return false;
        }

        void diversify(int window, double lambda) {
            if (lambda >= 1) {
                return;
            }
            ContentModel.PairwiseSimilarity similarity = content.model().pairwise(Arrays.copyOf(papers, window));
            double[] head = Arrays.copyOf(scores, window);
            int[] order = MaximalMarginalRelevance.reorder(head, lambda, similarity::between);
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
            List<RecommendedPaper> result = new ArrayList<>(end - offset);
            for (int i = offset; i < end; i++) {
                int p = papers[i];
                result.add(new RecommendedPaper(catalogue.id(p), scores[i],
                        i >= trendingFrom ? TrendingSource.reasons(trending.scoreOf(p)) : reasons(p, explained)));
            }
            return result;
        }

        private List<Reason> reasons(int p, int[] explained) {
            // The source that adds most to the paper's score speaks first.
            List<Map.Entry<Double, Reason>> found = new ArrayList<>(parts.size());
            for (Part part : parts) {
                Reason reason = part.scores.reason(p, explained, catalogue);
                if (reason != null) {
                    found.add(Map.entry(value(part, p), reason));
                }
            }
            found.sort((a, b) -> Double.compare(b.getKey(), a.getKey()));
            List<Reason> reasons = new ArrayList<>(found.size() + 1);
            found.forEach(e -> reasons.add(e.getValue()));
            double multiplier = freshnessOf(p);
            if (fresh && multiplier - 1 >= Freshness.NOTICEABLE) {
                reasons.add(new Reason.Fresh(catalogue.publishedAt(p), multiplier));
            }
            return reasons;
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
