package dev.paperrec.interaction;

import java.time.Instant;

/** A stored event as the API returns it. */
public record EventView(String eventId, String userId, String paperId, EventType type, Instant occurredAt,
                        Instant receivedAt) {
}
