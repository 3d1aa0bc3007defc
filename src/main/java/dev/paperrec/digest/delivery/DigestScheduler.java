package dev.paperrec.digest.delivery;

import dev.paperrec.common.error.ApiException;
import dev.paperrec.digest.DigestConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Runs a digest round every poll interval on replicas where the schedule is enabled. */
@ApplicationScoped
class DigestScheduler {

    private static final Logger LOG = Logger.getLogger(DigestScheduler.class);

    private final DigestDelivery delivery;
    private final DigestConfig config;

    DigestScheduler(DigestDelivery delivery, DigestConfig config) {
        this.delivery = delivery;
        this.config = config;
    }

    @Scheduled(every = "${paperrec.digest.poll-interval:PT5M}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!config.schedulerEnabled()) {
            return;
        }
        try {
            delivery.runRound();
        } catch (ApiException e) {
            LOG.debugf("Digest round postponed: %s", e.getMessage());
        }
    }
}
