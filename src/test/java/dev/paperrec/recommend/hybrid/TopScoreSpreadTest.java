package dev.paperrec.recommend.hybrid;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TopScoreSpreadTest {

    @Test
    void isTheStandardDeviationOfTheBestScores() {
        double[] scores = {0.0, 4.0, 1.0, 0.0, 2.0, 0.0, 3.0};

        // Best three: 4, 3, 2 (mean 3, squared deviations 1 + 0 + 1).
        assertThat(TopScoreSpread.of(scores, scores.length, 3)).isCloseTo(Math.sqrt(2.0 / 3), within(1e-12));
    }

    @Test
    void coversEveryScoreWhenThereAreFewerThanTheDepth() {
        double[] scores = {2.0, 0.0};

        assertThat(TopScoreSpread.of(scores, 2, 10)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void looksOnlyAtTheGivenCount() {
        double[] scores = {1.0, 3.0, 100.0};

        assertThat(TopScoreSpread.of(scores, 2, 10)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void isZeroWithoutScoresOrWhenTheBestAreEqual() {
        assertThat(TopScoreSpread.of(new double[0], 0, 5)).isZero();
        assertThat(TopScoreSpread.of(new double[]{0.5, 0.5, 0.5, 0.1}, 4, 3)).isZero();
    }

    @Test
    void picksTheBestScoresAmongManyTies() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            double[] scores = new double[200];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = random.nextInt(4) == 0 ? random.nextInt(20) : 0;
            }
            int depth = 1 + random.nextInt(scores.length);
            double[] sorted = scores.clone();
            Arrays.sort(sorted);
            double[] best = Arrays.copyOfRange(sorted, sorted.length - depth, sorted.length);
            double mean = Arrays.stream(best).average().orElseThrow();
            double expected = Math.sqrt(Arrays.stream(best).map(v -> (v - mean) * (v - mean)).sum() / depth);

            assertThat(TopScoreSpread.of(scores, scores.length, depth)).isCloseTo(expected, within(1e-9));
            // The best scores are left at the start, best first: the sums above added them in that order.
            for (int i = 0; i < depth; i++) {
                assertThat(scores[i]).isEqualTo(best[depth - 1 - i]);
            }
        }
    }
}
