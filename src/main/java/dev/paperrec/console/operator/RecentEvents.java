package dev.paperrec.console.operator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The overview's events per day, counted at most once a minute: counting a month of events is its dearest query
 * (80 ms with CiteULike-a's 209,000 events, docs/benchmarks.md), and the chart says when it was counted.
 */
final class RecentEvents {

    static final Duration MAX_AGE = Duration.ofMinutes(1);

    /** Events per day (UTC), oldest first, and when they were counted. */
    record Counted(Instant at, Map<LocalDate, Long> perDay) {
    }

    private final Supplier<Map<LocalDate, Long>> count;
    private final AtomicReference<Counted> last = new AtomicReference<>();

    RecentEvents(Supplier<Map<LocalDate, Long>> count) {
        this.count = count;
    }

    /** The last count unless it is older than {@link #MAX_AGE} or of another UTC day (whose chart ends a day early). */
    Counted perDay(Instant now) {
        Counted counted = last.get();
        if (counted == null || now.isBefore(counted.at()) || now.isAfter(counted.at().plus(MAX_AGE))
                || !day(now).equals(day(counted.at()))) {
            counted = new Counted(now, count.get());
            last.set(counted);
        }
        return counted;
    }

    private static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }
}
