package dev.paperrec.digest.subscription;

/** What delivery needs of a subscription: where to send and when. */
public record Subscriber(String userId, String email, Schedule schedule) {

    static Subscriber of(Subscription s) {
        return new Subscriber(s.userId, s.email, s.schedule());
    }
}
