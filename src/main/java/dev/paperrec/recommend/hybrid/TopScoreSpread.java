package dev.paperrec.recommend.hybrid;

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
     * fewer); reorders that range. Zero when there is nothing to spread.
     */
    public static double of(double[] values, int count, int depth) {
        int m = Math.min(count, depth);
        if (m == 0) {
            return 0;
        }
        if (m < count) {
            moveHighestToFront(values, count, m);
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

    /** Quickselect with a three-way partition, so that the many equal scores (zeros, mostly) cost one pass. */
    private static void moveHighestToFront(double[] a, int count, int m) {
        int lo = 0;
        int hi = count;
        while (hi - lo > 1) {
            double pivot = median(a[lo], a[(lo + hi) >>> 1], a[hi - 1]);
            int above = lo;
            int i = lo;
            int below = hi;
            while (i < below) {
                if (a[i] > pivot) {
                    swap(a, above++, i++);
                } else if (a[i] < pivot) {
                    swap(a, i, --below);
                } else {
                    i++;
                }
            }
            // Now [lo, above) > pivot, [above, below) == pivot, [below, hi) < pivot.
            if (m < above) {
                hi = above;
            } else if (m <= below) {
                return;
            } else {
                lo = below;
            }
        }
    }

    private static double median(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
