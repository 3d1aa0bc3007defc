package dev.paperrec.recommend.hybrid;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FreshnessTest {

    private final Freshness freshness = new Freshness(0.4, Duration.ofDays(10), LocalDate.of(2026, 3, 31));

    @Test
    void halvesTheBoostEveryHalfLife() {
        assertThat(freshness.multiplier(LocalDate.of(2026, 3, 31))).isCloseTo(1.4, within(1e-9));
        assertThat(freshness.multiplier(LocalDate.of(2026, 3, 21))).isCloseTo(1.2, within(1e-9));
        assertThat(freshness.multiplier(LocalDate.of(2026, 3, 11))).isCloseTo(1.1, within(1e-9));
    }

    @Test
    void leavesUndatedPapersAlone() {
        assertThat(freshness.multiplier(null)).isEqualTo(1.0);
    }

    @Test
    void treatsFutureDatesAsToday() {
        assertThat(freshness.multiplier(LocalDate.of(2026, 5, 1))).isCloseTo(1.4, within(1e-9));
    }
}
