package dev.paperrec.digest.delivery;

import dev.paperrec.common.error.ApiException;
import dev.paperrec.digest.DigestConfig;
import dev.paperrec.digest.DigestRepository;
import dev.paperrec.digest.compose.Digest;
import dev.paperrec.digest.compose.DigestComposer;
import dev.paperrec.digest.compose.DigestMail;
import dev.paperrec.digest.link.DigestLinks;
import dev.paperrec.digest.subscription.Subscriber;
import dev.paperrec.digest.subscription.SubscriptionService;
import dev.paperrec.recommend.RecommendationService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends the digests that are due. Each digest is claimed in PostgreSQL before it is composed, so a period's
 * digest goes out once however many rounds run at the same moment; it is marked SENT only after the SMTP server
 * accepted the message.
 */
@ApplicationScoped
public class DigestDelivery {

    private static final Logger LOG = Logger.getLogger(DigestDelivery.class);
    /** Periods settle within a week; older rows cannot be the current period of any subscription. */
    private static final Duration SETTLED_LOOKBACK = Duration.ofDays(8);
    private static final int MAX_ERROR_CHARS = 1000;

    private final SubscriptionService subscriptions;
    private final DigestRepository digests;
    private final DigestComposer composer;
    private final DigestLinks links;
    private final RecommendationService recommendations;
    private final DigestConfig config;
    private final Counter sentCounter;
    private final Counter failedCounter;
    private final Counter skippedCounter;
    private final Timer sendTimer;

    DigestDelivery(SubscriptionService subscriptions, DigestRepository digests, DigestComposer composer,
                   DigestLinks links, RecommendationService recommendations, DigestConfig config,
                   MeterRegistry registry) {
        this.subscriptions = subscriptions;
        this.digests = digests;
        this.composer = composer;
        this.links = links;
        this.recommendations = recommendations;
        this.config = config;
        this.sentCounter = Counter.builder("paperrec.digests.sent")
                .description("Digests accepted by the SMTP server").register(registry);
        this.failedCounter = Counter.builder("paperrec.digests.failed")
                .description("Digest sending attempts that failed").register(registry);
        this.skippedCounter = Counter.builder("paperrec.digests.skipped")
                .description("Digests not sent because they had nothing new").register(registry);
        this.sendTimer = Timer.builder("paperrec.digests.send")
                .description("Time to compose and send one digest").register(registry);
    }

    private enum Outcome { SENT, SKIPPED, FAILED, ALREADY_SENT }

    /** Runs one round: every subscription whose period has begun and is not settled gets its digest now. */
    public RoundResult runRound() {
        if (recommendations.model().isEmpty()) {
            throw ApiException.unavailable("The recommendation model is still being built; digests wait for it", 30);
        }
        Instant now = Instant.now();
        List<Subscriber> due = subscriptions.subscribers();
        Set<String> settled = digests.settledSince(now.minus(SETTLED_LOOKBACK), config.maxAttempts());
        List<Callable<Outcome>> work = new ArrayList<>();
        int alreadySent = 0;
        for (Subscriber s : due) {
            String period = s.schedule().periodKey(now);
            if (settled.contains(s.userId() + "\n" + period)) {
                alreadySent++;
            } else {
                work.add(() -> deliver(s, period));
            }
        }
        int sent = 0;
        int skipped = 0;
        int failed = 0;
        for (Outcome outcome : runAll(work)) {
            switch (outcome) {
                case SENT -> sent++;
                case SKIPPED -> skipped++;
                case FAILED -> failed++;
                case ALREADY_SENT -> alreadySent++;
            }
        }
        RoundResult result = new RoundResult(due.size(), sent, skipped, failed, alreadySent);
        if (result.sent() + result.failed() + result.skipped() > 0) {
            LOG.infof("Digest round: %s in %d ms", result, Duration.between(now, Instant.now()).toMillis());
        }
        return result;
    }

    /** At most {@code concurrency} digests at once: SMTP servers throttle, and each digest holds a connection. */
    private List<Outcome> runAll(List<Callable<Outcome>> work) {
        if (work.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(config.concurrency(), work.size()));
        try {
            List<Outcome> outcomes = new ArrayList<>(work.size());
            for (Future<Outcome> f : pool.invokeAll(work)) {
                outcomes.add(f.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while sending digests", 5);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A digest could not be recorded", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome deliver(Subscriber subscriber, String period) {
        Optional<DigestRepository.Claim> claim = digests.claim(subscriber.userId(), period, config.claimLease(),
                config.maxAttempts());
        if (claim.isEmpty()) {
            return Outcome.ALREADY_SENT;
        }
        long digestId = claim.get().digestId();
        Timer.Sample sample = Timer.start();
        try {
            Instant now = Instant.now();
            Digest digest = composer.compose(subscriber.userId(), subscriber.schedule().frequency(), now);
            if (digest.isEmpty()) {
                digests.markSkipped(digestId);
                skippedCounter.increment();
                LOG.debugf("Digest %d skipped: nothing new", digestId);
                return Outcome.SKIPPED;
            }
            Digest linked = digest.withLinks(e -> links.click(subscriber.userId(), e.paperId(), digestId, now));
            DigestMail.message(linked, subscriber.schedule().frequency(), now.atZone(subscriber.schedule().zone()),
                    subscriber.email(), links.unsubscribe(subscriber.userId(), now)).send()
                    .await().atMost(config.sendTimeout());
            digests.markSent(digestId, subscriber.userId(), sentPapers(digest));
            sentCounter.increment();
            LOG.debugf("Digest %d sent with %d papers", digestId, digest.size());
            return Outcome.SENT;
        } catch (RuntimeException e) {
            // Whatever failed (SMTP refused or unreachable, composition, rendering), this reader's digest is
            // recorded as failed with its retry time and the round goes on with the others.
            failed(claim.get(), e);
            return Outcome.FAILED;
        } finally {
            sample.stop(sendTimer);
        }
    }

    private void failed(DigestRepository.Claim claim, RuntimeException e) {
        failedCounter.increment();
        int attempt = claim.attempt();
        Optional<Instant> retryAt = attempt >= config.maxAttempts() ? Optional.empty()
                : Optional.of(Instant.now().plus(config.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 20))));
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        digests.markFailed(claim.digestId(), error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS)
                : error, retryAt);
        LOG.warnf("Digest %d failed (attempt %d of %d, %s): %s", claim.digestId(), attempt, config.maxAttempts(),
                retryAt.map(t -> "next at " + t).orElse("giving up"), error);
    }

    private static List<DigestRepository.SentPaper> sentPapers(Digest digest) {
        List<DigestRepository.SentPaper> papers = new ArrayList<>();
        for (Digest.Section section : digest.sections()) {
            for (Digest.Entry entry : section.entries()) {
                papers.add(new DigestRepository.SentPaper(entry.paperId(), section.key(), papers.size()));
            }
        }
        return papers;
    }
}
