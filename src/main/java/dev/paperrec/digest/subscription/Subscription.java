package dev.paperrec.digest.subscription;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/** A reader's digest subscription. Rows are written by {@link SubscriptionRepository#upsert}. */
@Entity
@Table(name = "digest_subscription")
public class Subscription {

    @Id
    @Column(name = "user_id")
    public String userId;

    public String email;

    public String frequency;

    public String timezone;

    @Column(name = "send_hour")
    public int sendHour;

    @Enumerated(EnumType.STRING)
    public DayOfWeek weekday;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** When the address was confirmed (double opt-in, Flyway V11); null until then, and nothing is sent. */
    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "confirmation_sent_at")
    public Instant confirmationSentAt;

    /** When a digest round next looks at this subscription (Flyway V10). */
    @Column(name = "next_due_at")
    public Instant nextDueAt;

    public Schedule schedule() {
        return new Schedule(Frequency.valueOf(frequency.toUpperCase(Locale.ROOT)), ZoneId.of(timezone), sendHour,
                weekday);
    }
}
