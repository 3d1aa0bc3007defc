package dev.paperrec.digest.subscription;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.DayOfWeek;
import java.util.Locale;

/**
 * A subscription as clients send it. {@code weekday} (MONDAY..SUNDAY, any case) is for weekly digests and
 * defaults to MONDAY. Field rules beyond these annotations are checked by {@link SubscriptionService}.
 */
public record SubscriptionInput(
        @NotBlank @Size(max = 254) @Email String email,
        @NotNull Frequency frequency,
        @NotBlank @Size(max = 64) String timezone,
        @NotNull @Min(0) @Max(23) Integer sendHour,
        String weekday) {

    DayOfWeek weekdayOrDefault() {
        return weekday == null ? DayOfWeek.MONDAY : DayOfWeek.valueOf(weekday.trim().toUpperCase(Locale.ROOT));
    }
}
