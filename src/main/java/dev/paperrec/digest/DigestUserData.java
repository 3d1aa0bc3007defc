package dev.paperrec.digest;

import dev.paperrec.user.UserDataContributor;
import jakarta.enterprise.context.ApplicationScoped;

/** The digest history section (digests sent and the papers they listed) of a user's export and erasure. */
@ApplicationScoped
class DigestUserData implements UserDataContributor {

    private final DigestRepository digests;

    DigestUserData(DigestRepository digests) {
        this.digests = digests;
    }

    @Override
    public String section() {
        return "digests";
    }

    @Override
    public Object export(String userId) {
        return digests.history(userId);
    }

    @Override
    public long erase(String userId) {
        return digests.eraseUser(userId);
    }
}
