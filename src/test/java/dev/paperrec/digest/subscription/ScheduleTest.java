package dev.paperrec.digest.subscription;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void shouldBeInYesterdaysPeriodUntilTheLocalHour() {
        Schedule daily = new Schedule(Frequency.DAILY, PARIS, 8, null);
        // 06:59 UTC is 07:59 in Paris in winter: today's 08:00 slot has not come yet.
        assertThat(daily.periodKey(Instant.parse("2026-01-15T06:59:00Z"))).isEqualTo("daily:2026-01-14");
        assertThat(daily.periodKey(Instant.parse("2026-01-15T07:00:00Z"))).isEqualTo("daily:2026-01-15");
        assertThat(daily.currentSlot(Instant.parse("2026-01-15T07:00:00Z")).toInstant())
                .isEqualTo(Instant.parse("2026-01-15T07:00:00Z"));
    }

    @Test
    void shouldUseTheReadersDateNotUtcs() {
        Schedule tokyo = new Schedule(Frequency.DAILY, TOKYO, 7, null);
        // 22:30 UTC on the 14th is 07:30 on the 15th in Tokyo.
        assertThat(tokyo.periodKey(Instant.parse("2026-01-14T22:30:00Z"))).isEqualTo("daily:2026-01-15");
        Schedule newYork = new Schedule(Frequency.DAILY, NEW_YORK, 21, null);
        // 01:30 UTC on the 15th is 20:30 on the 14th in New York: the 13th's period still runs.
        assertThat(newYork.periodKey(Instant.parse("2026-01-15T01:30:00Z"))).isEqualTo("daily:2026-01-13");
        assertThat(newYork.nextSlot(Instant.parse("2026-01-15T01:30:00Z")).toInstant())
                .isEqualTo(Instant.parse("2026-01-15T02:00:00Z"));
    }

    @Test
    void shouldFollowDaylightSavingTime() {
        Schedule daily = new Schedule(Frequency.DAILY, PARIS, 8, null);
        // Paris is UTC+1 until 29 March 2026 and UTC+2 after: the slot stays at 08:00 local.
        assertThat(daily.currentSlot(Instant.parse("2026-03-28T12:00:00Z")).toInstant())
                .isEqualTo(Instant.parse("2026-03-28T07:00:00Z"));
        assertThat(daily.currentSlot(Instant.parse("2026-03-30T12:00:00Z")).toInstant())
                .isEqualTo(Instant.parse("2026-03-30T06:00:00Z"));
    }

    @Test
    void shouldMoveASlotInTheSpringGapAndKeepOneInTheAutumnOverlap() {
        Schedule atTwo = new Schedule(Frequency.DAILY, PARIS, 2, null);
        // 02:00 does not exist on 29 March 2026 in Paris: the slot is 03:00 CEST, 01:00 UTC.
        assertThat(atTwo.currentSlot(Instant.parse("2026-03-29T05:00:00Z")).toInstant())
                .isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(atTwo.periodKey(Instant.parse("2026-03-29T00:59:00Z"))).isEqualTo("daily:2026-03-28");
        // 02:00 happens twice on 25 October 2026: the first one (CEST, 00:00 UTC) is the slot.
        assertThat(atTwo.currentSlot(Instant.parse("2026-10-25T00:30:00Z")).toInstant())
                .isEqualTo(Instant.parse("2026-10-25T00:00:00Z"));
        assertThat(atTwo.currentSlot(Instant.parse("2026-10-25T01:30:00Z")).toInstant())
                .isEqualTo(Instant.parse("2026-10-25T00:00:00Z"));
    }

    @Test
    void shouldSendWeeklyDigestsOnTheirWeekday() {
        Schedule monday = new Schedule(Frequency.WEEKLY, NEW_YORK, 9, DayOfWeek.MONDAY);
        // Monday 16 November 2026, 09:00 EST is 14:00 UTC.
        assertThat(monday.periodKey(Instant.parse("2026-11-16T13:59:00Z"))).isEqualTo("weekly:2026-11-09");
        assertThat(monday.periodKey(Instant.parse("2026-11-16T14:00:00Z"))).isEqualTo("weekly:2026-11-16");
        assertThat(monday.periodKey(Instant.parse("2026-11-22T23:00:00Z"))).isEqualTo("weekly:2026-11-16");
        assertThat(monday.nextSlot(Instant.parse("2026-11-18T00:00:00Z")).toInstant())
                .isEqualTo(Instant.parse("2026-11-23T14:00:00Z"));
    }

    @Test
    void shouldKeepWeeklySlotsAtTheLocalHourAcrossTheDstChange() {
        Schedule sunday = new Schedule(Frequency.WEEKLY, PARIS, 10, DayOfWeek.SUNDAY);
        assertThat(sunday.currentSlot(Instant.parse("2026-03-28T12:00:00Z")).toInstant())
                .isEqualTo(Instant.parse("2026-03-22T09:00:00Z"));
        assertThat(sunday.nextSlot(Instant.parse("2026-03-28T12:00:00Z")).toInstant())
                .isEqualTo(Instant.parse("2026-03-29T08:00:00Z"));
    }
}
