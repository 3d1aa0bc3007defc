package dev.paperrec.digest.subscription;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * When a subscription's digests are due: one send slot per period at {@code hour}:00 local time in {@code zone}
 * (every day, or every {@code weekday}). A period runs from one slot to the next and is named by its slot's local
 * date, so the name is the same on every replica whatever its clock zone.
 */
public record Schedule(Frequency frequency, ZoneId zone, int hour, DayOfWeek weekday) {

    public Schedule {
        if (frequency == Frequency.WEEKLY && weekday == null) {
            throw new IllegalArgumentException("a weekly schedule needs a weekday");
        }
    }

    /** The slot of the period {@code now} falls in: the latest slot at or before {@code now}. */
    public ZonedDateTime currentSlot(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate day = frequency == Frequency.DAILY ? today : today.with(TemporalAdjusters.previousOrSame(weekday));
        ZonedDateTime slot = slot(day);
        return slot.toInstant().isAfter(now) ? slot(day.minusDays(step())) : slot;
    }

    /** The first slot strictly after {@code now}. */
    public ZonedDateTime nextSlot(Instant now) {
        return slot(currentSlot(now).toLocalDate().plusDays(step()));
    }

    /** Names the period {@code now} falls in, e.g. {@code weekly:2026-11-23}; the key of the digest table. */
    public String periodKey(Instant now) {
        return frequency.wireName() + ":" + currentSlot(now).toLocalDate();
    }

    private int step() {
        return frequency == Frequency.DAILY ? 1 : 7;
    }

    private ZonedDateTime slot(LocalDate day) {
        // In a spring-forward gap the slot moves to the first valid instant after it; in an autumn overlap it is
        // the earlier of the two: either way there is exactly one slot per day.
        return ZonedDateTime.ofLocal(day.atTime(LocalTime.of(hour, 0)), zone, null);
    }
}
