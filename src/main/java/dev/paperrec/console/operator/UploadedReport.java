package dev.paperrec.console.operator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * The evaluation report last uploaded to the operator view, in PostgreSQL: every replica shows the same one and a
 * restart keeps it. Kept as uploaded and read with the same parser as a configured file.
 */
@ApplicationScoped
@Transactional
public class UploadedReport {

    /** A report as uploaded: the file's name and its JSON Lines. */
    record Upload(String source, String body) {
    }

    private final EntityManager em;

    UploadedReport(EntityManager em) {
        this.em = em;
    }

    /** Replaces the uploaded report. */
    void save(Upload upload) {
        em.createNativeQuery("INSERT INTO console_evaluation_report (id, source, body) VALUES (1, ?1, ?2) "
                        + "ON CONFLICT (id) DO UPDATE SET source = EXCLUDED.source, body = EXCLUDED.body, uploaded_at = now()")
                .setParameter(1, upload.source()).setParameter(2, upload.body()).executeUpdate();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    Optional<Upload> latest() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT source, body FROM console_evaluation_report WHERE id = 1")
                .getResultList();
        return rows.stream().findFirst().map(r -> new Upload((String) r[0], (String) r[1]));
    }
}
