package dev.paperrec.recommend;

import dev.paperrec.common.api.Ids;
import dev.paperrec.common.db.DatabaseException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.paperrec.common.error.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The one facade the rest of the service calls for recommendations. It answers from the in-memory model and
 * reads two things per request from PostgreSQL: the user's events newer than the model (so a new event counts at
 * once, on every replica) and which candidates are still live (so a withdrawn paper never shows).
 */
@ApplicationScoped
public class RecommendationService {

    /** Extra candidates asked of the model so that papers withdrawn since its build can be dropped. */
    private static final int SLACK = 20;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 1000;
    private static final Duration SHORTEST_WINDOW = Duration.ofHours(1);
    private static final Duration LONGEST_WINDOW = Duration.ofDays(365);
    /**
     * A paper last changed this long before the model's build is in the model as it is now, so its title can come
     * from the model; the margin covers writes that committed while the build read its snapshot.
     */
    private static final Duration TITLES_SETTLED = Duration.ofMinutes(10);

    private final ModelLifecycle lifecycle;
    private final ModelSource source;
    /**
     * Rankings by model version and everything the ranking depends on. The engine is deterministic for a model, so
     * an entry is exact until the model changes; the live-paper filter still runs on every answer.
     */
    private final Cache<RankingKey, List<RecommendedPaper>> rankings;

    RecommendationService(ModelLifecycle lifecycle, ModelSource source, RecommendConfig config,
                          MeterRegistry registry) {
        this.lifecycle = lifecycle;
        this.source = source;
        this.rankings = Caffeine.newBuilder().maximumSize(config.rankingCacheSize()).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, rankings, "paperrec.rankings");
    }

    /** What a cached ranking was computed from; {@code request} is a record, so equal requests share an entry. */
    private record RankingKey(String modelVersion, Object request) {
    }

    private record SimilarRequest(String paperId, Strategy strategy, int limit) {
    }

    private record TrendingRequest(Duration window, Instant at, int limit) {
    }

    /** Query parameters of a personal recommendation request, validated by {@link #recommend}. */
    public record Query(String strategy, int limit, int offset, String since, String tag) {
    }

    public RecommendationView.Page recommend(String userId, Query query) {
        Ids.requireUserId("userId", userId);
        Strategy strategy = strategy(query.strategy(), true);
        checkPage(query.limit(), query.offset());
        LocalDate since = date("since", query.since());
        Set<String> tags = query.tag() == null || query.tag().isBlank() ? Set.of() : Set.of(tag(query.tag()));
        ModelLifecycle.Loaded loaded = loaded();
        boolean erased = lifecycle.erasedSinceBuild(userId);
        Stale stale = new Stale();
        List<InteractionRecord> recent = stale.orElse(
                () -> source.eventsSince(userId, erased ? 0 : loaded.lastEventId()), List::of);
        RecommendationRequest request = new RecommendationRequest(erased ? null : userId, recent, strategy,
                query.offset() + query.limit() + SLACK, 0, since, tags, Set.of());
        RecommendationModel model = loaded.model();
        List<RecommendedPaper> ranked = rankings.get(new RankingKey(model.version(), request),
                k -> model.recommend(request));
        List<RecommendationView.Item> items = page(ranked, live(loaded.model(), ids(ranked), stale), query.offset(),
                query.limit());
        return new RecommendationView.Page(userId, wire(strategy), loaded.model().version(), stale.flag, items);
    }

    public RecommendationView.Similar similar(String paperId, String strategyName, int limit) {
        Ids.requirePaperId("paperId", paperId);
        Strategy strategy = strategy(strategyName, false);
        checkPage(limit, 0);
        ModelLifecycle.Loaded loaded = loaded();
        RecommendationModel model = loaded.model();
        Stale stale = new Stale();
        boolean added = !model.knows(paperId);
        if (added) {
            List<PaperRecord> paper = stale.orElse(() -> source.papers(List.of(paperId)), List::of);
            if (paper.isEmpty()) {
                throw ApiException.notFound("Paper", paperId);
            }
            // Added after the build and not yet seen by this replica: similar-able at once all the same.
            model = model.withPaper(paper.get(0));
        }
        RecommendationModel ranking = model;
        // A paper added just now lives in a copy of the model made for this request only: not cached.
        List<RecommendedPaper> ranked = added ? model.similar(paperId, strategy, limit + SLACK, Set.of())
                : rankings.get(new RankingKey(model.version(), new SimilarRequest(paperId, strategy, limit + SLACK)),
                        k -> ranking.similar(paperId, strategy, limit + SLACK, Set.of()));
        // One lookup answers both whether the paper itself is still live and which of its neighbours are.
        List<String> ids = new ArrayList<>(ids(ranked));
        ids.add(paperId);
        Map<String, ModelSource.PaperSummary> live = live(model, ids, stale);
        if (!added && !live.containsKey(paperId)) {
            throw new ApiException(410, "Gone", "Paper '" + paperId + "' has been withdrawn");
        }
        List<RecommendationView.Item> items = page(ranked, live, 0, limit);
        return new RecommendationView.Similar(paperId, wire(strategy), model.version(), stale.flag, items);
    }

    public RecommendationView.Trending trending(String window, int limit) {
        Duration span = window(window);
        checkPage(limit, 0);
        ModelLifecycle.Loaded loaded = loaded();
        // Everyone gets the same list: it is ranked at most once a minute per window. The model holds no event
        // newer than its build, so a clock moved back to the minute's start, but not before the build, misses none.
        RecommendationModel model = loaded.model();
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant at = minute.isBefore(model.builtAt()) ? model.builtAt() : minute;
        List<RecommendedPaper> ranked = rankings.get(new RankingKey(model.version(),
                new TrendingRequest(span, at, limit + SLACK)), k -> model.trending(span, at, limit + SLACK, Set.of()));
        String name = span.toSeconds() % 86_400 == 0 ? "P" + span.toDays() + "D" : span.toString();
        Stale stale = new Stale();
        List<RecommendationView.Item> items = page(ranked, live(loaded.model(), ids(ranked), stale), 0, limit);
        return new RecommendationView.Trending(name, loaded.model().version(), stale.flag, items);
    }

    /** What the current model holds, or empty before the first build. */
    public Optional<ModelInfo> model() {
        return lifecycle.current().map(ModelInfo::of);
    }

    /** Rebuilds now; waits up to {@code waitSeconds} for the new model (0: returns at once). */
    public Optional<ModelInfo> rebuild(int waitSeconds) {
        var build = lifecycle.rebuild();
        if (waitSeconds <= 0) {
            return model();
        }
        try {
            return Optional.of(ModelInfo.of(build.get(waitSeconds, TimeUnit.SECONDS)));
        } catch (TimeoutException e) {
            return model();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while waiting for the model", 5);
        } catch (ExecutionException e) {
            throw ApiException.unavailable("The model build failed: " + e.getCause().getMessage(), 30);
        }
    }

    /**
     * The model's size and age, as {@code GET /admin/model} shows it; {@code collaborativeSource} is
     * {@code computed} or {@code database}, and {@code neighbourBatch} the batch loaded (null when computed).
     */
    public record ModelInfo(String version, Instant builtAt, long buildMillis, int papers, int users, long events,
                            long collaborativeNeighbours, String collaborativeSource, Long neighbourBatch,
                            int vocabulary, int embeddedPapers, long lastEventId, EngineSettings settings) {
        static ModelInfo of(ModelLifecycle.Loaded loaded) {
            BuildStats s = loaded.model().stats();
            return new ModelInfo(loaded.model().version(), loaded.model().builtAt(), s.buildMillis(), s.papers(),
                    s.users(), s.events(), s.collaborativeNeighbours(), s.collaborativeSource().wireName(),
                    s.neighbourBatch(), s.vocabulary(), s.embeddedPapers(), loaded.lastEventId(),
                    loaded.model().settings());
        }
    }

    private ModelLifecycle.Loaded loaded() {
        return lifecycle.current().orElseThrow(() ->
                ApiException.unavailable("The recommendation model is still being built; retry shortly", 10));
    }

    private static List<String> ids(List<RecommendedPaper> ranked) {
        return ranked.stream().map(RecommendedPaper::paperId).toList();
    }

    /**
     * Titles and dates of the live papers among {@code ids}: which are live, their dates and any title changed since
     * the build from the database, other titles from the model; all from the model while the database is
     * unreachable (then a paper withdrawn since the build may show, and the answer says stale).
     */
    private Map<String, ModelSource.PaperSummary> live(RecommendationModel model, List<String> ids, Stale stale) {
        Instant unchangedSince = model.builtAt().minus(TITLES_SETTLED);
        return stale.orElse(() -> source.liveSummaries(ids, unchangedSince, model::title), () -> {
            Map<String, ModelSource.PaperSummary> known = new HashMap<>();
            ids.forEach(id -> known.put(id, new ModelSource.PaperSummary(id, model.title(id), model.publishedAt(id))));
            return known;
        });
    }

    /** Keeps live papers only, then cuts the page. */
    private static List<RecommendationView.Item> page(List<RecommendedPaper> ranked,
                                                      Map<String, ModelSource.PaperSummary> live, int offset, int limit) {
        List<RecommendationView.Item> items = new ArrayList<>(limit);
        int skipped = 0;
        for (RecommendedPaper p : ranked) {
            ModelSource.PaperSummary summary = live.get(p.paperId());
            if (summary == null) {
                continue;
            }
            if (skipped++ < offset) {
                continue;
            }
            items.add(new RecommendationView.Item(p.paperId(), summary.title(), summary.publishedAt(),
                    RecommendationView.round(p.score()),
                    p.reasons().stream().map(RecommendationView.ReasonView::of).toList()));
            if (items.size() == limit) {
                break;
            }
        }
        return items;
    }

    /**
     * Reads from PostgreSQL that may fall back to the model alone when the database is unreachable; the answer is
     * then marked stale. Errors that retrying cannot fix still propagate.
     */
    private static final class Stale {
        private boolean flag;

        <T> T orElse(Supplier<T> read, Supplier<T> fallback) {
            try {
                return read.get();
            } catch (DatabaseException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                flag = true;
                return fallback.get();
            }
        }
    }

    private static Strategy strategy(String name, boolean trendingAllowed) {
        if (name == null || name.isBlank()) {
            return Strategy.HYBRID;
        }
        String allowed = trendingAllowed ? "hybrid, content, collaborative or trending" : "hybrid, content or collaborative";
        try {
            Strategy s = Strategy.valueOf(name.trim().toUpperCase(Locale.ROOT));
            if (s == Strategy.TRENDING && !trendingAllowed) {
                throw ApiException.invalid("strategy", "must be " + allowed);
            }
            return s;
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("strategy", "unknown strategy '" + name + "'; must be " + allowed);
        }
    }

    private static String wire(Strategy s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private static void checkPage(int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw ApiException.invalid("offset", "must be between 0 and " + MAX_OFFSET + ", got " + offset);
        }
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "'" + value + "' is not a date such as 2024-05-01");
        }
    }

    private static String tag(String tag) {
        if (tag.length() > 100) {
            throw ApiException.invalid("tag", "must be at most 100 characters");
        }
        return tag.trim();
    }

    private static Duration window(String value) {
        if (value == null || value.isBlank()) {
            return Duration.ofDays(7);
        }
        Duration d;
        try {
            d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("window", "'" + value + "' is not an ISO-8601 duration such as P1D, P7D or P30D");
        }
        if (d.compareTo(SHORTEST_WINDOW) < 0 || d.compareTo(LONGEST_WINDOW) > 0) {
            throw ApiException.invalid("window", "must be between PT1H and P365D");
        }
        return d;
    }
}
