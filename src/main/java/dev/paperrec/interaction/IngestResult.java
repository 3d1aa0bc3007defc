package dev.paperrec.interaction;

import java.util.List;

/**
 * What became of a batch of events. Accepted events are committed to PostgreSQL before this answer is sent;
 * duplicates carry an {@code eventId} that was stored before.
 */
public record IngestResult(long accepted, long duplicates, long rejectedCount, List<RejectedEvent> rejected) {

    /** One event that was not stored: its line (JSON Lines, CSV) or element position (JSON array), and why. */
    public record RejectedEvent(long line, String error) {
    }
}
