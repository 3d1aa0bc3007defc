package dev.paperrec.digest.subscription;

import dev.paperrec.user.UserDataContributor;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** The digest subscription section of a user's export and erasure. */
@ApplicationScoped
class SubscriptionUserData implements UserDataContributor {

    private final SubscriptionRepository subscriptions;

    SubscriptionUserData(SubscriptionRepository subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public String section() {
        return "digestSubscription";
    }

    @Override
    public Object export(String userId) {
        return subscriptions.findByIdOptional(userId).map(s -> List.of(SubscriptionView.from(s, Instant.now())))
                .orElse(List.of());
    }

    @Override
    public long erase(String userId) {
        return subscriptions.eraseUser(userId);
    }
}
