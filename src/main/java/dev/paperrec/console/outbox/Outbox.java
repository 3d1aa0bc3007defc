package dev.paperrec.console.outbox;

import dev.paperrec.console.ConsoleConfig;
import dev.paperrec.digest.DigestRepository;
import io.quarkus.mailer.SentMail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The messages the service sent while the outbox is on. The mailer's mock mode sends nothing over SMTP and reports
 * each message as sent ({@link SentMail}); it is kept in PostgreSQL, so the outbox survives restarts as the demo
 * database does.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private final ConsoleConfig config;
    private final DataSource dataSource;
    private final EntityManager em;

    Outbox(ConsoleConfig config, DataSource dataSource, EntityManager em) {
        this.config = config;
        this.dataSource = dataSource;
        this.em = em;
    }

    public boolean enabled() {
        return config.outbox();
    }

    /**
     * Keeps a message the mailer reports as sent. The report comes on the event loop the send ran on and before the
     * send completes, so a digest is recorded SENT only once its message is in the outbox: one short insert, in
     * demo mode only, with a connection of its own outside any transaction.
     */
    void keep(@Observes SentMail mail) {
        if (!config.outbox()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO outbox_message (sender, recipients, subject, "
                     + "text_body, html_body, user_ids) VALUES (?, ?, ?, ?, ?, "
                     + "ARRAY(SELECT user_id FROM digest_subscription WHERE email = ANY(?))) RETURNING id")) {
            insert.setString(1, mail.from());
            insert.setString(2, String.join(", ", mail.to()));
            insert.setString(3, mail.subject());
            insert.setString(4, mail.textBody());
            insert.setString(5, mail.htmlBody());
            insert.setArray(6, c.createArrayOf("text", mail.to().toArray()));
            long id;
            try (ResultSet kept = insert.executeQuery()) {
                kept.next();
                id = kept.getLong(1);
            }
            // A message carries its links' tokens (confirm, unsubscribe): the log names it, the outbox holds it.
            LOG.infof("Outbox message %d to %s: %s", id, String.join(", ", mail.to()), mail.subject());
            LOG.debugf("Outbox message %d, text part:%n%s", id, mail.textBody());
        } catch (SQLException e) {
            throw new IllegalStateException("The outbox could not keep a message: " + e.getMessage(), e);
        }
    }

    /** The newest messages, without their bodies. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OutboxMessage> latest(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, sent_at, sender, recipients, subject FROM outbox_message "
                + "ORDER BY id DESC LIMIT ?1").setParameter(1, limit).getResultList();
        return rows.stream().map(Outbox::summary).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<OutboxMessage> find(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, sent_at, sender, recipients, subject, text_body, "
                + "html_body FROM outbox_message WHERE id = ?1").setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(r -> new OutboxMessage(((Number) r[0]).longValue(),
                DigestRepository.instant(r[1]), (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                (String) r[6]));
    }

    /** The messages sent to a user's address, without their bodies, for their export. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OutboxMessage> sentTo(String userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, sent_at, sender, recipients, subject FROM outbox_message "
                + "WHERE ?1 = ANY(user_ids) ORDER BY id").setParameter(1, userId).getResultList();
        return rows.stream().map(Outbox::summary).toList();
    }

    /** Deletes the messages sent to a user's address, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long eraseUser(String userId) {
        return em.createNativeQuery("DELETE FROM outbox_message WHERE ?1 = ANY(user_ids)").setParameter(1, userId)
                .executeUpdate();
    }

    private static OutboxMessage summary(Object[] r) {
        return new OutboxMessage(((Number) r[0]).longValue(), DigestRepository.instant(r[1]), (String) r[2],
                (String) r[3], (String) r[4], null, null);
    }
}
