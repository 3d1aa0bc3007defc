package dev.paperrec.recommend.hybrid;

/**
 * How the hybrid strategy places papers nobody has read among read ones, learned at each model build from the
 * service's own events. The hand-set blend ranks read papers well (content plus collaborative evidence), but a paper
 * nobody has read yet (published today, say) has content alone, and the hand-set blend ranks it as if its
 * collaborative evidence were zero: as a poor paper rather than an unknown one. Instead, two logistic regressions put
 * both groups on one scale, the probability of being read next: one over the hand-set score of read papers, one over
 * the content part of papers nobody read. Each sees log(1 + score) alone and is used only when its weight is positive,
 * so each group keeps its own order; what is learned is how the two interleave. A paper's score falls only where the
 * evidence that exists is weaker.
 *
 * <p>How the fit is made is in {@code BlendTrainer}: recent papers of sampled users and, whole, as many read papers
 * as the catalogue has unread ones are held out, and the held-out half of the users compares the learned blend with
 * the hand-set one and with content alone by NDCG@{@value #NDCG_CUTOFF}; the best of the three ranks, so the hybrid
 * never ranks below its own content part on the service's own events.
 *
 * @param choice          what ranks: the learned blend, the hand-set blend, or content alone
 * @param withEvidence    weights of (1, log(1 + s)) with s the hand-set score, for papers somebody read
 * @param withoutEvidence weights of (1, log(1 + s)) with s the hand-set blend's content part (content score over
 *                        the spread of the user's best content scores), for papers nobody read
 * @param fit             what the choice was made on
 */
public record LearnedBlend(Choice choice, double[] withEvidence, double[] withoutEvidence, Fit fit) {

    public static final int NDCG_CUTOFF = 20;

    /** What ranks hybrid requests. */
    public enum Choice {
        LEARNED, HAND_SET, CONTENT
    }

    /**
     * The fit's inputs and the comparison on the held-out half.
     *
     * @param reason why nothing was learned (too little data, or no signal), else null; the hand-set blend and
     *               content alone are still compared when there were enough users
     */
    public record Fit(int users, int examples, int positives, Double learnedNdcg, Double handSetNdcg,
                      Double contentNdcg, long seed, long millis, String reason) {
    }

    /** The hand-set blend, unfitted: what ranks when there is too little data to learn from. */
    public static LearnedBlend handSet(String reason, long seed) {
        return new LearnedBlend(Choice.HAND_SET, null, null, new Fit(0, 0, 0, null, null, null, seed, 0,
                reason));
    }

    /**
     * A paper's learned score on the scale of the content part: a paper nobody read keeps its content part, and a
     * read paper gets the content part an unread paper would need to be as likely read. The order is the order of
     * the two regressions' probabilities, but the scale stays the hand-set blend's, so that freshness and diversity
     * act on a list of new papers exactly as they do without a learned blend (probabilities are flatter at the top,
     * and diversity reordered them more). Valid when {@link #increasing()}.
     *
     * @param handSet  the paper's hand-set hybrid score (used when {@code evidence})
     * @param content  its hand-set content part (used otherwise)
     * @param evidence whether anybody read the paper
     * @return above zero; a read paper less likely than an unread paper with no content score gets a value below
     * {@link Double#MIN_NORMAL}, in the same order
     */
    public double score(double handSet, double content, boolean evidence) {
        if (!evidence) {
            return Math.max(0, content);
        }
        double logit = withEvidence[0] + withEvidence[1] * Math.log1p(Math.max(0, handSet));
        double t = (logit - withoutEvidence[0]) / withoutEvidence[1];
        double equivalent = Math.expm1(t);
        return equivalent > 0 ? equivalent : Double.MIN_NORMAL * Math.exp(t);
    }

    /** The probability that a paper is one the user goes on to read, as the regressions fitted it. */
    public double probability(double handSet, double content, boolean evidence) {
        double[] w = evidence ? withEvidence : withoutEvidence;
        return 1 / (1 + Math.exp(-(w[0] + w[1] * Math.log1p(Math.max(0, evidence ? handSet : content)))));
    }

    /**
     * What a regression sees of a score, with a leading 1: log(1 + score), so that the odds follow a power of the
     * score. {@link #probability} computes the same without the array.
     */
    public static double[] row(double score) {
        return new double[]{1, Math.log1p(Math.max(0, score))};
    }

    /** Whether both regressions rank higher scores higher: only then does each group keep its own order. */
    public boolean increasing() {
        return withEvidence[1] > 0 && withoutEvidence[1] > 0;
    }
}
