package dev.paperrec.console;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RecentCountTest {

    private static final Instant NOON = Instant.parse("2026-12-08T12:00:00Z");

    private final AtomicInteger counted = new AtomicInteger();
    private final RecentCount<Integer> count = new RecentCount<>(counted::incrementAndGet);

    @Test
    void shouldCountAtMostOnceAMinuteAndSayWhen() {
        RecentCount.Counted<Integer> first = count.get(NOON);
        assertThat(count.get(NOON.plusSeconds(60))).isSameAs(first);
        assertThat(first.at()).isEqualTo(NOON);
        assertThat(counted).hasValue(1);

        RecentCount.Counted<Integer> second = count.get(NOON.plusSeconds(61));
        assertThat(second.at()).isEqualTo(NOON.plusSeconds(61));
        assertThat(second.value()).isEqualTo(2);
    }

    @Test
    void shouldCountAgainOnANewUtcDay() {
        count.get(Instant.parse("2026-12-08T23:59:30Z"));
        count.get(Instant.parse("2026-12-09T00:00:10Z"));
        assertThat(counted).hasValue(2);
    }
}
