package dev.paperrec.digest.delivery;

import dev.paperrec.common.api.Sha256;
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
import io.quarkus.mailer.MailTemplate;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Sends the digests that are due. A round reads only the subscriptions whose {@code next_due_at} has come, a page
 * at a time. Each digest is claimed in PostgreSQL before it is composed, so a period's digest goes out once however
 * many rounds run at the same moment; it is marked SENT only after the SMTP server accepted the message, and
 * UNKNOWN (never sent again) when the SMTP call timed out, since the message may have been delivered. Every outcome
 * is written only while the sender's claim is still its own.
 */
@ApplicationScoped
public class DigestDelivery {

    private static final Logger LOG = Logger.getLogger(DigestDelivery.class);
    /** Subscriptions read and sent per page of a round. */
    static final int PAGE = 200;
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
    private final Counter unknownCounter;
    private final Counter fencedCounter;
    private final Counter confirmationCounter;
    private final Timer sendTimer;
    private final Vertx vertx;
    /** One pool for every round: at most {@code concurrency} digests at once, as SMTP servers throttle. */
    private final ExecutorService pool;

    DigestDelivery(SubscriptionService subscriptions, DigestRepository digests, DigestComposer composer,
                   DigestLinks links, RecommendationService recommendations, DigestConfig config,
                   MeterRegistry registry, Vertx vertx) {
        this.vertx = vertx;
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
        this.unknownCounter = Counter.builder("paperrec.digests.unknown")
                .description("Digests whose SMTP call timed out: perhaps delivered, never sent again")
                .register(registry);
        this.fencedCounter = Counter.builder("paperrec.digests.fenced")
                .description("Outcomes not written because the sender's claim had passed to another round")
                .register(registry);
        this.confirmationCounter = Counter.builder("paperrec.digests.confirmations")
                .description("Double opt-in messages sent to new addresses").register(registry);
        this.sendTimer = Timer.builder("paperrec.digests.send")
                .description("Time to compose and send one digest").register(registry);
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(config.concurrency(), r -> {
            Thread t = new Thread(r, "digest-sender-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    private enum Outcome { SENT, SKIPPED, FAILED, UNKNOWN, ALREADY_SENT }

    /** Runs one round: every subscription that is due and whose period is not settled gets its digest now. */
    public RoundResult runRound() {
        if (recommendations.model().isEmpty()) {
            throw ApiException.unavailable("The recommendation model is still being built; digests wait for it", 30);
        }
        Instant now = Instant.now();
        int confirmations = sendConfirmations(now);
        List<Outcome> outcomes = inPages(after -> subscriptions.due(now, after, PAGE),
                s -> deliverAndReschedule(s, now));
        int[] counts = new int[Outcome.values().length];
        outcomes.forEach(o -> counts[o.ordinal()]++);
        int due = outcomes.size();
        RoundResult result = new RoundResult(due, counts[Outcome.SENT.ordinal()], counts[Outcome.SKIPPED.ordinal()],
                counts[Outcome.FAILED.ordinal()], counts[Outcome.ALREADY_SENT.ordinal()],
                counts[Outcome.UNKNOWN.ordinal()], confirmations);
        if (result.sent() + result.failed() + result.skipped() + result.unknown() + confirmations > 0) {
            LOG.infof("Digest round: %s in %d ms", result, Duration.between(now, Instant.now()).toMillis());
        }
        return result;
    }

    /**
     * Sends the double opt-in message to every new address that has not had one. Each is claimed first, so two rounds
     * send it once; a failed send is released for the next round (a second confirmation does no harm).
     */
    private int sendConfirmations(Instant now) {
        return (int) inPages(after -> subscriptions.awaitingConfirmationMail(after, PAGE),
                s -> sendConfirmation(s, now)).stream().filter(o -> o == Outcome.SENT).count();
    }

    /** Runs {@code task} for every subscriber {@code page} lists, a page of {@link #PAGE} by user id at a time. */
    private List<Outcome> inPages(Function<String, List<Subscriber>> page, Function<Subscriber, Outcome> task) {
        List<Outcome> outcomes = new ArrayList<>();
        String after = null;
        List<Subscriber> subscribers;
        do {
            subscribers = page.apply(after);
            List<Callable<Outcome>> work = new ArrayList<>(subscribers.size());
            for (Subscriber s : subscribers) {
                work.add(() -> task.apply(s));
            }
            outcomes.addAll(runAll(work));
            after = subscribers.isEmpty() ? after : subscribers.get(subscribers.size() - 1).userId();
        } while (subscribers.size() == PAGE);
        return outcomes;
    }

    private Outcome sendConfirmation(Subscriber subscriber, Instant now) {
        if (!subscriptions.claimConfirmationMail(subscriber.userId(), subscriber.email())) {
            return Outcome.ALREADY_SENT;
        }
        try {
            send(ConfirmationMail.message(subscriber.email(), subscriber.schedule().frequency().wireName(),
                    links.confirm(subscriber.userId(), subscriber.email(), now)));
            confirmationCounter.increment();
            return Outcome.SENT;
        } catch (RuntimeException e) {
            subscriptions.releaseConfirmationMail(subscriber.userId(), subscriber.email());
            LOG.warnf("Confirmation mail for user %s… failed, next round tries again: %s",
                    Sha256.hex(subscriber.userId()).substring(0, 12), e.getMessage());
            return Outcome.FAILED;
        }
    }

    /**
     * Sends a message, started on a Vert.x event loop: started from a worker thread, the mail client now and then
     * missed the server's greeting on a new connection and waited until the timeout (docs/digest.md, Retries).
     */
    private void send(MailTemplate.MailTemplateInstance mail) {
        Context context = vertx.getOrCreateContext();
        Uni.createFrom().deferred(mail::send).runSubscriptionOn(task -> context.runOnContext(v -> task.run()))
                .await().atMost(config.sendTimeout());
    }

    private List<Outcome> runAll(List<Callable<Outcome>> work) {
        if (work.isEmpty()) {
            return List.of();
        }
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
        }
    }

    /** Sends the period's digest if it is unsettled, then records when the subscription is next due. */
    private Outcome deliverAndReschedule(Subscriber subscriber, Instant now) {
        String period = subscriber.schedule().periodKey(now);
        Outcome outcome = deliver(subscriber, period);
        digests.scheduleNext(subscriber.userId(), subscriber.changedAt(), period,
                subscriber.schedule().nextSlot(now).toInstant(), config.maxAttempts());
        return outcome;
    }

    private Outcome deliver(Subscriber subscriber, String period) {
        Optional<DigestRepository.Claim> claim = digests.claim(subscriber.userId(), period, config.claimLease(),
                config.maxAttempts());
        if (claim.isEmpty()) {
            return Outcome.ALREADY_SENT;
        }
        long digestId = claim.get().digestId();
        Timer.Sample sample = Timer.start();
        Digest digest = null;
        try {
            Instant now = Instant.now();
            digest = composer.compose(subscriber.userId(), subscriber.schedule().frequency(), now);
            if (digest.isEmpty()) {
                fenced(digests.markSkipped(claim.get()), digestId, "skipped");
                skippedCounter.increment();
                LOG.debugf("Digest %d skipped: nothing new", digestId);
                return Outcome.SKIPPED;
            }
            Digest linked = digest.withLinks(e -> links.click(subscriber.userId(), e.paperId(), digestId, now));
            MailTemplate.MailTemplateInstance mail = DigestMail.message(linked, subscriber.schedule().frequency(),
                    now.atZone(subscriber.schedule().zone()), subscriber.email(),
                    links.unsubscribe(subscriber.userId(), now));
            send(mail);
            fenced(digests.markSent(claim.get(), subscriber.userId(), sentPapers(digest), false, null), digestId,
                    "sent");
            sentCounter.increment();
            LOG.debugf("Digest %d sent with %d papers", digestId, digest.size());
            return Outcome.SENT;
        } catch (TimeoutException e) {
            // The server may have accepted the message after all: sending again could deliver it twice.
            String error = "no answer from the SMTP server within " + config.sendTimeout();
            fenced(digests.markSent(claim.get(), subscriber.userId(), sentPapers(digest), true, error), digestId,
                    "unknown");
            unknownCounter.increment();
            LOG.warnf("Digest %d: %s; recorded as UNKNOWN and not sent again", digestId, error);
            return Outcome.UNKNOWN;
        } catch (RuntimeException e) {
            // Whatever failed (SMTP refused or unreachable, composition, rendering), this reader's digest is
            // recorded as failed with its retry time and the round goes on with the others.
            failed(claim.get(), e);
            return Outcome.FAILED;
        } finally {
            sample.stop(sendTimer);
        }
    }

    /** Logs an outcome that was not written because another round has claimed the digest since. */
    private void fenced(boolean written, long digestId, String outcome) {
        if (!written) {
            fencedCounter.increment();
            LOG.warnf("Digest %d: outcome '%s' not recorded, its claim passed to another round (lease %s)",
                    digestId, outcome, config.claimLease());
        }
    }

    private void failed(DigestRepository.Claim claim, RuntimeException e) {
        failedCounter.increment();
        int attempt = claim.attempt();
        Optional<Instant> retryAt = attempt >= config.maxAttempts() ? Optional.empty()
                : Optional.of(Instant.now().plus(config.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 20))));
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        fenced(digests.markFailed(claim, error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS)
                : error, retryAt), claim.digestId(), "failed");
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
