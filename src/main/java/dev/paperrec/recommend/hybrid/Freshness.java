package dev.paperrec.recommend.hybrid;

import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Multiplier favouring recent papers: {@code 1 + boost * 0.5^(age / halfLife)}. Undated papers get exactly 1, and
 * papers dated in the future count as published today.
 */
public record Freshness(double boost, Duration halfLife, LocalDate today) {

    /** Boosts below this share are too small to mention as a reason. */
    public static final double NOTICEABLE = 0.01;

    public double multiplier(LocalDate publishedAt) {
        if (publishedAt == null || boost == 0) {
            return 1.0;
        }
        double ageDays = Math.max(0, ChronoUnit.DAYS.between(publishedAt, today));
        double halfLifeDays = halfLife.toSeconds() / 86400.0;
        return 1.0 + boost * Math.pow(0.5, ageDays / halfLifeDays);
    }
}
