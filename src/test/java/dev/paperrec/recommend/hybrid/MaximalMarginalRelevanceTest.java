package dev.paperrec.recommend.hybrid;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaximalMarginalRelevanceTest {

    /** Papers 0 and 1 are near duplicates; 2 is about something else. */
    private static final double[][] SIMILARITY = {
            {1.0, 0.95, 0.1},
            {0.95, 1.0, 0.1},
            {0.1, 0.1, 1.0},
    };
    private static final double[] SCORES = {1.0, 0.9, 0.7};

    @Test
    void promotesADifferentPaperAboveANearDuplicate() {
        int[] order = MaximalMarginalRelevance.reorder(SCORES, 0.7, (i, j) -> SIMILARITY[i][j]);

        // 1: 0.7*0.9 - 0.3*0.95 = 0.345 loses to 2: 0.7*0.7 - 0.3*0.1 = 0.46.
        assertThat(order).containsExactly(0, 2, 1);
    }

    @Test
    void keepsTheOrderWhenRelevanceIsAllThatCounts() {
        assertThat(MaximalMarginalRelevance.reorder(SCORES, 1.0, (i, j) -> SIMILARITY[i][j]))
                .containsExactly(0, 1, 2);
    }
}
