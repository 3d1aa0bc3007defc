package dev.paperrec.interaction;

import dev.paperrec.common.api.Ids;

import java.time.Duration;
import java.time.Instant;

/** One event as clients send it (JSON) or as a CSV row. {@code occurredAt} defaults to the time of receipt. */
public record EventInput(String userId, String paperId, EventType type, Instant occurredAt, String eventId) {

    /** How far in the future a client clock may be before its timestamps are refused. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);
    static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

    /** The first problem with this event, or null when it can be stored. */
    String problem(Instant now) {
        String p = Ids.freeIdProblem(userId);
        if (p != null) {
            return "userId: " + p;
        }
        p = Ids.paperIdProblem(paperId);
        if (p != null) {
            return "paperId: " + p;
        }
        if (type == null) {
            return "type: is required (read, upvote, unupvote or dismiss)";
        }
        if (eventId != null && (p = Ids.freeIdProblem(eventId)) != null) {
            return "eventId: " + p;
        }
        if (occurredAt != null && (occurredAt.isAfter(now.plus(MAX_CLOCK_SKEW)) || occurredAt.isBefore(EARLIEST))) {
            return "occurredAt: must lie between " + EARLIEST + " and one day from now";
        }
        return null;
    }

    EventInput withDefaults(Instant now) {
        return occurredAt != null ? this : new EventInput(userId, paperId, type, now, eventId);
    }
}
