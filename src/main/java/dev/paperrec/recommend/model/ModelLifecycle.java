package dev.paperrec.recommend.model;

import dev.paperrec.interaction.EventsRecorded;
import dev.paperrec.paper.PapersChanged;
import dev.paperrec.recommend.EngineSettings;
import dev.paperrec.recommend.RecommendConfig;
import dev.paperrec.recommend.hybrid.RecommendationModel;
import dev.paperrec.user.UserErased;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * Owns the current model: builds it from PostgreSQL on one background thread, swaps it in atomically (a request
 * sees the old model or the new one, never a half-built one), rebuilds on an interval and after enough new events,
 * and teaches the current model about papers added since its build. Each replica builds its own model; what
 * changed after the build reaches requests through the {@link ChangeFeed} or, without it, per-request reads.
 */
@ApplicationScoped
public class ModelLifecycle {

    private static final Logger LOG = Logger.getLogger(ModelLifecycle.class);
    /** Papers added to a built model one by one before a full rebuild is the cheaper way. */
    static final int INCREMENTAL_LIMIT = 500;

    /**
     * Heap a build needs per event and per paper beyond the model in service, from the measurements in
     * docs/scaling.md ("Memory of a build"), about what builds of 4M and 10M events needed: checked against the
     * budget before the build reads anything.
     */
    static final long BUILD_BYTES_PER_EVENT = 150;
    static final long BUILD_BYTES_PER_PAPER = 3_000;

    /** The model, the events it was built from, and when its snapshot of the database began. */
    public record Loaded(RecommendationModel model, EventHorizon events, Instant snapshotAt) {
    }

    /**
     * Why builds fail while they do: the last failure, how many in a row, and when the next build is tried.
     *
     * @param cause {@code memory} (over the build's heap budget), {@code database} or {@code error}
     */
    public record BuildFailure(Instant at, String cause, String message, int consecutive, Instant retryAt) {
    }

    private final ModelSource source;
    private final RecommendConfig config;
    private final EngineSettings settings;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    /** Users erased after the current model's snapshot began, with the nanoTime of their erasure. */
    private final ConcurrentHashMap<String, Long> erased = new ConcurrentHashMap<>();
    /** Papers added to the current model since its build, with the nanoTime they were added. */
    private final ConcurrentHashMap<String, Long> added = new ConcurrentHashMap<>();
    private final AtomicLong eventsSinceBuild = new AtomicLong();
    private final AtomicLong builds = new AtomicLong();
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "model-builder");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "model-build-retry");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<BuildFailure> failure = new AtomicReference<>();
    private final MeterRegistry registry;
    private final Timer buildTimer;
    private volatile CompletableFuture<Loaded> running;
    /** The build that follows the running one, when a rebuild was asked for meanwhile; guarded by this. */
    private CompletableFuture<Loaded> following;

    ModelLifecycle(ModelSource source, RecommendConfig config, MeterRegistry registry) {
        this.source = source;
        this.config = config;
        this.settings = config.engine().settings();
        this.registry = registry;
        buildTimer = Timer.builder("paperrec.model.build").description("Model build time, reading included")
                .register(registry);
        Gauge.builder("paperrec.model.papers", this, m -> m.stat(s -> s.papers())).register(registry);
        Gauge.builder("paperrec.model.users", this, m -> m.stat(s -> s.users())).register(registry);
        Gauge.builder("paperrec.model.events", this, m -> m.stat(s -> s.events())).register(registry);
        Gauge.builder("paperrec.model.neighbours", this, m -> m.stat(s -> s.collaborativeNeighbours()))
                .description("Collaborative item-to-item links kept").register(registry);
        Gauge.builder("paperrec.model.version", builds, AtomicLong::get)
                .description("Number of models built by this replica").register(registry);
        Gauge.builder("paperrec.model.build.failing", failure, f -> f.get() == null ? 0 : f.get().consecutive())
                .description("Model builds failed in a row (0 once one succeeds)").register(registry);
        for (String cause : List.of("memory", "database", "error")) {
            registry.counter("paperrec.model.build.failures", "cause", cause);
        }
        Gauge.builder("paperrec.model.age.seconds", this, m -> m.current()
                .map(l -> (double) Duration.between(l.model().builtAt(), Instant.now()).toSeconds())
                .orElse(Double.NaN)).register(registry);
    }

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) StartupEvent start) {
        LOG.infof("Engine settings: %s", settings);
        if (config.buildAtStartup()) {
            rebuild();
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        retries.shutdownNow();
        builder.shutdownNow();
    }

    public Optional<Loaded> current() {
        return Optional.ofNullable(current.get());
    }

    /** The last build failure while builds keep failing; empty once a build succeeds. */
    public Optional<BuildFailure> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Starts a rebuild; completes with a model whose build began after this call. While one is running (it may
     * have read the database before the caller's writes), one more follows it, shared by every caller meanwhile.
     */
    public synchronized CompletableFuture<Loaded> rebuild() {
        CompletableFuture<Loaded> inFlight = running;
        if (inFlight != null && !inFlight.isDone()) {
            if (following == null) {
                following = new CompletableFuture<>();
            }
            return following;
        }
        CompletableFuture<Loaded> build = CompletableFuture.supplyAsync(this::buildNow, builder);
        running = build;
        build.whenComplete((loaded, error) -> {
            if (error != null) {
                failed(error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            } else {
                failure.set(null);
            }
            CompletableFuture<Loaded> waiting;
            synchronized (this) {
                waiting = following;
                following = null;
            }
            if (waiting != null) {
                rebuild().whenComplete((next, nextFailure) -> {
                    if (nextFailure != null) {
                        waiting.completeExceptionally(nextFailure);
                    } else {
                        waiting.complete(next);
                    }
                });
            }
        });
        return build;
    }

    /**
     * Keeps the previous model, counts the failure, and tries again after a backoff that doubles with each failure
     * in a row, up to the rebuild interval: a build that cannot fit in memory would fail the same way at once.
     */
    private void failed(Throwable error) {
        String cause = error instanceof BuildMemory.Exceeded ? "memory"
                : error instanceof dev.paperrec.common.db.DatabaseException ? "database" : "error";
        BuildFailure previous = failure.get();
        int consecutive = previous == null ? 1 : previous.consecutive() + 1;
        Duration backoff = config.buildRetryBackoff().multipliedBy(1L << Math.min(consecutive - 1, 20));
        if (backoff.compareTo(config.rebuildInterval()) > 0) {
            backoff = config.rebuildInterval();
        }
        Instant now = Instant.now();
        failure.set(new BuildFailure(now, cause, String.valueOf(error.getMessage()), consecutive, now.plus(backoff)));
        registry.counter("paperrec.model.build.failures", "cause", cause).increment();
        if (cause.equals("memory")) {
            LOG.errorf("Model build stopped: %s. The previous model stays in use (%s); next try in %s",
                    error.getMessage(), current.get() == null ? "none yet" : current.get().model().version(), backoff);
        } else {
            LOG.errorf(error, "Model build failed; the previous model stays in use; next try in %s", backoff);
        }
        try {
            retries.schedule(() -> {
                if (failure.get() != null) {
                    rebuild();
                }
            }, backoff.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            LOG.debug("Not retrying the model build: the service is stopping");
        }
    }

    /** Whether a failed build waits for its retry: other triggers leave the rebuild to it. */
    private boolean retryPending() {
        BuildFailure f = failure.get();
        return f != null && Instant.now().isBefore(f.retryAt());
    }

    @Scheduled(every = "${paperrec.recommend.rebuild-interval:PT10M}", delayed = "${paperrec.recommend.rebuild-interval:PT10M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRebuild() {
        if (!retryPending()) {
            rebuild();
        }
    }

    void onEvents(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventsRecorded recorded) {
        long threshold = config.rebuildAfterEvents();
        if (threshold > 0 && eventsSinceBuild.addAndGet(recorded.count()) >= threshold && !retryPending()) {
            eventsSinceBuild.set(0);
            rebuild();
        }
    }

    void onPapers(@Observes(during = TransactionPhase.AFTER_SUCCESS) PapersChanged changed) {
        learn(changed.upserted());
    }

    /** Adds papers the current model does not know yet (created here or, as a notice says, by another replica). */
    void learn(Collection<String> ids) {
        Loaded loaded = current.get();
        if (loaded == null || ids.isEmpty()) {
            return;
        }
        List<String> unknown = ids.stream().filter(id -> !loaded.model().knows(id)).toList();
        if (unknown.isEmpty()) {
            return;
        }
        // Each added paper extends a copy-on-write overlay; a bulk import is cheaper as one rebuild.
        if (unknown.size() + added.size() > INCREMENTAL_LIMIT) {
            rebuild();
            return;
        }
        long now = System.nanoTime();
        unknown.forEach(id -> added.put(id, now));
        try {
            teach(source.papers(unknown));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not add %d papers to the model incrementally; rebuilding instead", unknown.size());
            rebuild();
        }
    }

    private void teach(List<PaperRecord> papers) {
        current.updateAndGet(l -> {
            RecommendationModel model = l.model();
            for (PaperRecord p : papers) {
                model = model.withPaper(p);
            }
            return new Loaded(model, l.events(), l.snapshotAt());
        });
    }

    void onErased(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserErased event) {
        forget(event.userId());
    }

    /** Stops using a user's data at once and rebuilds without it (erased here or, as a notice says, elsewhere). */
    void forget(String userId) {
        erased.put(userId, System.nanoTime());
        rebuild();
    }

    /** True when the user was erased after the current model read its data: the model must not use theirs. */
    public boolean erasedSinceBuild(String userId) {
        return erased.containsKey(userId);
    }

    private Loaded buildNow() {
        long started = System.nanoTime();
        Instant snapshotAt = Instant.now();
        boolean fromDatabase = config.collaborativeSource() == NeighbourOrigin.DATABASE;
        boolean citationsFromDatabase = config.citationSource() == NeighbourOrigin.DATABASE;
        BuildMemory memory = new BuildMemory(config.buildHeapShare(), BuildMemory.RUNTIME);
        ModelSource.Size size = source.estimatedSize();
        memory.require(size.events() * BUILD_BYTES_PER_EVENT + size.papers() * BUILD_BYTES_PER_PAPER,
                String.format(java.util.Locale.ROOT, "about %d papers and %d events to read", size.papers(),
                        size.events()));
        ModelSource.Snapshot snapshot = source.snapshot(fromDatabase, citationsFromDatabase, memory);
        long read = System.nanoTime();
        PrecomputedNeighbours precomputed = snapshot.neighbours();
        if (fromDatabase && precomputed == null) {
            LOG.warn("Collaborative source is database but no neighbour batch is completed; computing the "
                    + "collaborative neighbours from the events instead");
        } else if (precomputed != null) {
            LOG.infof("Collaborative neighbours from batch %d (completed %s): %d rows", precomputed.batchId(),
                    precomputed.completedAt(), precomputed.rows());
            if (precomputed.declaredRows() != null && precomputed.declaredRows() != precomputed.rows()) {
                LOG.warnf("Neighbour batch %d declares %d rows but holds %d; using the rows it holds",
                        precomputed.batchId(), precomputed.declaredRows(), precomputed.rows());
            }
        }
        PrecomputedNeighbours citationBatch = snapshot.citationNeighbours();
        if (citationsFromDatabase && citationBatch == null) {
            LOG.warn("Citation source is database but no citation batch is completed; computing the citation "
                    + "neighbours from the references instead");
        } else if (citationBatch != null) {
            LOG.infof("Citation neighbours from batch %d (completed %s): %d rows", citationBatch.batchId(),
                    citationBatch.completedAt(), citationBatch.rows());
        }
        RecommendationModel model = ModelBuilder.build(snapshot.papers(), snapshot.interactions(), precomputed,
                citationBatch, settings, Instant.now(), memory);
        Loaded loaded = new Loaded(model, snapshot.horizon(), snapshotAt);
        current.set(loaded);
        // Erasures and papers committed before the snapshot began are in it; later ones are carried over.
        erased.values().removeIf(at -> at < started);
        added.values().removeIf(at -> at < started);
        if (!added.isEmpty()) {
            teach(source.papers(List.copyOf(added.keySet())));
        }
        builds.incrementAndGet();
        long total = System.nanoTime() - started;
        buildTimer.record(Duration.ofNanos(total));
        BuildStats s = model.stats();
        LOG.infof("Model %s built: %d papers, %d users, %d events, %d neighbour links (%s), %d embedded papers; "
                        + "read %d ms, built %d ms, heap used %d MB (peak seen %d MB, budget %d MB)", model.version(),
                s.papers(), s.users(), s.events(),
                s.collaborativeNeighbours(), s.neighbourBatch() == null ? s.collaborativeSource().wireName()
                        : s.collaborativeSource().wireName() + " batch " + s.neighbourBatch(),
                s.embeddedPapers(), (read - started) / 1_000_000, s.buildMillis(),
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20, memory.peak() >> 20,
                memory.limit() >> 20);
        return loaded;
    }

    private double stat(ToDoubleFunction<BuildStats> f) {
        Loaded loaded = current.get();
        return loaded == null ? Double.NaN : f.applyAsDouble(loaded.model().stats());
    }
}
