package dev.paperrec.user;

import jakarta.persistence.EntityManager;

/**
 * Transaction-scoped PostgreSQL advisory locks per user. Erasure holds a user's lock exclusively; a write the service
 * makes on a user's behalf from an old token (a digest click) holds it shared and checks that the user's data still
 * exists, so it either commits before the erasure deletes (and is deleted with the rest) or sees the erasure.
 */
public final class UserLocks {

    /** First key of the two-key lock: keeps these locks apart from any other advisory lock in the database. */
    private static final int NAMESPACE = 0x50524543;

    private UserLocks() {
    }

    public static void exclusive(EntityManager em, String userId) {
        em.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(?1, hashtext(?2))) l")
                .setParameter(1, NAMESPACE).setParameter(2, userId).getSingleResult();
    }

    public static void shared(EntityManager em, String userId) {
        em.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock_shared(?1, hashtext(?2))) l")
                .setParameter(1, NAMESPACE).setParameter(2, userId).getSingleResult();
    }
}
