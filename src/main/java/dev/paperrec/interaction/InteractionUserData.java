package dev.paperrec.interaction;

import dev.paperrec.user.UserDataContributor;
import jakarta.enterprise.context.ApplicationScoped;

/** The events section of a user's export and erasure. */
@ApplicationScoped
class InteractionUserData implements UserDataContributor {

    private final InteractionRepository events;

    InteractionUserData(InteractionRepository events) {
        this.events = events;
    }

    @Override
    public String section() {
        return "events";
    }

    @Override
    public Object export(String userId) {
        return events.all(userId).stream().map(Interaction::view).toList();
    }

    @Override
    public long erase(String userId) {
        return events.eraseUser(userId);
    }
}
