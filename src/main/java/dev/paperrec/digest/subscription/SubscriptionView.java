package dev.paperrec.digest.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.DayOfWeek;
import java.time.Instant;

/** A subscription as the API returns it; {@code nextDigestAt} is the next send slot. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(String userId, String email, Frequency frequency, String timezone, int sendHour,
                               DayOfWeek weekday, Instant nextDigestAt, Instant createdAt, Instant updatedAt) {

    static SubscriptionView from(Subscription s, Instant now) {
        return new SubscriptionView(s.userId, s.email, Frequency.parse(s.frequency).orElseThrow(), s.timezone,
                s.sendHour, s.weekday, s.schedule().nextSlot(now).toInstant(), s.createdAt, s.updatedAt);
    }
}
