package dev.paperrec.recommend;

import dev.paperrec.common.api.Ids;
import dev.paperrec.common.db.DatabaseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.paperrec.common.error.ApiException;
import dev.paperrec.recommend.hybrid.LearnedBlend;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
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
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one facade the rest of the service calls for recommendations. It answers from the in-memory model plus two
 * things newer than it: the user's events (so a new event counts at once) and which candidates are still live (so
 * a withdrawn paper never shows). Both come from the {@link ChangeFeed} while it listens, else from PostgreSQL.
 */
@ApplicationScoped
public class RecommendationService {

    /** Extra candidates asked of the model so that papers withdrawn since its build can be dropped. */
    private static final int SLACK = 20;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 1000;
    private static final Duration SHORTEST_WINDOW = Duration.ofHours(1);
    private static final Duration LONGEST_WINDOW = Duration.ofDays(365);
    private static final long MAX_SINCE_DAYS = 36_500;

    private final ModelLifecycle lifecycle;
    private final ModelSource source;
    private final ChangeFeed feed;
    private final ObjectMapper mapper;
    /** Rendered answers, bounded by their total size in bytes; see {@link #json}. */
    private final Cache<PageKey, Rendered> pages;
    /**
     * Rankings by model version and everything the ranking depends on. The engine is deterministic for a model, so
     * an entry is exact until the model changes; the live-paper filter runs on every answer rendered from one.
     */
    private final Cache<RankingKey, List<RecommendedPaper>> rankings;

    RecommendationService(ModelLifecycle lifecycle, ModelSource source, ChangeFeed feed, ObjectMapper mapper,
                          RecommendConfig config, MeterRegistry registry) {
        this.lifecycle = lifecycle;
        this.source = source;
        this.feed = feed;
        this.mapper = mapper;
        this.pages = Caffeine.newBuilder().maximumWeight(config.pageCacheBytes())
                .<PageKey, Rendered>weigher((k, v) -> v.json().length + 200).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, pages, "paperrec.pages");
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
        return personal(userId, query).answer().get();
    }

    /** {@link #recommend} as the JSON the API sends, repeated from memory while nothing it shows can have changed. */
    public byte[] recommendJson(String userId, Query query) {
        Prepared<RecommendationView.Page> p = personal(userId, query);
        return json(new PageKey(userId, p.key(), query.offset()), p, RecommendationView.Page::stale);
    }

    /** A request validated and read up to the ranking: what the page depends on, and how to make it. */
    private record Prepared<T>(RankingKey key, long changes, boolean cacheable, Supplier<T> answer) {
    }

    /** A rendered page: the ranking it shows, and whose page and which part of the ranking it is. */
    private record PageKey(String subject, RankingKey ranking, int offset) {
    }

    /** A page's JSON and the change-feed state it was rendered in. */
    private record Rendered(long changes, byte[] json) {
    }

    private Prepared<RecommendationView.Page> personal(String userId, Query query) {
        Ids.requireUserId("userId", userId);
        Strategy strategy = strategy(query.strategy(), true);
        checkPage(query.limit(), query.offset());
        LocalDate since = since(query.since(), LocalDate.now(ZoneOffset.UTC));
        Set<String> tags = query.tag() == null || query.tag().isBlank() ? Set.of() : Set.of(tag(query.tag()));
        ModelLifecycle.Loaded loaded = loaded();
        long changes = feed.changes();
        boolean serving = feed.serving();
        boolean erased = lifecycle.erasedSinceBuild(userId);
        Stale stale = new Stale();
        List<InteractionRecord> recent = stale.orElse(
                () -> feed.eventsSince(userId, erased ? EventHorizon.NOTHING : loaded.events()), List::of);
        RecommendationRequest request = new RecommendationRequest(erased ? null : userId, recent, strategy,
                query.offset() + query.limit() + SLACK, 0, since, tags, Set.of());
        RecommendationModel model = loaded.model();
        RankingKey key = new RankingKey(model.version(), request);
        return new Prepared<>(key, changes, serving && !stale.flag, () -> {
            List<RecommendedPaper> ranked = rankings.get(key, k -> model.recommend(request));
            List<RecommendationView.Item> items = page(ranked, live(loaded, model, ranked, null, stale),
                    query.offset(), query.limit());
            return new RecommendationView.Page(userId, wire(strategy), model.version(), stale.flag, items);
        });
    }

    /** Papers like one paper, as the JSON the API sends. */
    public byte[] similarJson(String paperId, String strategyName, int limit) {
        Ids.requirePaperId("paperId", paperId);
        Strategy strategy = strategy(strategyName, false);
        checkPage(limit, 0);
        ModelLifecycle.Loaded loaded = loaded();
        long changes = feed.changes();
        boolean serving = feed.serving();
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
        RankingKey key = new RankingKey(model.version(), new SimilarRequest(paperId, strategy, limit + SLACK));
        // A paper added just now lives in a copy of the model made for this request only: not cached.
        Prepared<RecommendationView.Similar> p = new Prepared<>(key, changes, serving && !added, () -> {
            List<RecommendedPaper> ranked = added ? ranking.similar(paperId, strategy, limit + SLACK, Set.of())
                    : rankings.get(key, k -> ranking.similar(paperId, strategy, limit + SLACK, Set.of()));
            // One lookup answers both whether the paper itself is still live and which of its neighbours are.
            Function<String, ModelSource.PaperSummary> live = live(loaded, ranking, ranked, paperId, stale);
            if (!added && live.apply(paperId) == null) {
                throw new ApiException(410, "Gone", "Paper '" + paperId + "' has been withdrawn");
            }
            List<RecommendationView.Item> items = page(ranked, live, 0, limit);
            return new RecommendationView.Similar(paperId, wire(strategy), ranking.version(), stale.flag, items);
        });
        return json(new PageKey(paperId, key, 0), p, RecommendationView.Similar::stale);
    }

    /** The trending list, as the JSON the API sends. */
    public byte[] trendingJson(String window, int limit) {
        Duration span = window(window);
        checkPage(limit, 0);
        ModelLifecycle.Loaded loaded = loaded();
        long changes = feed.changes();
        boolean serving = feed.serving();
        // Everyone gets the same list: it is ranked at most once a minute per window. The model holds no event
        // newer than its build, so a clock moved back to the minute's start, but not before the build, misses none.
        RecommendationModel model = loaded.model();
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant at = minute.isBefore(model.builtAt()) ? model.builtAt() : minute;
        RankingKey key = new RankingKey(model.version(), new TrendingRequest(span, at, limit + SLACK));
        String name = span.toSeconds() % 86_400 == 0 ? "P" + span.toDays() + "D" : span.toString();
        Prepared<RecommendationView.Trending> p = new Prepared<>(key, changes, serving, () -> {
            List<RecommendedPaper> ranked = rankings.get(key, k -> model.trending(span, at, limit + SLACK, Set.of()));
            Stale stale = new Stale();
            List<RecommendationView.Item> items = page(ranked, live(loaded, model, ranked, null, stale), 0, limit);
            return new RecommendationView.Trending(name, model.version(), stale.flag, items);
        });
        return json(new PageKey(null, key, 0), p, RecommendationView.Trending::stale);
    }

    /**
     * The answer's JSON: from the page cache when it was rendered in the same change-feed state (so no paper it
     * shows changed since), else rendered now and kept unless it is stale. Jackson is most of a cached answer's cost.
     */
    private <T> byte[] json(PageKey key, Prepared<T> prepared, Predicate<T> isStale) {
        if (prepared.cacheable()) {
            Rendered rendered = pages.getIfPresent(key);
            if (rendered != null && rendered.changes() == prepared.changes()) {
                return rendered.json();
            }
        }
        T answer = prepared.answer().get();
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not render a recommendation answer", e);
        }
        if (prepared.cacheable() && !isStale.test(answer)) {
            pages.put(key, new Rendered(prepared.changes(), json));
        }
        return json;
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
     * {@code computed} or {@code database}, and {@code neighbourBatch} the batch loaded (null when computed);
     * {@code citationBatch} likewise for the citation neighbours.
     */
    public record ModelInfo(String version, Instant builtAt, long buildMillis, int papers, int users, long events,
                            long collaborativeNeighbours, String collaborativeSource, Long neighbourBatch,
                            int vocabulary, int embeddedPapers, long references, long citationLinks,
                            long citationNeighbours, Long citationBatch, long lastEventId, EngineSettings settings,
                            LearnedBlend blend) {
        static ModelInfo of(ModelLifecycle.Loaded loaded) {
            BuildStats s = loaded.model().stats();
            return new ModelInfo(loaded.model().version(), loaded.model().builtAt(), s.buildMillis(), s.papers(),
                    s.users(), s.events(), s.collaborativeNeighbours(), s.collaborativeSource().wireName(),
                    s.neighbourBatch(), s.vocabulary(), s.embeddedPapers(), s.references(), s.citationLinks(),
                    s.citationNeighbours(), s.citationBatch(), loaded.events().lastEventId(),
                    loaded.model().settings(), loaded.model().blend());
        }
    }

    private ModelLifecycle.Loaded loaded() {
        return lifecycle.current().orElseThrow(() ->
                ApiException.unavailable("The recommendation model is still being built; retry shortly", 10));
    }

    /**
     * Titles and dates of the live papers among {@code ranked} (and {@code also}, when not null), null for any paper
     * no longer live: from the change feed while it listens; else which are live, their dates and any title
     * changed since the build from the database, other titles from the model; all from the model while the
     * database is unreachable (then a paper withdrawn since the build may show, and the answer says stale).
     */
    private Function<String, ModelSource.PaperSummary> live(ModelLifecycle.Loaded loaded, RecommendationModel model,
                                                           List<RecommendedPaper> ranked, String also, Stale stale) {
        if (feed.serving()) {
            Function<String, ModelSource.PaperSummary> known = stale.orElse(() -> feed.summaries(loaded, model),
                    () -> null);
            if (known != null) {
                return known;
            }
        }
        List<String> ids = new ArrayList<>(ranked.size() + 1);
        ranked.forEach(p -> ids.add(p.paperId()));
        if (also != null) {
            ids.add(also);
        }
        // A paper last changed a margin before the build is in the model as it is now: its title can come from there.
        Instant unchangedSince = model.builtAt().minus(ChangeFeed.COMMIT_MARGIN);
        Map<String, ModelSource.PaperSummary> live = stale.orElse(
                () -> source.liveSummaries(ids, unchangedSince, model::title), () -> {
                    Map<String, ModelSource.PaperSummary> fromModel = new HashMap<>();
                    ids.forEach(id -> fromModel.put(id,
                            new ModelSource.PaperSummary(id, model.title(id), model.publishedAt(id))));
                    return fromModel;
                });
        return live::get;
    }

    /** Keeps live papers only, then cuts the page. */
    private static List<RecommendationView.Item> page(List<RecommendedPaper> ranked,
                                                      Function<String, ModelSource.PaperSummary> live, int offset,
                                                      int limit) {
        List<RecommendationView.Item> items = new ArrayList<>(limit);
        int skipped = 0;
        for (RecommendedPaper p : ranked) {
            ModelSource.PaperSummary summary = live.apply(p.paperId());
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
        String allowed = trendingAllowed ? "hybrid, content, citation, collaborative or trending"
                : "hybrid, content, citation or collaborative";
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

    /**
     * The first publication date a {@code since} parameter admits: a date as written, or an ISO duration counted
     * back from {@code today} (UTC), so that {@code P1D} admits yesterday's and today's papers and {@code P0D} only
     * today's. Papers are dated by day: a duration in hours counts back whole days.
     */
    static LocalDate since(String value, LocalDate today) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        try {
            if (!v.startsWith("P")) {
                return LocalDate.parse(v);
            }
            long days = v.contains("T") ? wholeDays(Duration.parse(v))
                    : ChronoUnit.DAYS.between(today.minus(Period.parse(v)), today);
            if (days < 0 || days > MAX_SINCE_DAYS) {
                throw ApiException.invalid("since", "a duration must be between P0D and P" + MAX_SINCE_DAYS + "D");
            }
            return today.minusDays(days);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ApiException.invalid("since", "'" + value + "' is neither a date such as 2024-05-01 nor a duration "
                    + "such as P1D or P7D");
        }
    }

    /** Days a duration spans, a part day counting as a day; negative for a negative duration. */
    private static long wholeDays(Duration d) {
        return d.isNegative() ? -1 : (d.toSeconds() + 86_399) / 86_400;
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
