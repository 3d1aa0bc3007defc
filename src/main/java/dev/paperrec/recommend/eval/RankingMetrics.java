package dev.paperrec.recommend.eval;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accumulates top-K metrics over users: precision, recall (hits / test size), NDCG with binary gain, log2
 * discount and the ideal over min(K, test size), and catalogue coverage of the top-K lists.
 */
final class RankingMetrics {

    private final int[] cutoffs;
    private final int catalogueSize;
    private final double[] precision;
    private final double[] recall;
    private final double[] ndcg;
    private final List<Set<String>> covered;
    private int users;

    RankingMetrics(int[] cutoffs, int catalogueSize) {
        this.cutoffs = cutoffs;
        this.catalogueSize = catalogueSize;
        precision = new double[cutoffs.length];
        recall = new double[cutoffs.length];
        ndcg = new double[cutoffs.length];
        covered = java.util.stream.IntStream.range(0, cutoffs.length).mapToObj(i -> (Set<String>) new HashSet<String>())
                .toList();
    }

    void add(List<String> ranking, Set<String> relevant) {
        users++;
        for (int c = 0; c < cutoffs.length; c++) {
            int k = cutoffs[c];
            int hits = 0;
            double dcg = 0;
            for (int i = 0; i < Math.min(k, ranking.size()); i++) {
                covered.get(c).add(ranking.get(i));
                if (relevant.contains(ranking.get(i))) {
                    hits++;
                    dcg += 1 / log2(i + 2);
                }
            }
            double ideal = 0;
            for (int i = 0; i < Math.min(k, relevant.size()); i++) {
                ideal += 1 / log2(i + 2);
            }
            precision[c] += (double) hits / k;
            recall[c] += (double) hits / relevant.size();
            ndcg[c] += dcg / ideal;
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    int users() {
        return users;
    }

    Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int c = 0; c < cutoffs.length; c++) {
            values.put("P@" + cutoffs[c], precision[c] / users);
            values.put("R@" + cutoffs[c], recall[c] / users);
            values.put("NDCG@" + cutoffs[c], ndcg[c] / users);
            values.put("Coverage@" + cutoffs[c], (double) covered.get(c).size() / catalogueSize);
        }
        return values;
    }
}
