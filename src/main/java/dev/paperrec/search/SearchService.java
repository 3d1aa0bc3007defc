package dev.paperrec.search;

import dev.paperrec.common.api.Paging;
import dev.paperrec.common.db.PapersNoticed;
import dev.paperrec.common.error.ApiException;
import dev.paperrec.paper.PapersChanged;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.apache.lucene.search.Query;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Relevance search over the live catalogue. Each replica holds its own index: built from PostgreSQL at start,
 * then following paper writes as the recommendation model does (this replica's at once, before they are
 * acknowledged; other replicas' from their change notices), and compared with the catalogue on an interval, so
 * that every replica converges even after a missed notice.
 */
@ApplicationScoped
public class SearchService {

    private static final Logger LOG = Logger.getLogger(SearchService.class);
    /** Timestamps are taken at transaction start: a change committed later may carry an earlier one. */
    static final Duration COMMIT_MARGIN = Duration.ofMinutes(10);
    static final int MAX_QUERY_LENGTH = 500;

    private final SearchSource source;
    private final SearchConfig config;
    private final PaperIndex index = new PaperIndex();
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "search-index-builder");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean ready;
    /** Changes from here on are not yet known to have been compared; guarded by this. */
    private Instant checkedFrom;

    SearchService(SearchSource source, SearchConfig config) {
        this.source = source;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        if (config.buildAtStartup()) {
            builder.submit(this::build);
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        builder.shutdownNow();
        try {
            index.close();
        } catch (IOException e) {
            LOG.debugf("Could not close the search index: %s", e.getMessage());
        }
    }

    /** True once the index holds the catalogue. */
    public boolean ready() {
        return ready;
    }

    /** Reads the whole catalogue into a fresh index; writes arriving meanwhile wait and are applied after it. */
    synchronized void build() {
        long started = System.nanoTime();
        Instant from = Instant.now().minus(COMMIT_MARGIN);
        try {
            index.clear();
            source.allLive(batch -> index.apply(batch, List.of()));
            checkedFrom = from;
            ready = true;
            LOG.infof("Search index built: %d papers in %d ms", index.size(), (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.errorf("Search index build failed (%s); tried again at the next check", e.getMessage());
        }
    }

    void onPapers(@Observes(during = TransactionPhase.AFTER_SUCCESS) PapersChanged changed) {
        Set<String> ids = new HashSet<>(changed.upserted());
        ids.addAll(changed.withdrawn());
        refresh(ids);
    }

    void onNotice(@Observes PapersNoticed noticed) {
        refresh(noticed.ids());
    }

    /** Reads the papers as they are now and indexes that; the lock keeps the last read the one that stays. */
    private synchronized void refresh(Collection<String> ids) {
        if (!ready || ids.isEmpty()) {
            return;
        }
        try {
            List<IndexedPaper> live = source.live(ids);
            Set<String> gone = new HashSet<>(ids);
            live.forEach(p -> gone.remove(p.id()));
            index.apply(live, gone);
        } catch (RuntimeException e) {
            // The write committed; the next check indexes it.
            LOG.warnf("Could not index %d changed papers (%s); the next check will", ids.size(), e.getMessage());
        }
    }

    @Scheduled(every = "${paperrec.search.sync-interval:PT1M}", delayed = "${paperrec.search.sync-interval:PT1M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void check() {
        if (!ready) {
            build();
            return;
        }
        Instant next = Instant.now().minus(COMMIT_MARGIN);
        try {
            Map<String, Instant> changed = source.changedSince(checkedFrom);
            Set<String> stale = new HashSet<>();
            changed.forEach((id, version) -> {
                if (!Objects.equals(version, index.version(id))) {
                    stale.add(id);
                }
            });
            refresh(stale);
            checkedFrom = next;
            if (!stale.isEmpty()) {
                LOG.infof("Search index check: %d papers indexed again", stale.size());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Search index check failed (%s); tried again at the next one", e.getMessage());
        }
    }

    /** A page of {@code q}'s matches, best first; 400 naming the parameter for anything it cannot take. */
    public SearchPage search(String q, String from, String to, Paging paging) {
        String query = q == null ? "" : q.trim();
        if (query.isEmpty()) {
            throw ApiException.invalid("q", "is required");
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw ApiException.invalid("q", "must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        LocalDate fromDate = date("from", from);
        LocalDate toDate = date("to", to);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            throw ApiException.invalid("from", "must not be after 'to'");
        }
        Query parsed;
        try {
            parsed = index.parse(query);
        } catch (SearchSyntax.Refused e) {
            throw ApiException.invalid("q", e.getMessage());
        }
        if (!ready) {
            throw ApiException.unavailable("The search index is being built", 5);
        }
        return index.search(parsed, new PaperIndex.Filter(fromDate, toDate), paging.limit(), paging.offset());
    }

    private static LocalDate date(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be a date as YYYY-MM-DD");
        }
    }
}
