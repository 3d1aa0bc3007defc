package dev.paperrec.digest.delivery;

/**
 * What one sending round did. {@code due} counts subscriptions whose current period has begun; each of them ends
 * up in exactly one of the other counts ({@code alreadySent}: settled by an earlier round, in progress on another
 * replica, or waiting for its next retry).
 */
public record RoundResult(int due, int sent, int skipped, int failed, int alreadySent) {
}
