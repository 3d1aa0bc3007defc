package dev.paperrec.digest.subscription;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, String> {

    // A single statement, so two concurrent first PUTs for one user cannot both insert.
    private static final String UPSERT = """
            INSERT INTO digest_subscription (user_id, email, frequency, timezone, send_hour, weekday)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (user_id) DO UPDATE SET
                email = excluded.email, frequency = excluded.frequency, timezone = excluded.timezone,
                send_hour = excluded.send_hour, weekday = excluded.weekday, updated_at = now(), next_due_at = now(),
                -- A new address is unconfirmed again, and gets a confirmation of its own.
                confirmed_at = CASE WHEN lower(digest_subscription.email) = lower(excluded.email)
                                    THEN digest_subscription.confirmed_at END,
                confirmation_sent_at = CASE WHEN lower(digest_subscription.email) = lower(excluded.email)
                                            THEN digest_subscription.confirmation_sent_at END
            RETURNING (xmax = 0)
            """;

    /** Creates or replaces the user's subscription; true when it was created. */
    boolean upsert(String userId, SubscriptionInput input) {
        Object created = getEntityManager().createNativeQuery(UPSERT)
                .setParameter(1, userId).setParameter(2, input.email().trim())
                .setParameter(3, input.frequency().wireName()).setParameter(4, input.timezone())
                .setParameter(5, input.sendHour())
                .setParameter(6, input.frequency() == Frequency.WEEKLY ? input.weekdayOrDefault().name() : null)
                .getSingleResult();
        return (Boolean) created;
    }

    /** Subscriptions due by {@code now}, by user id after {@code afterUserId} (null for the first page). */
    List<Subscription> due(Instant now, String afterUserId, int limit) {
        return find("nextDueAt <= ?1 and userId > ?2 and confirmedAt is not null", Sort.ascending("userId"), now,
                afterUserId == null ? "" : afterUserId).page(0, limit).list();
    }

    /** Unconfirmed subscriptions whose confirmation has not been sent, by user id after {@code afterUserId}. */
    List<Subscription> awaitingConfirmationMail(String afterUserId, int limit) {
        return find("confirmedAt is null and confirmationSentAt is null and userId > ?1", Sort.ascending("userId"),
                afterUserId == null ? "" : afterUserId).page(0, limit).list();
    }

    /** Claims the sending of a confirmation to {@code email}; false when another round did, or the address changed. */
    boolean claimConfirmationMail(String userId, String email) {
        return getEntityManager().createNativeQuery("UPDATE digest_subscription SET confirmation_sent_at = now() "
                        + "WHERE user_id = ?1 AND email = ?2 AND confirmed_at IS NULL AND confirmation_sent_at IS NULL")
                .setParameter(1, userId).setParameter(2, email).executeUpdate() > 0;
    }

    /** Lets the next round send the confirmation again (the send failed). */
    void releaseConfirmationMail(String userId, String email) {
        getEntityManager().createNativeQuery("UPDATE digest_subscription SET confirmation_sent_at = NULL "
                        + "WHERE user_id = ?1 AND email = ?2 AND confirmed_at IS NULL")
                .setParameter(1, userId).setParameter(2, email).executeUpdate();
    }

    /** Confirms the subscription if it is still for {@code email}; false when it is not (changed or gone). */
    boolean confirm(String userId, String email) {
        return getEntityManager().createNativeQuery("UPDATE digest_subscription "
                        + "SET confirmed_at = coalesce(confirmed_at, now()), next_due_at = now() "
                        + "WHERE user_id = ?1 AND lower(email) = lower(?2)")
                .setParameter(1, userId).setParameter(2, email).executeUpdate() > 0;
    }

    long eraseUser(String userId) {
        return delete("userId", userId);
    }
}
