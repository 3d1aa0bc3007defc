package dev.paperrec.recommend.collaborative;

import dev.paperrec.recommend.hybrid.TopPapers;
import org.apache.mahout.math.stats.LogLikelihood;

import java.util.stream.IntStream;

/**
 * Builds item-to-item neighbours from boolean feedback with Mahout's log-likelihood test. Neighbours are ranked as
 * by Taste's {@code LogLikelihoodSimilarity} on a {@code GenericBooleanPrefDataModel}, but the value kept is the
 * signed root of the ratio ({@code LogLikelihood.rootLogLikelihoodRatio}, the score of Mahout's newer
 * co-occurrence recommenders): Taste's {@code 1 - 1 / (1 + LLR)} saturates near 1 for every strong pair, so summing
 * it over a user's papers degenerates into counting lists, while the root keeps strong pairs apart (better on
 * validation splits). Only pairs read together more often than independence predicts become neighbours.
 * Mahout's own precompute asks the data model for every pair; counting co-occurrences paper by paper in a reusable
 * int array touches only pairs that share a user.
 */
public final class LogLikelihoodNeighbours {

    private LogLikelihoodNeighbours() {
    }

    /**
     * @param userItems for every user, the distinct papers they liked
     * @param itemCount number of papers (indices are below it)
     * @param k         neighbours kept per paper
     */
    public static ItemNeighbours build(int[][] userItems, int itemCount, int k) {
        return build(userItems, itemCount, k, null, (phase, bytes) -> {
        });
    }

    /**
     * As {@link #build(int[][], int, int)}, telling {@code checkpoint} every thousand papers, and before the final
     * arrays are allocated how many bytes they take, that the build goes on; what it throws ends the build.
     *
     * @param rows the papers whose neighbour lists are wanted (the others get none), or null for every paper;
     *             counts still come from every user, so a wanted list is the one a full build gives
     */
    public static ItemNeighbours build(int[][] userItems, int itemCount, int k, boolean[] rows,
                                       java.util.function.ObjLongConsumer<String> checkpoint) {
        int[][] itemUsers = invert(userItems, itemCount);
        long users = IntStream.range(0, userItems.length).filter(u -> userItems[u].length > 0).count();
        int[][] chosen = new int[itemCount][];
        float[][] chosenSimilarities = new float[itemCount][];
        int[][] chosenCounts = new int[itemCount][];
        ThreadLocal<int[]> counters = ThreadLocal.withInitial(() -> new int[itemCount]);
        ThreadLocal<int[]> touchedLists = ThreadLocal.withInitial(() -> new int[itemCount]);
        // Ties go to the lower paper index, so that builds are deterministic.
        ThreadLocal<TopPapers> tops = ThreadLocal.withInitial(() -> new TopPapers(k, Integer::compare));
        IntStream.range(0, itemCount).parallel().forEach(i -> {
            if (i % 1024 == 0) {
                checkpoint.accept("collaborative neighbours", 0);
            }
            if (rows != null && !rows[i]) {
                chosen[i] = new int[0];
                chosenSimilarities[i] = new float[0];
                chosenCounts[i] = new int[0];
                return;
            }
            int[] counts = counters.get();
            int[] touched = touchedLists.get();
            int touchedCount = 0;
            for (int u : itemUsers[i]) {
                for (int j : userItems[u]) {
                    if (j != i && counts[j]++ == 0) {
                        touched[touchedCount++] = j;
                    }
                }
            }
            TopPapers top = tops.get();
            top.clear();
            long preferring1 = itemUsers[i].length;
            for (int t = 0; t < touchedCount; t++) {
                int j = touched[t];
                long both = counts[j];
                long preferring2 = itemUsers[j].length;
                // The plain ratio is two-sided: it also rewards pairs read together less often than chance, which
                // are no evidence of shared interest; the signed root is negative for those.
                double root = LogLikelihood.rootLogLikelihoodRatio(both, preferring2 - both, preferring1 - both,
                        users - preferring1 - preferring2 + both);
                if (root > 0) {
                    top.offer(j, root);
                }
            }
            int[] items = new int[top.size()];
            double[] roots = new double[items.length];
            top.drainInto(items, roots);
            float[] similarities = new float[items.length];
            int[] coReaders = new int[items.length];
            for (int t = 0; t < items.length; t++) {
                similarities[t] = (float) roots[t];
                coReaders[t] = counts[items[t]];
            }
            for (int t = 0; t < touchedCount; t++) {
                counts[touched[t]] = 0;
            }
            chosen[i] = items;
            chosenSimilarities[i] = similarities;
            chosenCounts[i] = coReaders;
        });
        int[] start = new int[itemCount + 1];
        for (int i = 0; i < itemCount; i++) {
            start[i + 1] = start[i] + chosen[i].length;
        }
        // The lists are copied into flat arrays while still held: the pairs take twice their final room here.
        checkpoint.accept("collaborative neighbours", 12L * start[itemCount]);
        int[] items = new int[start[itemCount]];
        float[] similarities = new float[items.length];
        int[] coReaders = new int[items.length];
        for (int i = 0; i < itemCount; i++) {
            System.arraycopy(chosen[i], 0, items, start[i], chosen[i].length);
            System.arraycopy(chosenSimilarities[i], 0, similarities, start[i], chosen[i].length);
            System.arraycopy(chosenCounts[i], 0, coReaders, start[i], chosen[i].length);
        }
        return new ItemNeighbours(start, items, similarities, coReaders);
    }

    private static int[][] invert(int[][] userItems, int itemCount) {
        int[] sizes = new int[itemCount];
        for (int[] items : userItems) {
            for (int i : items) {
                sizes[i]++;
            }
        }
        int[][] itemUsers = new int[itemCount][];
        for (int i = 0; i < itemCount; i++) {
            itemUsers[i] = new int[sizes[i]];
            sizes[i] = 0;
        }
        for (int u = 0; u < userItems.length; u++) {
            for (int i : userItems[u]) {
                itemUsers[i][sizes[i]++] = u;
            }
        }
        return itemUsers;
    }
}
