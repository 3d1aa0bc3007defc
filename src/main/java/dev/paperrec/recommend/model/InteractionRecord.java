package dev.paperrec.recommend.model;

import dev.paperrec.interaction.EventType;

import java.time.Instant;

/** One user event on one paper. */
public record InteractionRecord(String userId, String paperId, EventType type, Instant occurredAt) {
}
