package dev.paperrec.recommend.hybrid;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LearnedBlendTest {

    private static final LearnedBlend BLEND = new LearnedBlend(LearnedBlend.Choice.LEARNED,
            new double[]{-5.0, 1.5}, new double[]{-4.0, 2.0}, null);

    @Test
    void shouldKeepAnUnreadPaperOnItsContentPart() {
        assertThat(BLEND.score(9, 2.5, false)).isEqualTo(2.5);
        assertThat(BLEND.score(9, 0, false)).isZero();
    }

    @Test
    void shouldGiveAReadPaperTheContentPartOfAnUnreadPaperAsLikelyRead() {
        double equivalent = BLEND.score(3.0, 0, true);
        assertThat(equivalent).isPositive();
        assertThat(BLEND.probability(0, equivalent, false))
                .isCloseTo(BLEND.probability(3.0, 0, true), within(1e-12));
    }

    @Test
    void shouldOrderPapersAsTheirProbabilitiesAcrossBothGroups() {
        Random random = new Random(5);
        for (int i = 0; i < 2000; i++) {
            boolean firstRead = random.nextBoolean();
            boolean secondRead = random.nextBoolean();
            double first = random.nextDouble() * 6;
            double second = random.nextDouble() * 6;
            double byProbability = Math.signum(BLEND.probability(first, first, firstRead)
                    - BLEND.probability(second, second, secondRead));
            double byScore = Math.signum(BLEND.score(first, first, firstRead)
                    - BLEND.score(second, second, secondRead));
            assertThat(byScore).as("%s %s / %s %s", first, firstRead, second, secondRead).isEqualTo(byProbability);
        }
    }

    @Test
    void shouldKeepReadPapersLessLikelyThanAnyContentAboveZeroAndInOrder() {
        double weak = BLEND.score(0.01, 0, true);
        double weaker = BLEND.score(0.0, 0, true);
        assertThat(weak).isPositive().isLessThan(Double.MIN_NORMAL);
        assertThat(weaker).isPositive().isLessThan(weak);
    }
}
