package dev.paperrec.recommend.model;

/**
 * Which events a model's build saw: those visible in the PostgreSQL snapshot it read them in. Event ids are taken
 * at insert and transactions commit in any order, so "every id up to the highest seen" would skip an event that
 * committed after the snapshot with a lower id; the snapshot itself cannot.
 *
 * @param lastEventId the highest event id the build saw, for display only
 * @param snapshot    the build's {@code pg_snapshot} as text ({@code xmin:xmax:xip,...}); null: the build saw no
 *                    events, so every stored event is newer
 */
public record EventHorizon(long lastEventId, String snapshot) {

    /** A horizon before every event. */
    public static final EventHorizon NOTHING = new EventHorizon(0, null);
}
