package dev.paperrec.recommend.collaborative;

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
        return build(userItems, itemCount, k, (phase, bytes) -> {
        });
    }

    /**
     * As {@link #build(int[][], int, int)}, telling {@code checkpoint} every thousand papers, and before the final
     * arrays are allocated how many bytes they take, that the build goes on; what it throws ends the build.
     */
    public static ItemNeighbours build(int[][] userItems, int itemCount, int k,
                                       java.util.function.ObjLongConsumer<String> checkpoint) {
        int[][] itemUsers = invert(userItems, itemCount);
        long users = IntStream.range(0, userItems.length).filter(u -> userItems[u].length > 0).count();
        int[][] chosen = new int[itemCount][];
        float[][] chosenSimilarities = new float[itemCount][];
        int[][] chosenCounts = new int[itemCount][];
        ThreadLocal<int[]> counters = ThreadLocal.withInitial(() -> new int[itemCount]);
        ThreadLocal<int[]> touchedLists = ThreadLocal.withInitial(() -> new int[itemCount]);
        IntStream.range(0, itemCount).parallel().forEach(i -> {
            if (i % 1024 == 0) {
                checkpoint.accept("collaborative neighbours", 0);
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
            TopK top = new TopK(k);
            long preferring1 = itemUsers[i].length;
            for (int t = 0; t < touchedCount; t++) {
                int j = touched[t];
                long both = counts[j];
                counts[j] = 0;
                long preferring2 = itemUsers[j].length;
                // The plain ratio is two-sided: it also rewards pairs read together less often than chance, which
                // are no evidence of shared interest; the signed root is negative for those.
                double root = LogLikelihood.rootLogLikelihoodRatio(both, preferring2 - both, preferring1 - both,
                        users - preferring1 - preferring2 + both);
                if (root > 0) {
                    top.offer(j, root, (int) both);
                }
            }
            top.sortDescending();
            chosen[i] = top.items();
            chosenSimilarities[i] = top.scores();
            chosenCounts[i] = top.counts();
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

    /** Keeps the k best (score, item) pairs; ties go to the lower item index so builds are deterministic. */
    private static final class TopK {
        private final int capacity;
        private final int[] items;
        private final double[] scores;
        private final int[] counts;
        private int size;

        TopK(int capacity) {
            this.capacity = capacity;
            items = new int[capacity];
            scores = new double[capacity];
            counts = new int[capacity];
        }

        private boolean worse(int a, int b) {
            return scores[a] < scores[b] || (scores[a] == scores[b] && items[a] > items[b]);
        }

        void offer(int item, double score, int count) {
            if (capacity == 0) {
                return;
            }
            if (size < capacity) {
                items[size] = item;
                scores[size] = score;
                counts[size] = count;
                siftUp(size++);
            } else if (score > scores[0] || (score == scores[0] && item < items[0])) {
                items[0] = item;
                scores[0] = score;
                counts[0] = count;
                siftDown(0);
            }
        }

        private void siftUp(int i) {
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (!worse(i, parent)) {
                    return;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void siftDown(int i) {
            while (true) {
                int l = 2 * i + 1;
                int r = l + 1;
                int m = i;
                if (l < size && worse(l, m)) {
                    m = l;
                }
                if (r < size && worse(r, m)) {
                    m = r;
                }
                if (m == i) {
                    return;
                }
                swap(i, m);
                i = m;
            }
        }

        private void swap(int a, int b) {
            int ti = items[a];
            items[a] = items[b];
            items[b] = ti;
            double ts = scores[a];
            scores[a] = scores[b];
            scores[b] = ts;
            int tc = counts[a];
            counts[a] = counts[b];
            counts[b] = tc;
        }

        /** Pops the heap from the worst upwards, leaving the best first. */
        void sortDescending() {
            int n = size;
            for (int end = n - 1; end > 0; end--) {
                swap(0, end);
                size = end;
                siftDown(0);
            }
            size = n;
        }

        int[] items() {
            return java.util.Arrays.copyOf(items, size);
        }

        float[] scores() {
            float[] f = new float[size];
            for (int i = 0; i < size; i++) {
                f[i] = (float) scores[i];
            }
            return f;
        }

        int[] counts() {
            return java.util.Arrays.copyOf(counts, size);
        }
    }
}
