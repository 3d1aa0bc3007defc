package dev.paperrec.recommend.hybrid;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LogisticRegressionTest {

    /** One binary feature: 1 positive in 4 where it is 0, 3 in 4 where it is 1. */
    private static final double[][] ROWS = {
            {1, 0}, {1, 0}, {1, 0}, {1, 0},
            {1, 1}, {1, 1}, {1, 1}, {1, 1}};
    private static final boolean[] LABELS = {true, false, false, false, true, true, true, false};

    @Test
    void shouldFindTheMaximumLikelihoodWeightsExactly() {
        double[] w = LogisticRegression.fit(ROWS, LABELS, 0);

        // The likelihood is maximal where each group's probability is its share of positives: 1/4 and 3/4.
        assertThat(w[0]).isCloseTo(Math.log(1.0 / 3), within(1e-8));
        assertThat(w[0] + w[1]).isCloseTo(Math.log(3), within(1e-8));
        assertThat(LogisticRegression.probability(w, ROWS[0])).isCloseTo(0.25, within(1e-8));
        assertThat(LogisticRegression.probability(w, ROWS[4])).isCloseTo(0.75, within(1e-8));
    }

    @Test
    void shouldShrinkTheWeightsButNotTheIntercept() {
        double[] free = LogisticRegression.fit(ROWS, LABELS, 0);
        double[] penalised = LogisticRegression.fit(ROWS, LABELS, 2);

        assertThat(penalised[1]).isPositive().isLessThan(free[1]);
        // With the feature's weight shrunk, the unpenalised intercept moves toward the overall odds (1:1).
        assertThat(penalised[0]).isGreaterThan(free[0]).isLessThan(0);
    }

    @Test
    void shouldStayDefinedWhenAFeatureNeverVaries() {
        double[][] rows = {{1, 0}, {1, 0}, {1, 0}, {1, 0}};
        double[] w = LogisticRegression.fit(rows, new boolean[]{true, false, false, false}, 1);

        assertThat(w[0]).isCloseTo(Math.log(1.0 / 3), within(1e-6));
        assertThat(w[1]).isZero();
    }
}
