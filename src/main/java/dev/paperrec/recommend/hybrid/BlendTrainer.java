package dev.paperrec.recommend.hybrid;

import dev.paperrec.recommend.EngineSettings;
import dev.paperrec.recommend.RecommendationSource;
import dev.paperrec.recommend.UserHistory;
import dev.paperrec.recommend.citation.CitationGraph;
import dev.paperrec.recommend.collaborative.CollaborativeSource;
import dev.paperrec.recommend.collaborative.ItemNeighbours;
import dev.paperrec.recommend.collaborative.LogLikelihoodNeighbours;
import dev.paperrec.recommend.content.ContentModel;
import dev.paperrec.recommend.model.BuildGuard;
import dev.paperrec.recommend.model.Catalogue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Learns the hybrid blend at build time from the events the build reads (see {@link LearnedBlend}). Held out: for a
 * seeded sample of users, each user's most recent fifth of papers (a seeded random part where times tie), and, for
 * everyone, every event on a set of read papers that play "published since the cutoff". The collaborative neighbours
 * are computed again without the held-out events; each sampled user's candidates (the leaders of the hand-set blend
 * and of content, and a random sample of the rest) become examples labelled by whether they were held out. Pure
 * computation, deterministic for its inputs; its cost is one more neighbour computation plus one ranking per sampled
 * user.
 */
public final class BlendTrainer {

    static final double HOLD_OUT_SHARE = 0.2;
    static final double WHOLE_PAPER_SHARE = 0.1;
    static final double SPARSE_UNREAD_SHARE = 0.25;
    static final double FEW_UNREAD_SHARE = 0.02;
    /** Users with fewer papers keep too little after the hold-out to rank from. */
    static final int MIN_SEEDS = 5;
    /** Users in each half, fitting and comparing, below which the hand-set blend stays. */
    static final int MIN_USERS = 20;
    static final int MIN_POSITIVES = 20;
    /** Candidates per source and user, and in the random sample of the rest. */
    static final int POOL = 100;
    /** L2 penalty of the regressions; small against tens of thousands of examples, it only keeps them defined. */
    static final double PENALTY = 1.0;
    /**
     * The learned blend replaces the others only when it beats the better of them by this share of NDCG: a few
     * hundred users' held-out papers cannot tell smaller gains from noise (on CiteULike-a it once won by 0.1 % in
     * the build and then lost 7 % of R@50 on the validation split).
     */
    static final double LEARNED_MARGIN = 0.02;

    private BlendTrainer() {
    }

    /** One user's candidates: features, hand-set score and label of each, and how many papers were held out. */
    private record Examples(double[] handSet, double[] content, boolean[] evidence, boolean[] labels, int held) {
    }

    /**
     * @param histories every user's replayed history, in the build's user order
     * @param events    every user's events, same order, by the user's position
     * @param items     every user's seeds, sorted, same order: the collaborative neighbours' input
     * @param read      which papers somebody among {@code items} read ({@link #readIn})
     * @param guard     asked while the neighbours are computed again, the largest allocation of the fit
     */
    public static LearnedBlend fit(Catalogue catalogue, ContentModel content, CitationGraph citations,
                            List<UserHistory> histories,
                            java.util.function.IntFunction<List<UserHistory.Event>> events, int[][] items, boolean[] read,
                            EngineSettings settings, BuildGuard guard) {
        long started = System.nanoTime();
        long seed = settings.blendSeed();
        if (settings.blendUsers() == 0) {
            return LearnedBlend.handSet("learning the blend is turned off (blendUsers = 0)", seed);
        }
        List<Integer> candidates = new ArrayList<>();
        for (int u = 0; u < histories.size(); u++) {
            if (histories.get(u).seeds().length >= MIN_SEEDS) {
                candidates.add(u);
            }
        }
        Collections.shuffle(candidates, new Random(seed));
        List<Integer> chosen = candidates.subList(0, Math.min(settings.blendUsers(), candidates.size()));
        if (chosen.size() < 2 * MIN_USERS) {
            return LearnedBlend.handSet(chosen.size() + " users with " + MIN_SEEDS + " papers or more; "
                    + 2 * MIN_USERS + " needed", seed);
        }

        int n = catalogue.builtSize();
        // Every user with enough papers loses their most recent ones, not only the sampled users: a paper whose
        // readers all came recently is then unread in training, as a new paper is in service.
        int[][] trainItems = items.clone();
        boolean[] whole = wholePapers(read, n, new Random(seed * 13));
        for (int u = 0; u < items.length; u++) {
            trainItems[u] = Arrays.stream(items[u]).filter(p -> !whole[p]).toArray();
        }
        int[][] heldByUser = new int[items.length][];
        for (int u : candidates) {
            int[] recent = heldOut(histories.get(u), new Random(seed * 31 + u));
            int[] out = java.util.stream.IntStream.concat(Arrays.stream(recent),
                    Arrays.stream(items[u]).filter(p -> whole[p])).distinct().sorted().toArray();
            heldByUser[u] = out;
            trainItems[u] = Arrays.stream(items[u]).filter(p -> Arrays.binarySearch(out, p) < 0).toArray();
        }
        boolean[] trainRead = readIn(trainItems, n);
        // Without enough lost papers that nobody read in training there is nothing to learn about unread papers
        // (where all events share one time, as in CiteULike-a, this is the case); the hand-set blend is still
        // compared with content alone, so that the hybrid never ranks below its own content part.
        long unreadHeld = 0;
        for (int i = 0; i < chosen.size(); i += 2) {
            unreadHeld += Arrays.stream(heldByUser[chosen.get(i)]).filter(p -> !trainRead[p]).count();
        }
        String cannotLearn = unreadHeld < MIN_POSITIVES ? unreadHeld + " held-out papers that nobody read in "
                + "training; " + MIN_POSITIVES + " needed" : null;
        UserHistory[] train = new UserHistory[chosen.size()];
        for (int i = 0; i < chosen.size(); i++) {
            int[] out = heldByUser[chosen.get(i)];
            train[i] = UserHistory.replay(events.apply(chosen.get(i)).stream()
                    .filter(e -> Arrays.binarySearch(out, e.paper()) < 0).toList(), settings);
        }
        // Only the sampled users' papers are asked for their neighbours: the lists of the others are not computed.
        boolean[] asked = new boolean[n];
        for (UserHistory history : train) {
            for (int paper : history.seeds()) {
                asked[paper] = true;
            }
        }
        ItemNeighbours neighbours = LogLikelihoodNeighbours.build(trainItems, n, settings.collaborativeNeighbours(),
                asked, (phase, bytes) -> guard.require(bytes, "blend: " + phase));

        Examples[] examples = new Examples[chosen.size()];
        double[] contentScores = new double[content.size()];
        double[] collaborativeScores = new double[n];
        double[] spreadScratch = new double[n];
        int[] touchedStamp = new int[n];
        // Even users are fitted on, odd ones compare; with nothing to learn only the comparison is needed.
        for (int i = cannotLearn == null ? 0 : 1; i < chosen.size(); i += cannotLearn == null ? 1 : 2) {
            examples[i] = examples(catalogue, content, citations, neighbours, read, trainRead, train[i],
                    heldByUser[chosen.get(i)], settings,
                    contentScores, collaborativeScores, spreadScratch, touchedStamp, i + 1, new Random(seed * 17 + i));
        }

        List<double[]> evidenceRows = new ArrayList<>();
        List<Boolean> evidenceLabels = new ArrayList<>();
        List<double[]> contentRows = new ArrayList<>();
        List<Boolean> contentLabels = new ArrayList<>();
        int rows = 0;
        int positives = 0;
        for (int i = 0; i < examples.length && cannotLearn == null; i += 2) {
            Examples x = examples[i];
            for (int k = 0; k < x.labels().length; k++) {
                if (x.evidence()[k]) {
                    evidenceRows.add(LearnedBlend.row(x.handSet()[k]));
                    evidenceLabels.add(x.labels()[k]);
                } else {
                    contentRows.add(LearnedBlend.row(x.content()[k]));
                    contentLabels.add(x.labels()[k]);
                }
                rows++;
                positives += x.labels()[k] ? 1 : 0;
            }
        }
        long evidencePositives = evidenceLabels.stream().filter(b -> b).count();
        long contentPositives = positives - evidencePositives;
        if (cannotLearn == null && (evidencePositives < MIN_POSITIVES || contentPositives < MIN_POSITIVES)) {
            cannotLearn = "held-out papers among the candidates: " + evidencePositives
                    + " with collaborative evidence, " + contentPositives + " without; " + MIN_POSITIVES
                    + " of each needed";
        }
        LearnedBlend learned = null;
        double[] withEvidence = null;
        double[] withoutEvidence = null;
        if (cannotLearn == null) {
            withEvidence = LogisticRegression.fit(evidenceRows.toArray(double[][]::new), toArray(evidenceLabels),
                    PENALTY);
            withoutEvidence = LogisticRegression.fit(contentRows.toArray(double[][]::new), toArray(contentLabels),
                    PENALTY);
            learned = new LearnedBlend(LearnedBlend.Choice.LEARNED, withEvidence, withoutEvidence, null);
            if (!learned.increasing()) {
                cannotLearn = "a fitted weight is not positive (with evidence " + withEvidence[1] + ", without "
                        + withoutEvidence[1] + "): the scores carry no signal to learn from";
                learned = null;
            }
        }

        double[] ndcg = new double[3];
        int compared = 0;
        for (int i = 1; i < examples.length; i += 2) {
            Examples x = examples[i];
            if (learned != null) {
                double[] learnedScores = new double[x.labels().length];
                for (int k = 0; k < learnedScores.length; k++) {
                    learnedScores[k] = learned.score(x.handSet()[k], x.content()[k], x.evidence()[k]);
                }
                ndcg[0] += ndcg(learnedScores, x.labels(), x.held());
            }
            ndcg[1] += ndcg(x.handSet(), x.labels(), x.held());
            ndcg[2] += ndcg(x.content(), x.labels(), x.held());
            compared++;
        }
        for (int k = 0; k < 3; k++) {
            ndcg[k] /= compared;
        }
        LearnedBlend.Choice choice = choose(learned == null ? null : ndcg[0], ndcg[1], ndcg[2]);
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new LearnedBlend(choice, withEvidence, withoutEvidence, new LearnedBlend.Fit(chosen.size(), rows,
                positives, learned == null ? null : ndcg[0], ndcg[1], ndcg[2], seed, millis, cannotLearn));
    }

    /** Which of {@code n} papers somebody among {@code items} (each user's papers) read. */
    /**
     * What ranks, by held-out NDCG: the learned blend only when it beats both others by {@link #LEARNED_MARGIN} (null
     * when nothing was learned), else the better of the hand-set blend and content alone, ties to the hand-set one.
     */
    static LearnedBlend.Choice choose(Double learned, double handSet, double content) {
        if (learned != null && learned >= (1 + LEARNED_MARGIN) * Math.max(handSet, content)) {
            return LearnedBlend.Choice.LEARNED;
        }
        return handSet >= content ? LearnedBlend.Choice.HAND_SET : LearnedBlend.Choice.CONTENT;
    }

    public static boolean[] readIn(int[][] items, int n) {
        boolean[] read = new boolean[n];
        for (int[] seeds : items) {
            for (int p : seeds) {
                read[p] = true;
            }
        }
        return read;
    }

    /** The most recent {@link #HOLD_OUT_SHARE} of the user's papers, at least one; equal times in a seeded order. */
    /**
     * Read papers held out whole, with every event on them, so that they are unread in training as a new paper is in
     * service: a seeded draw of as many as the catalogue has papers nobody read, and at most
     * {@link #WHOLE_PAPER_SHARE} of the read ones. This is what lets the fit learn how to place unread papers where
     * events carry no useful time (all at once, as in CiteULike-a); a catalogue that every paper has readers in
     * needs none. Nor does one where {@link #SPARSE_UNREAD_SHARE} or more of the papers are unread: readers then
     * sample it sparsely, its unread papers are mostly its unwanted tail rather than new ones, and read papers held
     * out whole would teach the blend to overrate them (the ordered P=10 validation: hybrid R@50 0.3087 without,
     * 0.2514 with, below content's 0.2660). Below {@link #FEW_UNREAD_SHARE} so few papers are unread that a blend
     * learned for them costs the read ones more than it gains (warm validation: NDCG@20 0.1926 without, 0.1836
     * with); where events carry times, the most recent fifth already holds out papers that are new.
     */
    static boolean[] wholePapers(boolean[] read, int n, Random random) {
        List<Integer> readPapers = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            if (read[p]) {
                readPapers.add(p);
            }
        }
        int unread = n - readPapers.size();
        int count = unread >= SPARSE_UNREAD_SHARE * n || unread < FEW_UNREAD_SHARE * n ? 0
                : (int) Math.min(unread, Math.round(readPapers.size() * WHOLE_PAPER_SHARE));
        Collections.shuffle(readPapers, random);
        boolean[] whole = new boolean[n];
        readPapers.subList(0, count).forEach(p -> whole[p] = true);
        return whole;
    }

    static int[] heldOut(UserHistory history, Random random) {
        int size = history.seeds().length;
        List<Integer> order = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            order.add(k);
        }
        Collections.shuffle(order, random);
        order.sort(Comparator.comparingLong((Integer k) -> history.lastPositive()[k]).reversed());
        int count = Math.max(1, (int) Math.round(size * HOLD_OUT_SHARE));
        return order.subList(0, count).stream().mapToInt(k -> history.seeds()[k]).sorted().toArray();
    }

    private static Examples examples(Catalogue catalogue, ContentModel content, CitationGraph citations,
                                     ItemNeighbours neighbours,
                                     boolean[] read, boolean[] trainRead, UserHistory train, int[] held,
                                     EngineSettings settings, double[] contentScores, double[] collaborativeScores,
                                     double[] spreadScratch, int[] touchedStamp, int stamp, Random random) {
        int n = catalogue.builtSize();
        Arrays.fill(contentScores, 0);
        Arrays.fill(collaborativeScores, 0);
        content.score(content.profile(train.seeds(), train.weights()), contentScores);
        for (int p : train.touched()) {
            touchedStamp[p] = stamp;
        }
        if (!citations.isEmpty()) {
            // The content part mixes in citations as RecommendationModel mixes them.
            double[] citationScores = new double[contentScores.length];
            citations.score(train.seeds(), train.weights(), citationScores, new int[contentScores.length]);
            double[] shares = RecommendationModel.contentShares(max(contentScores, touchedStamp, stamp, n),
                    spread(contentScores, touchedStamp, stamp, n, spreadScratch, settings.spreadDepth()),
                    max(citationScores, touchedStamp, stamp, n),
                    spread(citationScores, touchedStamp, stamp, n, spreadScratch, settings.spreadDepth()),
                    settings.citationWeight());
            if (shares != null) {
                for (int p = 0; p < contentScores.length; p++) {
                    contentScores[p] = contentScores[p] * shares[0] + citationScores[p] * shares[1];
                }
            }
        }
        RecommendationSource.Scores coRead = new CollaborativeSource(neighbours).score(train,
                collaborativeScores.length);
        System.arraycopy(coRead.values(), 0, collaborativeScores, 0, collaborativeScores.length);
        long links = coRead.evidence();
        double contentMax = 0;
        double collaborativeMax = 0;
        for (int p = 0; p < n; p++) {
            if (touchedStamp[p] != stamp) {
                contentMax = Math.max(contentMax, contentScores[p]);
                collaborativeMax = Math.max(collaborativeMax, collaborativeScores[p]);
            }
        }
        // Scaled as RecommendationModel scales them for the hand-set blend.
        double contentSpread = spread(contentScores, touchedStamp, stamp, n, spreadScratch, settings.spreadDepth());
        double collaborativeSpread = spread(collaborativeScores, touchedStamp, stamp, n, spreadScratch,
                settings.spreadDepth());
        double contentScale = RecommendationModel.blendScale(settings.contentWeight(), contentMax, contentSpread);
        double collaborativeScale = RecommendationModel.blendScale(
                RecommendationModel.collaborativeShare(settings, train.seeds().length, links), collaborativeMax,
                collaborativeSpread);

        // Candidates: the leaders of the hand-set blend and of content, and a sample of the rest, so that the
        // regressions also see the scores far down the list that they will rank in service. Only papers somebody
        // read: whether a paper nobody read would have been read is not known, so it cannot count as a miss.
        TopPapers byHandSet = new TopPapers(POOL, catalogue::compareIds);
        TopPapers byContent = new TopPapers(POOL, catalogue::compareIds);
        List<Integer> scored = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            if (read[p] && touchedStamp[p] != stamp && (contentScores[p] > 0 || collaborativeScores[p] > 0)) {
                byHandSet.offer(p, contentScores[p] * contentScale + collaborativeScores[p] * collaborativeScale);
                byContent.offer(p, contentScores[p]);
                scored.add(p);
            }
        }
        int[] sample = new int[Math.min(POOL, scored.size())];
        for (int k = 0; k < sample.length; k++) {
            sample[k] = scored.get(random.nextInt(scored.size()));
        }
        int[] pool = java.util.stream.IntStream.concat(java.util.stream.IntStream.concat(
                Arrays.stream(byHandSet.drainPapers()), Arrays.stream(byContent.drainPapers())), Arrays.stream(sample))
                .distinct().sorted().toArray();
        double[] handSet = new double[pool.length];
        double[] contentPart = new double[pool.length];
        boolean[] evidence = new boolean[pool.length];
        boolean[] labels = new boolean[pool.length];
        for (int k = 0; k < pool.length; k++) {
            int p = pool[k];
            handSet[k] = contentScores[p] * contentScale + collaborativeScores[p] * collaborativeScale;
            contentPart[k] = contentScores[p] * contentScale;
            evidence[k] = trainRead[p];
            labels[k] = Arrays.binarySearch(held, p) >= 0;
        }
        return new Examples(handSet, contentPart, evidence, labels, held.length);
    }

    private static double max(double[] scores, int[] touchedStamp, int stamp, int n) {
        double max = 0;
        for (int p = 0; p < n; p++) {
            if (touchedStamp[p] != stamp) {
                max = Math.max(max, scores[p]);
            }
        }
        return max;
    }

    private static double spread(double[] scores, int[] touchedStamp, int stamp, int n, double[] scratch, int depth) {
        int count = 0;
        for (int p = 0; p < n; p++) {
            if (touchedStamp[p] != stamp) {
                scratch[count++] = scores[p];
            }
        }
        return TopScoreSpread.of(scratch, count, depth);
    }

    /** NDCG@{@link LearnedBlend#NDCG_CUTOFF} of a ranking by {@code scores} (ties: lower index first). */
    static double ndcg(double[] scores, boolean[] labels, int relevant) {
        Integer[] order = new Integer[scores.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a])
                : Integer.compare(a, b));
        double dcg = 0;
        for (int i = 0; i < Math.min(LearnedBlend.NDCG_CUTOFF, order.length); i++) {
            if (labels[order[i]]) {
                dcg += 1 / (Math.log(i + 2) / Math.log(2));
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(LearnedBlend.NDCG_CUTOFF, relevant); i++) {
            ideal += 1 / (Math.log(i + 2) / Math.log(2));
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    private static boolean[] toArray(List<Boolean> values) {
        boolean[] out = new boolean[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
