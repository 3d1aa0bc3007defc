package dev.paperrec.digest.subscription;

import java.time.Instant;

/**
 * What delivery needs of a subscription: where to send and when; {@code changedAt} tells a round whether the
 * subscription changed while it was sending.
 */
public record Subscriber(String userId, String email, Schedule schedule, Instant changedAt) {

    static Subscriber of(Subscription s) {
        return new Subscriber(s.userId, s.email, s.schedule(), s.updatedAt);
    }
}
