package dev.paperrec.recommend.hybrid;

/**
 * Greedy maximal marginal relevance (Carbonell and Goldstein, 1998): repeatedly takes the paper maximising
 * {@code lambda * relevance - (1 - lambda) * max similarity to the papers already taken}. Relevance is the score
 * divided by the best score, so lambda means the same whatever the scale of the sources.
 */
public final class MaximalMarginalRelevance {

    /** Similarity of two positions of the list being reordered. */
    @FunctionalInterface
    public interface PairSimilarity {
        double between(int i, int j);
    }

    private MaximalMarginalRelevance() {
    }

    /**
     * @param scores scores of the list, best first
     * @return the new order as positions into the list; ties keep the original order
     */
    public static int[] reorder(double[] scores, double lambda, PairSimilarity similarity) {
        int n = scores.length;
        int[] order = new int[n];
        if (n == 0) {
            return order;
        }
        double top = scores[0] > 0 ? scores[0] : 1;
        double[] maxSimilarity = new double[n];
        boolean[] taken = new boolean[n];
        for (int step = 0; step < n; step++) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                double value = lambda * scores[i] / top - (step == 0 ? 0 : (1 - lambda) * maxSimilarity[i]);
                if (value > bestValue) {
                    bestValue = value;
                    best = i;
                }
            }
            taken[best] = true;
            order[step] = best;
            for (int i = 0; i < n; i++) {
                if (!taken[i]) {
                    maxSimilarity[i] = Math.max(maxSimilarity[i], similarity.between(best, i));
                }
            }
        }
        return order;
    }
}
