package dev.paperrec.recommend;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperrec.common.error.ApiException;
import dev.paperrec.interaction.EventType;
import dev.paperrec.recommend.AnswerCache.PageKey;
import dev.paperrec.recommend.AnswerCache.RankingKey;
import dev.paperrec.recommend.api.RecommendationView;
import dev.paperrec.recommend.api.ViewRenderer;
import dev.paperrec.recommend.hybrid.LearnedBlend;
import dev.paperrec.recommend.hybrid.RecommendationModel;
import dev.paperrec.recommend.model.BuildStats;
import dev.paperrec.recommend.model.ChangeFeed;
import dev.paperrec.recommend.model.EventHorizon;
import dev.paperrec.recommend.model.InteractionRecord;
import dev.paperrec.recommend.model.ModelLifecycle;
import dev.paperrec.recommend.model.ModelSource;
import dev.paperrec.recommend.model.PaperRecord;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * Parameters are checked by {@link QueryParameters}, rankings and rendered answers kept by {@link AnswerCache}, and
 * answers made by {@link ViewRenderer}.
 */
@ApplicationScoped
public class RecommendationService {

    /** Extra candidates asked of the model so that papers withdrawn since its build can be dropped. */
    private static final int SLACK = 20;
    public static final int MAX_LIMIT = QueryParameters.MAX_LIMIT;
    public static final int MAX_OFFSET = QueryParameters.MAX_OFFSET;
    public static final int MAX_LIST_IDS = QueryParameters.MAX_LIST_IDS;

    private final ModelLifecycle lifecycle;
    private final ModelSource source;
    private final ChangeFeed feed;
    private final AnswerCache cache;
    private final ViewRenderer views;

    RecommendationService(ModelLifecycle lifecycle, ModelSource source, ChangeFeed feed, ObjectMapper mapper,
                          RecommendConfig config, MeterRegistry registry) {
        this.lifecycle = lifecycle;
        this.source = source;
        this.feed = feed;
        this.cache = new AnswerCache(config, registry);
        this.views = new ViewRenderer(source, feed, mapper);
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

    private Prepared<RecommendationView.Page> personal(String userId, Query query) {
        QueryParameters.Personal asked = QueryParameters.personal(userId, query, LocalDate.now(ZoneOffset.UTC));
        ModelLifecycle.Loaded loaded = loaded();
        long changes = feed.changes();
        boolean serving = feed.serving();
        boolean erased = lifecycle.erasedSinceBuild(userId);
        StaleReads reads = new StaleReads();
        List<InteractionRecord> recent = reads.orElse(
                () -> feed.eventsSince(userId, erased ? EventHorizon.NOTHING : loaded.events()), List::of);
        RecommendationRequest request = asked.request(erased, recent, SLACK);
        RecommendationModel model = loaded.model();
        RankingKey key = new RankingKey(model.version(), request);
        return new Prepared<>(key, changes, serving && !reads.stale(), () -> {
            List<RecommendedPaper> ranked = cache.ranking(key, k -> model.recommend(request));
            List<RecommendationView.Item> items = ViewRenderer.page(ranked,
                    views.live(loaded, model, ranked, null, reads), asked.offset(), asked.limit());
            return new RecommendationView.Page(userId, ViewRenderer.wire(asked.strategy()), model.version(),
                    reads.stale(), items);
        });
    }

    /**
     * Papers like {@code positive} and unlike {@code negative}, for no stored reader: the lists count as a reader's
     * upvotes and dismissals would, so a list ranks as a reader with only those events. Not cached: lists rarely
     * repeat.
     */
    public RecommendationView.FromLists fromLists(ListQuery query) {
        return fromLists(query, MAX_LIMIT);
    }

    /** {@link #fromLists(ListQuery)} with pages of up to {@code maxLimit} papers. */
    public RecommendationView.FromLists fromLists(ListQuery query, int maxLimit) {
        QueryParameters.Lists asked = QueryParameters.lists(query, LocalDate.now(ZoneOffset.UTC), maxLimit);
        ModelLifecycle.Loaded loaded = loaded();
        RecommendationModel model = loaded.model();
        StaleReads reads = new StaleReads();
        Map<String, String> resolved = resolve(model, asked, reads);
        List<String> unknown = new ArrayList<>();
        List<InteractionRecord> history = new ArrayList<>();
        Instant now = Instant.now();
        addEvents(asked.positive(), EventType.UPVOTE, resolved, now, history, unknown);
        addEvents(asked.negative(), EventType.DISMISS, resolved, now, history, unknown);
        RecommendationRequest request = new RecommendationRequest(null, history, asked.strategy(),
                asked.limit() + SLACK, 0, asked.since(), asked.tags(), Set.of());
        List<RecommendedPaper> ranked = model.recommend(request);
        List<RecommendationView.Item> items = ViewRenderer.page(ranked, views.live(loaded, model, ranked, null, reads),
                0, asked.limit());
        return new RecommendationView.FromLists(ViewRenderer.wire(asked.strategy()), model.version(), reads.stale(),
                items, unknown);
    }

    /** Query parameters of a list recommendation request, validated by {@link #fromLists}. */
    public record ListQuery(List<String> positive, List<String> negative, String text, Integer limit,
                            String strategy, String since, String tag) {
    }

    /** The catalogue id of each given id the catalogue holds: catalogue ids as given, arXiv ids and DOIs looked up. */
    private Map<String, String> resolve(RecommendationModel model, QueryParameters.Lists asked, StaleReads reads) {
        Map<String, String> found = new HashMap<>();
        List<String> external = new ArrayList<>();
        asked.references().forEach((given, reference) -> {
            if (model.knows(reference)) {
                found.put(given, reference);
            } else {
                external.add(reference);
            }
        });
        if (!external.isEmpty()) {
            Map<String, String> byReference = reads.orElse(() -> source.catalogueIds(external), Map::of);
            asked.references().forEach((given, reference) -> {
                String id = byReference.get(reference);
                if (id != null && model.knows(id)) {
                    found.put(given, id);
                }
            });
        }
        return found;
    }

    private static void addEvents(List<String> given, EventType type, Map<String, String> resolved, Instant at,
                                  List<InteractionRecord> history, List<String> unknown) {
        for (String id : given) {
            String paper = resolved.get(id);
            if (paper == null) {
                unknown.add(id);
            } else {
                history.add(new InteractionRecord(null, paper, type, at));
            }
        }
    }

    /** Papers like one paper, as the JSON the API sends. */
    public byte[] similarJson(String paperId, String strategyName, int limit) {
        QueryParameters.Similar asked = QueryParameters.similar(paperId, strategyName, limit);
        Strategy strategy = asked.strategy();
        ModelLifecycle.Loaded loaded = loaded();
        long changes = feed.changes();
        boolean serving = feed.serving();
        RecommendationModel model = loaded.model();
        StaleReads reads = new StaleReads();
        boolean added = !model.knows(paperId);
        if (added) {
            List<PaperRecord> paper = reads.orElse(() -> source.papers(List.of(paperId)), List::of);
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
                    : cache.ranking(key, k -> ranking.similar(paperId, strategy, limit + SLACK, Set.of()));
            // One lookup answers both whether the paper itself is still live and which of its neighbours are.
            Function<String, ModelSource.PaperSummary> live = views.live(loaded, ranking, ranked, paperId, reads);
            if (!added && live.apply(paperId) == null) {
                throw new ApiException(410, "Gone", "Paper '" + paperId + "' has been withdrawn");
            }
            List<RecommendationView.Item> items = ViewRenderer.page(ranked, live, 0, limit);
            return new RecommendationView.Similar(paperId, ViewRenderer.wire(strategy), ranking.version(),
                    reads.stale(), items);
        });
        return json(new PageKey(paperId, key, 0), p, RecommendationView.Similar::stale);
    }

    /** The trending list, as the JSON the API sends. */
    public byte[] trendingJson(String window, int limit) {
        QueryParameters.Trending asked = QueryParameters.trending(window, limit);
        Duration span = asked.window();
        ModelLifecycle.Loaded loaded = loaded();
        long changes = feed.changes();
        boolean serving = feed.serving();
        // Everyone gets the same list: it is ranked at most once a minute per window. The model holds no event
        // newer than its build, so a clock moved back to the minute's start, but not before the build, misses none.
        RecommendationModel model = loaded.model();
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant at = minute.isBefore(model.builtAt()) ? model.builtAt() : minute;
        RankingKey key = new RankingKey(model.version(), new TrendingRequest(span, at, limit + SLACK));
        Prepared<RecommendationView.Trending> p = new Prepared<>(key, changes, serving, () -> {
            List<RecommendedPaper> ranked = cache.ranking(key, k -> model.trending(span, at, limit + SLACK, Set.of()));
            StaleReads reads = new StaleReads();
            List<RecommendationView.Item> items = ViewRenderer.page(ranked,
                    views.live(loaded, model, ranked, null, reads), 0, limit);
            return new RecommendationView.Trending(asked.name(), model.version(), reads.stale(), items);
        });
        return json(new PageKey(null, key, 0), p, RecommendationView.Trending::stale);
    }

    /**
     * The answer's JSON: from the page cache when it was rendered in the same change-feed state (so no paper it
     * shows changed since), else rendered now and kept unless it is stale. Jackson is most of a cached answer's cost.
     */
    private <T> byte[] json(PageKey key, Prepared<T> prepared, Predicate<T> isStale) {
        if (prepared.cacheable()) {
            byte[] kept = cache.page(key, prepared.changes());
            if (kept != null) {
                return kept;
            }
        }
        T answer = prepared.answer().get();
        byte[] json = views.json(answer);
        if (prepared.cacheable() && !isStale.test(answer)) {
            cache.keepPage(key, prepared.changes(), json);
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

    /** The first publication date a {@code since} parameter admits; see {@link QueryParameters#since}. */
    public static LocalDate since(String value, LocalDate today) {
        return QueryParameters.since(value, today);
    }
}
