package dev.paperrec.digest.delivery;

/**
 * What one sending round did. {@code due} counts the subscriptions the round found due; each of them ends up in
 * exactly one of the other counts ({@code alreadySent}: settled by an earlier round, in progress on another
 * replica, or waiting for its next retry; {@code unknown}: the SMTP call timed out, so the message may have been
 * delivered and is not sent again). {@code confirmationsSent} counts double opt-in messages to new addresses, which
 * are not due until confirmed.
 */
public record RoundResult(int due, int sent, int skipped, int failed, int alreadySent, int unknown,
                          int confirmationsSent) {
}
