package dev.paperrec.recommend.model;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.paperrec.common.db.ChangeNotices;
import dev.paperrec.common.db.DatabaseException;
import dev.paperrec.common.db.PapersNoticed;
import dev.paperrec.interaction.EventsRecorded;
import dev.paperrec.paper.PapersChanged;
import dev.paperrec.recommend.RecommendConfig;
import dev.paperrec.recommend.hybrid.RecommendationModel;
import dev.paperrec.user.UserErased;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What changed since the model's build, held in memory so that a request needs no database read: each user's
 * newer events (read once, then kept until a notice names the user) and the papers changed since the snapshot
 * (refetched when a notice names them). Every replica listens on {@link ChangeNotices#CHANNEL}; its own writes
 * update it before they are acknowledged, other replicas' writes within the notice's delay. While not listening
 * (disabled, starting, or the database unreachable) it {@linkplain #serving() serves nothing} and the caller
 * reads from PostgreSQL per request, as without it.
 */
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    /** Timestamps are taken at transaction start: a change committed after a snapshot may carry an earlier one. */
    public static final Duration COMMIT_MARGIN = Duration.ofMinutes(10);
    private static final long MAX_BACKOFF_MILLIS = 2_000;
    /** A quiet connection is checked this often, so that a dead one is noticed. */
    private static final long PING_MILLIS = 10_000;
    private static final int NETWORK_TIMEOUT_MILLIS = 5_000;
    /** Users whose newer events are kept: about 150 bytes each; past this, the least used are read again. */
    static final int KEPT_USERS = 250_000;

    /** A user's events beyond {@code horizon}, read while listening generation {@code generation}. */
    private record Recent(EventHorizon horizon, long generation, List<InteractionRecord> events) {
    }

    /** A read of a user's events in flight; a notice naming the user meanwhile removes it, and the read is dropped. */
    private static final class Pending {
    }

    /** A paper as the database has it now: {@code summary} null when withdrawn or gone. */
    private record PaperState(ModelSource.PaperSummary summary, Instant fetchedAt) {
    }

    private final ModelSource source;
    private final ModelLifecycle lifecycle;
    private final AgroalDataSource dataSource;
    private final boolean enabled;
    private final Event<PapersNoticed> noticed;
    private final Cache<String, Object> users;
    private final Map<String, PaperState> papers = new ConcurrentHashMap<>();
    /** Users erased through this replica whose notice has not come back yet. */
    private final Cache<String, Boolean> ownErasures = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(10)).maximumSize(10_000).build();
    private final Counter notices;
    /** Counts changes to what {@link #summaries} answers; bumped after each change is in place. */
    private final AtomicLong changes = new AtomicLong();
    private volatile boolean listening;
    private volatile long generation;
    private volatile Instant listeningSince = Instant.MAX;
    /** The snapshot of the model the paper states were last brought in line with. */
    private volatile Instant preparedSnapshot;
    /** Set when a local refetch failed: the listener catches up again before serving. */
    private volatile boolean resync;
    private volatile boolean stopped;
    private Thread listener;

    ChangeFeed(ModelSource source, ModelLifecycle lifecycle, AgroalDataSource dataSource, RecommendConfig config,
               MeterRegistry registry, Event<PapersNoticed> noticed) {
        this.noticed = noticed;
        this.source = source;
        this.lifecycle = lifecycle;
        this.dataSource = dataSource;
        this.enabled = config.changeFeed();
        this.users = Caffeine.newBuilder().maximumSize(KEPT_USERS).build();
        notices = Counter.builder("paperrec.changes.notices").description("Change notices received")
                .register(registry);
        Gauge.builder("paperrec.changes.listening", this, f -> f.listening ? 1 : 0)
                .description("1 while this replica hears other replicas' changes; 0 while it reads per request")
                .register(registry);
    }

    void onStart(@Observes StartupEvent start) {
        if (!enabled) {
            LOG.info("Change feed disabled: recent events and live papers are read from PostgreSQL per request");
            return;
        }
        listener = new Thread(this::listen, "change-feed");
        listener.setDaemon(true);
        listener.start();
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopped = true;
        if (listener != null) {
            listener.interrupt();
        }
    }

    /**
     * A number that differs from any earlier one once anything {@link #summaries} answers has changed: read it
     * before reading the summaries, and an answer made from them stays right while it is unchanged.
     */
    public long changes() {
        return changes.get();
    }

    /** True while what this feed holds is complete: the caller may answer from it without reading PostgreSQL. */
    public boolean serving() {
        return listening;
    }

    /** The user's events beyond {@code horizon}, from memory when known, else read once and kept. */
    public List<InteractionRecord> eventsSince(String userId, EventHorizon horizon) {
        if (!listening) {
            return source.eventsSince(userId, horizon);
        }
        long gen = generation;
        if (users.getIfPresent(userId) instanceof Recent r && r.horizon().equals(horizon) && r.generation() == gen) {
            return r.events();
        }
        Pending pending = new Pending();
        users.put(userId, pending);
        List<InteractionRecord> events = List.copyOf(source.eventsSince(userId, horizon));
        users.asMap().computeIfPresent(userId, (k, v) -> v == pending ? new Recent(horizon, gen, events) : v);
        return events;
    }

    /**
     * Titles and dates of papers as they are now, or null for a paper no longer live: from the change notices for
     * papers changed since {@code loaded}'s snapshot, from {@code model} for the others. Only meaningful while
     * {@link #serving()}; may read PostgreSQL once after a model swap.
     */
    public Function<String, ModelSource.PaperSummary> summaries(ModelLifecycle.Loaded loaded,
                                                               RecommendationModel model) {
        prepare(loaded);
        Instant snapshot = loaded.snapshotAt();
        return id -> {
            PaperState state = papers.get(id);
            // A state read before the snapshot is older than what the model holds.
            return state != null && !state.fetchedAt().isBefore(snapshot) ? state.summary()
                    : new ModelSource.PaperSummary(id, model.title(id), model.publishedAt(id));
        };
    }

    /**
     * Brings the paper states in line with a newly loaded model: a snapshot older than the listening connection may
     * have missed changes, which are then read once. States older than the previous snapshot are dropped (requests
     * still on the previous model need the ones in between).
     */
    private void prepare(ModelLifecycle.Loaded loaded) {
        Instant snapshot = loaded.snapshotAt();
        if (snapshot.equals(preparedSnapshot)) {
            return;
        }
        synchronized (this) {
            if (snapshot.equals(preparedSnapshot)) {
                return;
            }
            Instant previous = preparedSnapshot;
            Instant keepFrom = previous == null || snapshot.isBefore(previous) ? snapshot : previous;
            papers.values().removeIf(s -> s.fetchedAt().isBefore(keepFrom));
            if (snapshot.isBefore(listeningSince)) {
                refetch(() -> source.changedSince(snapshot.minus(COMMIT_MARGIN)));
            }
            preparedSnapshot = snapshot;
            changes.incrementAndGet();
        }
    }

    void onEvents(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventsRecorded recorded) {
        recorded.userIds().forEach(this::dropUser);
    }

    /** This replica's own paper writes show in its next answer, before the write is acknowledged. */
    void onPapers(@Observes(during = TransactionPhase.AFTER_SUCCESS) PapersChanged changed) {
        Set<String> ids = new LinkedHashSet<>(changed.upserted());
        ids.addAll(changed.withdrawn());
        try {
            refetch(() -> source.paperStates(ids));
        } catch (DatabaseException e) {
            // The write committed; until the listener has caught up again this replica must not answer from memory.
            LOG.warnf("Could not read %d changed papers (%s); reading per request until the feed has caught up",
                    ids.size(), e.getMessage());
            reset();
            resync = true;
        }
    }

    void onErased(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserErased erased) {
        dropUser(erased.userId());
        ownErasures.put(erased.userId(), Boolean.TRUE);
    }

    private void dropUser(String userId) {
        users.invalidate(userId);
    }

    /** Reads paper states and stores them under one lock, so that the last state stored is the last one read. */
    private synchronized void refetch(Supplier<Map<String, ModelSource.PaperSummary>> read) {
        Map<String, ModelSource.PaperSummary> states = read.get();
        Instant now = Instant.now();
        states.forEach((id, summary) -> papers.put(id, new PaperState(summary, now)));
        changes.incrementAndGet();
    }

    /** Forgets everything and stops serving until the listener has reconnected and caught up. */
    private synchronized void reset() {
        listening = false;
        generation++;
        listeningSince = Instant.MAX;
        preparedSnapshot = null;
        users.invalidateAll();
        changes.incrementAndGet();
    }

    private void listen() {
        long backoff = 100;
        boolean warned = false;
        boolean first = true;
        while (!stopped) {
            Connection c = null;
            int networkTimeout = 0;
            try {
                c = dataSource.getConnection();
                c.setAutoCommit(true);
                networkTimeout = c.getNetworkTimeout();
                // A silently dead connection must fail the ping, not wait for the pool's long socket timeout.
                c.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + ChangeNotices.CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                catchUp();
                if (!first) {
                    // Erasures announced while this replica was not listening are known only to a new build.
                    lifecycle.rebuild();
                    LOG.info("Change feed reconnected; answering from memory again");
                }
                first = false;
                warned = false;
                backoff = 100;
                long lastPing = System.nanoTime();
                while (!stopped) {
                    if (resync) {
                        resync = false;
                        catchUp();
                    }
                    PGNotification[] received = pg.getNotifications(1_000);
                    if (received != null && received.length > 0) {
                        handle(received);
                    } else if (System.nanoTime() - lastPing > TimeUnit.MILLISECONDS.toNanos(PING_MILLIS)) {
                        try (Statement st = c.createStatement()) {
                            st.execute("SELECT 1");
                        }
                        lastPing = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                reset();
                if (!stopped && !warned) {
                    LOG.warnf("Change feed lost its connection (%s); reading per request until it reconnects",
                            e.getMessage());
                    warned = true;
                }
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            } finally {
                release(c, networkTimeout);
            }
        }
        reset();
    }

    /** Hands the connection back to the pool as it was lent: subscribed to nothing, with its own timeout. */
    private static void release(Connection c, int networkTimeout) {
        if (c == null) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("UNLISTEN *");
            c.setNetworkTimeout(Runnable::run, networkTimeout);
        } catch (SQLException e) {
            LOG.debugf("Could not reset the change feed's connection: %s", e.getMessage());
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debugf("Could not return the change feed's connection: %s", e.getMessage());
        }
    }

    /**
     * Runs once LISTEN is in place, so nothing committed from now on is missed: forgets users' cached events and
     * rereads papers changed since the current model's snapshot.
     */
    private synchronized void catchUp() {
        resync = false;
        generation++;
        users.invalidateAll();
        papers.clear();
        Instant since = Instant.now();
        ModelLifecycle.Loaded loaded = lifecycle.current().orElse(null);
        if (loaded != null) {
            refetch(() -> source.changedSince(loaded.snapshotAt().minus(COMMIT_MARGIN)));
            preparedSnapshot = loaded.snapshotAt();
        } else {
            preparedSnapshot = null;
        }
        listeningSince = since;
        changes.incrementAndGet();
        listening = true;
    }

    private void handle(PGNotification[] received) {
        Set<String> changedPapers = new LinkedHashSet<>();
        for (PGNotification n : received) {
            notices.increment();
            ChangeNotices.parse(n.getParameter()).ifPresent(notice -> {
                switch (notice.kind()) {
                    case USER -> notice.ids().forEach(this::dropUser);
                    case PAPER -> changedPapers.addAll(notice.ids());
                    case ERASED -> notice.ids().forEach(id -> {
                        dropUser(id);
                        // This replica's own erasures were forgotten (and rebuilt) before they were acknowledged.
                        if (ownErasures.asMap().remove(id) == null && !lifecycle.erasedSinceBuild(id)) {
                            lifecycle.forget(id);
                        }
                    });
                }
            });
        }
        if (!changedPapers.isEmpty()) {
            refetch(() -> source.paperStates(changedPapers));
            lifecycle.learn(new ArrayList<>(changedPapers));
            noticed.fire(new PapersNoticed(Set.copyOf(changedPapers)));
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
