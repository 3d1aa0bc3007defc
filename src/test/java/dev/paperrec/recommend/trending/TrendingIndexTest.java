package dev.paperrec.recommend.trending;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrendingIndexTest {

    private static final Instant NOW = Instant.parse("2026-03-31T00:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration WEEK = Duration.ofDays(7);

    private static long ago(Duration d) {
        return NOW.minus(d).toEpochMilli();
    }

    @Test
    void shouldHalveEventsEveryHalfLifeAndIgnoreThoseOutsideTheWindow() {
        // Paper 0: one event now and one two days ago (weight 1 each); paper 1: one event ten days ago.
        TrendingIndex index = new TrendingIndex(new int[]{0, 0, 1}, new long[]{ago(Duration.ZERO),
                ago(Duration.ofDays(2)), ago(Duration.ofDays(10))}, new float[]{1, 1, 1},
                new LocalDate[3], new long[3], Duration.ofDays(2), 0.2);

        double[] scores = index.scores(NOW, WEEK);
        assertThat(scores[0]).isCloseTo(1.5, within(1e-9));
        assertThat(scores[1]).isZero();
        assertThat(scores[2]).isZero();
    }

    @Test
    void shouldCountExternalUpvotesOnlyForPapersDatedInsideTheWindow() {
        LocalDate today = LocalDate.of(2026, 3, 31);
        TrendingIndex index = new TrendingIndex(new int[0], new long[0], new float[0],
                new LocalDate[]{today, today.minusDays(30), null}, new long[]{10, 10, 10}, Duration.ofDays(2), 0.2);

        double[] scores = index.scores(NOW, WEEK);
        assertThat(scores[0]).isCloseTo(2.0, within(1e-9));
        assertThat(scores[1]).isZero();
        assertThat(scores[2]).as("an undated paper's upvotes cannot be placed in time").isZero();
    }

    @Test
    void shouldRankTheActiveFirstThenFillWithAllTimePopularity() {
        // Paper 2 active now; papers 0 and 1 only long ago, 1 by two users; paper 3 never read.
        TrendingIndex index = new TrendingIndex(new int[]{2, 0, 1, 1}, new long[]{ago(DAY), ago(Duration.ofDays(90)),
                ago(Duration.ofDays(90)), ago(Duration.ofDays(80))}, new float[]{1, 1, 1, 1},
                new LocalDate[4], new long[4], Duration.ofDays(2), 0.2);

        TrendingIndex.Ranking ranking = index.rank(NOW, WEEK, 10, p -> true);
        assertThat(ranking.papers()).containsExactly(2, 1, 0, 3);
        assertThat(ranking.scores()[0]).isCloseTo(Math.pow(0.5, 0.5), within(1e-9));
        assertThat(ranking.scores()).as("backfill carries no trending score").containsSequence(0.0, 0.0, 0.0);
        assertThat(index.rank(NOW, WEEK, 2, p -> p != 2).papers()).containsExactly(1, 0);
    }
}
