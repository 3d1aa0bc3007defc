package dev.paperrec.user;

/**
 * A feature that stores data about users. Export and erasure ask every contributor, so a new table cannot be
 * forgotten by the GDPR endpoints: it comes with its contributor.
 */
public interface UserDataContributor {

    /** The key of this contributor's section in an export, e.g. {@code events}. */
    String section();

    /** Everything this feature stores about the user, as a JSON-serialisable value. */
    Object export(String userId);

    /** Deletes everything this feature stores about the user, inside the caller's transaction; returns rows removed. */
    long erase(String userId);
}
