package dev.paperrec.console;

import dev.paperrec.digest.DigestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read-only counts the console shows, each one query on indexed or small tables. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ConsoleQueries {

    private final EntityManager em;

    ConsoleQueries(EntityManager em) {
        this.em = em;
    }

    /** Live papers and events. */
    public record Counts(long papers, long events) {
    }

    /** Digests by outcome, and the earliest time a subscription is next due. */
    public record DigestCounts(Map<String, Long> byStatus, long subscriptions, Optional<Instant> nextDue) {
    }

    /**
     * Live papers and events. Readers are not counted here: {@code count(DISTINCT user_id)} reads every event
     * (up to 46 ms at CiteULike-a scale, docs/benchmarks.md), and the model counts them at each build.
     */
    public Counts counts() {
        Object[] row = (Object[]) em.createNativeQuery("SELECT (SELECT count(*) FROM paper WHERE withdrawn_at IS NULL), "
                + "(SELECT count(*) FROM interaction)").getSingleResult();
        return new Counts(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    /** Events per day (UTC) over the last {@code days} days, every day present, oldest first. */
    public Map<LocalDate, Long> eventsPerDay(int days) {
        LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(days - 1L);
        Map<LocalDate, Long> perDay = new LinkedHashMap<>();
        for (int i = 0; i < days; i++) {
            perDay.put(first.plusDays(i), 0L);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, count(*) "
                + "FROM interaction WHERE occurred_at >= ?1 GROUP BY day")
                .setParameter(1, first.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime()).getResultList();
        for (Object[] row : rows) {
            LocalDate day = row[0] instanceof Date d ? d.toLocalDate() : (LocalDate) row[0];
            perDay.computeIfPresent(day, (d, n) -> ((Number) row[1]).longValue());
        }
        return perDay;
    }

    /** The readers with the most events, to pick from. */
    @SuppressWarnings("unchecked")
    public List<String> busiestReaders(int limit) {
        return em.createNativeQuery("SELECT user_id FROM interaction GROUP BY user_id ORDER BY count(*) DESC, user_id "
                + "LIMIT ?1").setParameter(1, limit).getResultList();
    }

    public DigestCounts digests() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT status, count(*) FROM digest GROUP BY status ORDER BY status")
                .getResultList();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        rows.forEach(r -> byStatus.put((String) r[0], ((Number) r[1]).longValue()));
        Object[] subs = (Object[]) em.createNativeQuery("SELECT count(*), min(next_due_at) FROM digest_subscription")
                .getSingleResult();
        return new DigestCounts(byStatus, ((Number) subs[0]).longValue(),
                Optional.ofNullable(subs[1]).map(DigestRepository::instant));
    }
}
