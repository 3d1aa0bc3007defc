package dev.paperrec.recommend.hybrid;

import java.util.Arrays;

/**
 * The spread of a source's best scores, by which the hybrid blend divides that source: the standard deviation of
 * its {@code depth} highest scores. Unlike the best score alone it does not let one outlier shrink the whole
 * source, and it gives a source whose leading scores stand apart from the rest more say than one whose scores are
 * flat. Adding sources divided by their spreads ranks like adding their z-scores over the top {@code depth}.
 */
public final class TopScoreSpread {

    private TopScoreSpread() {
    }

    /**
     * Standard deviation of the {@code depth} highest of {@code values[0 .. count)} (of all of them if there are
     * fewer); writes those highest values over the start of {@code values}. Zero when there is nothing to spread.
     */
    public static double of(double[] values, int count, int depth) {
        int m = Math.min(count, depth);
        if (m == 0) {
            return 0;
        }
        if (m < count) {
            // A bounded min-heap of values only (which paper holds a value does not matter here): once it is full,
            // most values fall at or below its least and cost one comparison each.
            double[] heap = new double[m];
            int size = 0;
            for (int i = 0; i < count; i++) {
                double v = values[i];
                if (size < m) {
                    int j = size++;
                    while (j > 0 && v < heap[(j - 1) >> 1]) {
                        heap[j] = heap[(j - 1) >> 1];
                        j = (j - 1) >> 1;
                    }
                    heap[j] = v;
                } else if (v > heap[0]) {
                    siftDown(heap, v, m);
                }
            }
            // Best first, so that the sums below add in the same order whatever the heap's layout.
            Arrays.sort(heap);
            for (int i = 0; i < m; i++) {
                values[i] = heap[m - 1 - i];
            }
        }
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += values[i];
        }
        double mean = sum / m;
        double squares = 0;
        for (int i = 0; i < m; i++) {
            double d = values[i] - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / m);
    }

    /** Replaces the heap's least value with {@code v} and restores the heap. */
    private static void siftDown(double[] heap, double v, int n) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) {
                break;
            }
            int c = l + 1 < n && heap[l + 1] < heap[l] ? l + 1 : l;
            if (heap[c] >= v) {
                break;
            }
            heap[i] = heap[c];
            i = c;
        }
        heap[i] = v;
    }
}
