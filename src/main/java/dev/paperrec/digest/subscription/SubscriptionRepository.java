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
                send_hour = excluded.send_hour, weekday = excluded.weekday, updated_at = now(), next_due_at = now()
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
        return find("nextDueAt <= ?1 and userId > ?2", Sort.ascending("userId"), now,
                afterUserId == null ? "" : afterUserId).page(0, limit).list();
    }

    long eraseUser(String userId) {
        return delete("userId", userId);
    }
}
