package dev.paperrec.console.operator;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RecentEventsTest {

    private static final Instant NOON = Instant.parse("2026-12-08T12:00:00Z");

    private final AtomicInteger counted = new AtomicInteger();
    private final RecentEvents events = new RecentEvents(() ->
            Map.of(LocalDate.of(2026, 12, 8), (long) counted.incrementAndGet()));

    @Test
    void shouldCountAtMostOnceAMinuteAndSayWhen() {
        RecentEvents.Counted first = events.perDay(NOON);
        assertThat(events.perDay(NOON.plusSeconds(60))).isSameAs(first);
        assertThat(first.at()).isEqualTo(NOON);
        assertThat(counted).hasValue(1);

        RecentEvents.Counted second = events.perDay(NOON.plusSeconds(61));
        assertThat(second.at()).isEqualTo(NOON.plusSeconds(61));
        assertThat(second.perDay()).containsValue(2L);
    }

    @Test
    void shouldCountAgainOnANewUtcDay() {
        events.perDay(Instant.parse("2026-12-08T23:59:30Z"));
        events.perDay(Instant.parse("2026-12-09T00:00:10Z"));
        assertThat(counted).hasValue(2);
    }
}
