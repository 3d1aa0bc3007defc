package dev.paperrec.interaction;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Convert;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A stored event. Rows are inserted in bulk by {@link InteractionRepository#insert} and read through Hibernate. */
@Entity
@Table(name = "interaction")
public class Interaction {

    @Id
    public Long id;

    @Column(name = "event_id")
    public String eventId;

    @Column(name = "user_id")
    public String userId;

    @Column(name = "paper_id")
    public String paperId;

    @Column(name = "type")
    @Convert(converter = EventTypeConverter.class)
    public EventType type;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "received_at")
    public Instant receivedAt;

    EventView view() {
        return new EventView(eventId, userId, paperId, type, occurredAt, receivedAt);
    }
}
