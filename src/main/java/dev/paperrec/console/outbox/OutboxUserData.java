package dev.paperrec.console.outbox;

import dev.paperrec.user.UserDataContributor;
import jakarta.enterprise.context.ApplicationScoped;

/** The outbox section of a user's export and erasure: the messages sent to their subscription's address. */
@ApplicationScoped
class OutboxUserData implements UserDataContributor {

    private final Outbox outbox;

    OutboxUserData(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String section() {
        return "outbox";
    }

    @Override
    public Object export(String userId) {
        return outbox.sentTo(userId);
    }

    @Override
    public long erase(String userId) {
        return outbox.eraseUser(userId);
    }
}
