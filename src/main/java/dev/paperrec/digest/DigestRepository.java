package dev.paperrec.digest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The digest and digest_item tables: which digest went out for which period, and the papers it listed. Each
 * method runs in its own short transaction, so a claim or an outcome is committed before anything else happens.
 */
@ApplicationScoped
public class DigestRepository {

    /**
     * Inserts the period's row as CLAIMED, or takes over a row whose retry is due or whose sender's lease ran out.
     * PostgreSQL serialises concurrent claims of one (user, period) on the unique key and re-checks the WHERE on
     * the committed row, so exactly one claimer gets a row back.
     */
    private static final String CLAIM = """
            INSERT INTO digest (user_id, period_key, status, attempts, lease_until)
            VALUES (?1, ?2, 'CLAIMED', 1, now() + make_interval(secs => ?3))
            ON CONFLICT (user_id, period_key) DO UPDATE SET
                status = 'CLAIMED', attempts = digest.attempts + 1, lease_until = excluded.lease_until,
                next_attempt_at = NULL, updated_at = now()
            WHERE digest.attempts < ?4
              AND (digest.status = 'FAILED' AND digest.next_attempt_at <= now()
                   OR digest.status = 'CLAIMED' AND digest.lease_until < now())
            RETURNING id, attempts
            """;

    private final EntityManager em;

    DigestRepository(EntityManager em) {
        this.em = em;
    }

    /** A claimed digest: its row id (carried by click links) and which attempt this is (1 for the first). */
    public record Claim(long digestId, int attempt) {
    }

    /** One digest in a user's history, for exports. */
    public record HistoryEntry(long digestId, String periodKey, String status, int attempts, Instant sentAt,
                               List<String> paperIds) {
    }

    public Optional<Claim> claim(String userId, String periodKey, Duration lease, int maxAttempts) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(CLAIM)
                    .setParameter(1, userId).setParameter(2, periodKey).setParameter(3, (double) lease.toSeconds())
                    .setParameter(4, maxAttempts).getResultList();
            return rows.stream().findFirst()
                    .map(r -> new Claim(((Number) r[0]).longValue(), ((Number) r[1]).intValue()));
        });
    }

    /**
     * Records a sent digest and the papers it listed, in one transaction; {@code UNKNOWN} when the SMTP call timed
     * out, because the message may have been delivered. Fenced by the claim: false (and nothing written) when the
     * sender's lease ran out and another round claimed the digest again, whose outcome it must not overwrite.
     */
    public boolean markSent(Claim claim, String userId, List<SentPaper> papers, boolean unknown, String error) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int updated = em.createNativeQuery("""
                            UPDATE digest SET status = ?3, sent_at = now(), updated_at = now(), lease_until = NULL,
                                              last_error = ?4
                            WHERE id = ?1 AND attempts = ?2 AND status = 'CLAIMED'""")
                    .setParameter(1, claim.digestId()).setParameter(2, claim.attempt())
                    .setParameter(3, unknown ? "UNKNOWN" : "SENT").setParameter(4, error).executeUpdate();
            if (updated == 0) {
                return false;
            }
            for (SentPaper p : papers) {
                em.createNativeQuery("""
                                INSERT INTO digest_item (digest_id, user_id, paper_id, section, position)
                                VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING""")
                        .setParameter(1, claim.digestId()).setParameter(2, userId).setParameter(3, p.paperId())
                        .setParameter(4, p.section()).setParameter(5, p.position()).executeUpdate();
            }
            return true;
        });
    }

    /** A paper a digest listed, in its section at its position. */
    public record SentPaper(String paperId, String section, int position) {
    }

    /** Records that the period had nothing to send; fenced by the claim as {@link #markSent} is. */
    public boolean markSkipped(Claim claim) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        UPDATE digest SET status = 'SKIPPED', updated_at = now(), lease_until = NULL
                        WHERE id = ?1 AND attempts = ?2 AND status = 'CLAIMED'""")
                .setParameter(1, claim.digestId()).setParameter(2, claim.attempt()).executeUpdate() > 0);
    }

    /**
     * Records a failed attempt; {@code retryAt} empty means no attempt is left. Fenced by the claim as
     * {@link #markSent} is.
     */
    public boolean markFailed(Claim claim, String error, Optional<Instant> retryAt) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        UPDATE digest SET status = 'FAILED', updated_at = now(), lease_until = NULL, last_error = ?3,
                                          next_attempt_at = ?4
                        WHERE id = ?1 AND attempts = ?2 AND status = 'CLAIMED'""")
                .setParameter(1, claim.digestId()).setParameter(2, claim.attempt()).setParameter(3, error)
                .setParameter(4, retryAt.map(Timestamp::from).orElse(null)).executeUpdate() > 0);
    }

    /**
     * Sets when the subscription is next due, from its digest of {@code periodKey}: the retry time of a failed one,
     * the lease end of one another round is sending, else (settled) {@code nextSlot}. Nothing changes when the
     * subscription changed since {@code changedAt} (its new schedule is due at once) or the period has no digest.
     */
    public void scheduleNext(String userId, Instant changedAt, String periodKey, Instant nextSlot, int maxAttempts) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        UPDATE digest_subscription s SET next_due_at = CASE
                            WHEN d.status = 'FAILED' AND d.next_attempt_at IS NOT NULL AND d.attempts < ?5
                                THEN d.next_attempt_at
                            WHEN d.status = 'CLAIMED' THEN d.lease_until
                            ELSE ?4 END
                        FROM digest d
                        WHERE s.user_id = ?1 AND s.updated_at = ?2 AND d.user_id = s.user_id AND d.period_key = ?3""")
                .setParameter(1, userId).setParameter(2, Timestamp.from(changedAt)).setParameter(3, periodKey)
                .setParameter(4, Timestamp.from(nextSlot)).setParameter(5, maxAttempts).executeUpdate());
    }

    /** Papers listed by any digest the user was sent. */
    public Set<String> receivedPapers(String userId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> ids = em.createNativeQuery("""
                            SELECT i.paper_id FROM digest_item i JOIN digest d ON d.id = i.digest_id
                            WHERE i.user_id = ?1 AND d.status IN ('SENT', 'UNKNOWN')""")
                    .setParameter(1, userId).getResultList();
            return new HashSet<>(ids);
        });
    }

    /** When the user's latest digest was sent. */
    public Optional<Instant> lastSentAt(String userId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object> rows = em.createNativeQuery(
                            "SELECT max(sent_at) FROM digest WHERE user_id = ?1 AND status IN ('SENT', 'UNKNOWN')")
                    .setParameter(1, userId).getResultList();
            return rows.stream().filter(r -> r != null).findFirst().map(DigestRepository::instant);
        });
    }

    /** The user's digests, newest first, with the papers each listed. */
    public List<HistoryEntry> history(String userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT d.id, d.period_key, d.status, d.attempts, d.sent_at,
                               coalesce(array_agg(i.paper_id ORDER BY i.position) FILTER (WHERE i.paper_id IS NOT NULL),
                                        '{}')
                        FROM digest d LEFT JOIN digest_item i ON i.digest_id = d.id
                        WHERE d.user_id = ?1 GROUP BY d.id ORDER BY d.id DESC""")
                .setParameter(1, userId).getResultList();
        return rows.stream().map(r -> new HistoryEntry(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                ((Number) r[3]).intValue(), r[4] == null ? null : instant(r[4]), List.of((String[]) r[5]))).toList();
    }

    /** Deletes the user's digests and their items, in the caller's transaction. */
    public long eraseUser(String userId) {
        em.createNativeQuery("DELETE FROM digest_item WHERE user_id = ?1").setParameter(1, userId).executeUpdate();
        return em.createNativeQuery("DELETE FROM digest WHERE user_id = ?1").setParameter(1, userId).executeUpdate();
    }

    /** A timestamp column as Hibernate returns it from a native query. */
    public static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
