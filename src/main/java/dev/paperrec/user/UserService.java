package dev.paperrec.user;

import dev.paperrec.common.api.Ids;
import dev.paperrec.common.api.Sha256;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
@Transactional
public class UserService {

    private static final Logger LOG = Logger.getLogger(UserService.class);

    private final List<UserDataContributor> contributors;
    private final EntityManager em;
    private final Event<UserErased> erased;

    UserService(@All List<UserDataContributor> contributors, EntityManager em, Event<UserErased> erased) {
        this.contributors = contributors;
        this.em = em;
        this.erased = erased;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public UserExport export(String userId) {
        Ids.requireUserId("userId", userId);
        Map<String, Object> data = new LinkedHashMap<>();
        contributors.forEach(c -> data.put(c.section(), c.export(userId)));
        return new UserExport(userId, Instant.now(), data);
    }

    /** Erases everything about the user in one transaction and audits it without storing the user id itself. */
    public ErasureReport erase(String userId, String requestedBy) {
        Ids.requireUserId("userId", userId);
        UserLocks.exclusive(em, userId);
        Map<String, Long> counts = new LinkedHashMap<>();
        contributors.forEach(c -> counts.put(c.section(), c.erase(userId)));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        em.createNativeQuery("INSERT INTO erasure_audit (subject_hash, requested_by, events_erased) VALUES (?1, ?2, ?3)")
                .setParameter(1, sha256(userId)).setParameter(2, requestedBy).setParameter(3, total)
                .executeUpdate();
        erased.fire(new UserErased(userId));
        LOG.infof("Erased user %s… for %s: %s", sha256(userId).substring(0, 12), requestedBy, counts);
        return new ErasureReport(userId, counts);
    }

    static String sha256(String value) {
        return Sha256.hex(value);
    }
}
