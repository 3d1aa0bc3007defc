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
            // Which paper holds a value does not matter here: its index stands in for it.
            TopPapers top = new TopPapers(m, Integer::compare);
            for (int i = 0; i < count; i++) {
                top.offer(i, values[i]);
            }
            // Best first, so that the sums below add in the same order whatever the heap's layout.
            top.drainInto(new int[m], values);
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
}
