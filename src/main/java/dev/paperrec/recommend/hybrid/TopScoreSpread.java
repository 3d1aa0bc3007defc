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
     * fewer); writes those highest values over the start of {@code values}. Zero when there is nothing to spread.
     */
    public static double of(double[] values, int count, int depth) {
        int m = Math.min(count, depth);
        if (m == 0) {
            return 0;
        }
        if (m < count) {
            // Selection rather than a heap: most of a sparse source's values tie at zero, and every tie would sift.
            selectHighest(values, count, m);
            java.util.Arrays.sort(values, 0, m);
            reverse(values, m);
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

    /** Moves the {@code m} highest of {@code values[0 .. count)} to its start, in no order: Hoare's selection. */
    private static void selectHighest(double[] values, int count, int m) {
        int lo = 0;
        int hi = count - 1;
        while (lo < hi) {
            double pivot = medianOfThree(values[lo], values[(lo + hi) >>> 1], values[hi]);
            int i = lo;
            int j = hi;
            // Descending partition; values equal to the pivot stop both scans, so runs of ties split evenly.
            while (i <= j) {
                while (values[i] > pivot) {
                    i++;
                }
                while (values[j] < pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = values[i];
                    values[i++] = values[j];
                    values[j--] = t;
                }
            }
            // Now values[lo .. j] >= pivot >= values[i .. hi], and values strictly between j and i equal the pivot.
            if (m - 1 <= j) {
                hi = j;
            } else if (m - 1 >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static void reverse(double[] values, int m) {
        for (int i = 0, j = m - 1; i < j; i++, j--) {
            double t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
