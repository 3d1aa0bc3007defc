package dev.paperrec.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A count over all events, taken at most once a minute: the overview's events per day and the reader picker's
 * busiest readers read every event (about 100 ms each with CiteULike-a's 209,000, docs/benchmarks.md), and a
 * minute-old answer serves them as well. A page that shows one says when it was taken ({@link Counted#at()}).
 */
public final class RecentCount<T> {

    public static final Duration MAX_AGE = Duration.ofMinutes(1);

    /** A count and when it was taken. */
    public record Counted<T>(Instant at, T value) {
    }

    private final Supplier<T> count;
    private final AtomicReference<Counted<T>> last = new AtomicReference<>();

    public RecentCount(Supplier<T> count) {
        this.count = count;
    }

    /** The last count unless it is older than {@link #MAX_AGE} or of another UTC day (days are what it counts by). */
    public Counted<T> get(Instant now) {
        Counted<T> counted = last.get();
        if (counted == null || now.isBefore(counted.at()) || now.isAfter(counted.at().plus(MAX_AGE))
                || !day(now).equals(day(counted.at()))) {
            counted = new Counted<>(now, count.get());
            last.set(counted);
        }
        return counted;
    }

    private static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }
}
