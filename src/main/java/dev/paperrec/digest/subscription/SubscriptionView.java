package dev.paperrec.digest.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.DayOfWeek;
import java.time.Instant;

/**
 * A subscription as the API returns it; {@code nextDigestAt} is the next send slot. {@code confirmed} is false until
 * the address's owner has followed the confirmation link sent to it: nothing else is sent until then.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(String userId, String email, Frequency frequency, String timezone, int sendHour,
                               DayOfWeek weekday, boolean confirmed, Instant confirmationSentAt,
                               Instant nextDigestAt, Instant createdAt, Instant updatedAt) {

    static SubscriptionView from(Subscription s, Instant now) {
        return new SubscriptionView(s.userId, s.email, Frequency.parse(s.frequency).orElseThrow(), s.timezone,
                s.sendHour, s.weekday, s.confirmedAt != null, s.confirmedAt == null ? s.confirmationSentAt : null,
                s.schedule().nextSlot(now).toInstant(), s.createdAt, s.updatedAt);
    }
}
