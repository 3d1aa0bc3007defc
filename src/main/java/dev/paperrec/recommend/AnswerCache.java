package dev.paperrec.recommend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import java.util.List;
import java.util.function.Function;

/**
 * Rankings and rendered answers kept in memory ({@link RecommendConfig#rankingCacheSize()},
 * {@link RecommendConfig#pageCacheBytes()}), their hits and misses in the metrics as {@code paperrec.rankings} and
 * {@code paperrec.pages}.
 */
final class AnswerCache {

    /** What a cached ranking was computed from; {@code request} is a record, so equal requests share an entry. */
    record RankingKey(String modelVersion, Object request) {
    }

    /** A rendered page: the ranking it shows, and whose page and which part of the ranking it is. */
    record PageKey(String subject, RankingKey ranking, int offset) {
    }

    /** A page's JSON and the change-feed state it was rendered in. */
    private record Rendered(long changes, byte[] json) {
    }

    /** Rendered answers, bounded by their total size in bytes. */
    private final Cache<PageKey, Rendered> pages;
    /**
     * Rankings by model version and everything the ranking depends on. The engine is deterministic for a model, so
     * an entry is exact until the model changes; the live-paper filter runs on every answer rendered from one.
     */
    private final Cache<RankingKey, List<RecommendedPaper>> rankings;

    AnswerCache(RecommendConfig config, MeterRegistry registry) {
        this.pages = Caffeine.newBuilder().maximumWeight(config.pageCacheBytes())
                .<PageKey, Rendered>weigher((k, v) -> v.json().length + 200).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, pages, "paperrec.pages");
        this.rankings = Caffeine.newBuilder().maximumSize(config.rankingCacheSize()).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, rankings, "paperrec.rankings");
    }

    List<RecommendedPaper> ranking(RankingKey key, Function<RankingKey, List<RecommendedPaper>> rank) {
        return rankings.get(key, rank);
    }

    /**
     * The page's JSON if it was rendered in change-feed state {@code changes}, so that no paper it shows changed
     * since; else null.
     */
    byte[] page(PageKey key, long changes) {
        Rendered rendered = pages.getIfPresent(key);
        return rendered != null && rendered.changes() == changes ? rendered.json() : null;
    }

    void keepPage(PageKey key, long changes, byte[] json) {
        pages.put(key, new Rendered(changes, json));
    }
}
