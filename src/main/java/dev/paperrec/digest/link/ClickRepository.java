package dev.paperrec.digest.link;

import dev.paperrec.digest.DigestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The digest_click table (Flyway V9), in the caller's transaction. */
@ApplicationScoped
class ClickRepository {

    /** A click waiting for its burst window to pass. */
    record Pending(long digestId, String paperId, String userId, Instant clickedAt) {
    }

    private final EntityManager em;

    ClickRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * When the user's digest was sent (or may have been: UNKNOWN); empty when it no longer exists (the user was
     * erased) or was never sent.
     */
    Optional<Instant> sentAt(long digestId, String userId) {
        List<?> rows = em.createNativeQuery(
                        "SELECT sent_at FROM digest WHERE id = ?1 AND user_id = ?2 AND status IN ('SENT', 'UNKNOWN')")
                .setParameter(1, digestId).setParameter(2, userId).getResultList();
        return rows.stream().findFirst().map(DigestRepository::instant);
    }

    /** Stores the first click on a link; later clicks on it change nothing. */
    void insert(long digestId, String paperId, String userId, Instant clickedAt, boolean tooSoon) {
        em.createNativeQuery("INSERT INTO digest_click (digest_id, paper_id, user_id, clicked_at, outcome) "
                        + "VALUES (?1, ?2, ?3, ?4, " + (tooSoon ? "'too-soon'" : "NULL") + ") ON CONFLICT DO NOTHING")
                .setParameter(1, digestId).setParameter(2, paperId).setParameter(3, userId)
                .setParameter(4, clickedAt).executeUpdate();
    }

    /**
     * Users with clicks that have waited at least until {@code ripe}, those waiting longest first: the oldest pending
     * click always belongs to one of them, so settling never starves.
     */
    List<String> usersWithPending(Instant ripe, int limit) {
        @SuppressWarnings("unchecked")
        List<String> users = em.createNativeQuery("SELECT user_id FROM digest_click "
                        + "WHERE outcome IS NULL AND clicked_at <= ?1 GROUP BY user_id ORDER BY min(clicked_at) LIMIT ?2")
                .setParameter(1, ripe).setParameter(2, limit).getResultList();
        return users;
    }

    /** Pending clicks up to {@code ripe}, locked; rows another settler holds are skipped. */
    List<Pending> lockPending(Instant ripe, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT digest_id, paper_id, user_id, clicked_at FROM digest_click "
                        + "WHERE outcome IS NULL AND clicked_at <= ?1 ORDER BY clicked_at LIMIT ?2 "
                        + "FOR UPDATE SKIP LOCKED")
                .setParameter(1, ripe).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new Pending(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                DigestRepository.instant(r[3]))).toList();
    }

    /** Distinct links of the digest clicked within {@code window} before or after {@code at}. */
    long linksClickedAround(long digestId, Instant at, Duration window) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM digest_click WHERE digest_id = ?1 "
                        + "AND clicked_at BETWEEN ?2 AND ?3")
                .setParameter(1, digestId).setParameter(2, at.minus(window)).setParameter(3, at.plus(window))
                .getSingleResult()).longValue();
    }

    void settle(Pending click, String outcome) {
        em.createNativeQuery("UPDATE digest_click SET outcome = ?3 WHERE digest_id = ?1 AND paper_id = ?2")
                .setParameter(1, click.digestId()).setParameter(2, click.paperId()).setParameter(3, outcome)
                .executeUpdate();
    }
}
