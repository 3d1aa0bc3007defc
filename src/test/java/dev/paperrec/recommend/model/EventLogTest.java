package dev.paperrec.recommend.model;

import dev.paperrec.interaction.EventType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventLogTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void shouldGiveBackEveryEventInOrderAcrossBlocks() {
        List<InteractionRecord> records = new ArrayList<>();
        EventType[] types = EventType.values();
        for (int i = 0; i < 150_000; i++) {
            records.add(new InteractionRecord("u" + i % 977, "p" + i % 1_013, types[i % types.length],
                    i % 5 == 0 ? null : AT.plusSeconds(i)));
        }

        EventLog log = EventLog.of(records);

        assertThat(log.size()).isEqualTo(150_000);
        assertThat(log.userCount()).isEqualTo(977);
        assertThat(log.paperCount()).isEqualTo(1_013);
        List<InteractionRecord> back = new ArrayList<>();
        log.forEach(back::add);
        assertThat(back).isEqualTo(records);
        assertThat(log.millis(5)).isEqualTo(EventLog.NO_TIME);
        assertThat(log.userId(log.user(149_999))).isEqualTo("u" + 149_999 % 977);
    }

    @Test
    void shouldLeaveOutEventsWithoutAUserAPaperOrAType() {
        EventLog log = EventLog.of(List.of(
                new InteractionRecord(null, "p1", EventType.READ, AT),
                new InteractionRecord("u1", null, EventType.READ, AT),
                new InteractionRecord("u1", "p1", null, AT),
                new InteractionRecord("u1", "p1", EventType.UPVOTE, AT)));

        assertThat(log).containsExactly(new InteractionRecord("u1", "p1", EventType.UPVOTE, AT));
    }
}
