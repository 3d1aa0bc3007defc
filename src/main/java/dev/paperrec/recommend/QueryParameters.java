package dev.paperrec.recommend;

import dev.paperrec.common.api.Ids;
import dev.paperrec.common.api.ReferenceIds;
import dev.paperrec.common.error.ApiException;
import dev.paperrec.recommend.model.InteractionRecord;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The recommendation endpoints' parameters, checked and parsed before any model is read: a bad one is a 400
 * problem+json naming it.
 */
final class QueryParameters {

    static final int MAX_LIMIT = 100;
    static final int MAX_OFFSET = 1000;
    /** Ids a list request may name, positive and negative together. */
    static final int MAX_LIST_IDS = 500;
    /** Characters of free text a list request may carry. */
    static final int MAX_TEXT = 10_000;
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    private static final Duration SHORTEST_WINDOW = Duration.ofHours(1);
    private static final Duration LONGEST_WINDOW = Duration.ofDays(365);
    private static final long MAX_SINCE_DAYS = 36_500;

    private QueryParameters() {
    }

    /** A personal page asked for, in the engine's terms. */
    record Personal(String userId, Strategy strategy, int limit, int offset, LocalDate since, Set<String> tags) {

        /**
         * The engine's request for this page and {@code slack} papers past it; {@code erased}: the user was erased
         * since the build, so the model's history of them must not count.
         */
        RecommendationRequest request(boolean erased, List<InteractionRecord> recent, int slack) {
            return new RecommendationRequest(erased ? null : userId, recent, strategy, offset + limit + slack, 0,
                    since, tags, Set.of());
        }
    }

    /**
     * Recommendations from lists, asked for.
     *
     * @param references each given id with its stored reference form (a catalogue id, {@code arXiv:} or
     *                   {@code doi:}); ids that do not parse are not in it and are reported unknown
     */
    record Lists(List<String> positive, List<String> negative, Map<String, String> references, Strategy strategy,
                 int limit, LocalDate since, Set<String> tags) {
    }

    /** Papers like one paper, asked for. */
    record Similar(String paperId, Strategy strategy, int limit) {
    }

    /** The trending list, asked for. */
    record Trending(Duration window, int limit) {

        /** The window as the answer names it: whole days as {@code P7D}, else as ISO-8601 has it. */
        String name() {
            return window.toSeconds() % 86_400 == 0 ? "P" + window.toDays() + "D" : window.toString();
        }
    }

    static Personal personal(String userId, RecommendationService.Query query, LocalDate today) {
        Ids.requireUserId("userId", userId);
        Strategy strategy = strategy(query.strategy(), true);
        checkPage(query.limit(), query.offset());
        LocalDate since = since(query.since(), today);
        Set<String> tags = query.tag() == null || query.tag().isBlank() ? Set.of() : Set.of(tag(query.tag()));
        return new Personal(userId, strategy, query.limit(), query.offset(), since, tags);
    }

    /** {@code maxLimit}: the largest page the endpoint allows ({@link #MAX_LIMIT} for our own API). */
    static Lists lists(RecommendationService.ListQuery query, LocalDate today, int maxLimit) {
        List<String> positive = query.positive() == null ? List.of() : query.positive();
        List<String> negative = query.negative() == null ? List.of() : query.negative();
        if (positive.size() + negative.size() > MAX_LIST_IDS) {
            throw ApiException.invalid("positive", "positive and negative hold at most " + MAX_LIST_IDS
                    + " ids together, got " + (positive.size() + negative.size()));
        }
        if (positive.isEmpty()) {
            throw ApiException.invalid("positive", "needs at least one paper id");
        }
        if (query.text() != null && query.text().length() > MAX_TEXT) {
            throw ApiException.invalid("text", "must be at most " + MAX_TEXT + " characters");
        }
        if (query.text() != null && !query.text().isBlank()) {
            throw ApiException.invalid("text", "free text is not supported yet; give paper ids");
        }
        Map<String, String> references = new LinkedHashMap<>();
        for (String id : concat(positive, negative)) {
            if (id == null) {
                throw ApiException.invalid("positive", "ids must not be null");
            }
            ReferenceIds.Parsed parsed = ReferenceIds.parse(id);
            if (parsed.valid()) {
                references.put(id, parsed.id());
            }
        }
        int limit = query.limit() == null ? 10 : query.limit();
        checkPage(limit, 0, maxLimit);
        Strategy strategy = strategy(query.strategy(), false);
        Set<String> tags = query.tag() == null || query.tag().isBlank() ? Set.of() : Set.of(tag(query.tag()));
        return new Lists(positive, negative, references, strategy, limit, since(query.since(), today), tags);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static Similar similar(String paperId, String strategyName, int limit) {
        Ids.requirePaperId("paperId", paperId);
        Strategy strategy = strategy(strategyName, false);
        checkPage(limit, 0);
        return new Similar(paperId, strategy, limit);
    }

    static Trending trending(String window, int limit) {
        Duration span = window(window);
        checkPage(limit, 0);
        return new Trending(span, limit);
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

    private static void checkPage(int limit, int offset) {
        checkPage(limit, offset, MAX_LIMIT);
    }

    private static void checkPage(int limit, int offset, int maxLimit) {
        if (limit < 1 || limit > maxLimit) {
            throw ApiException.invalid("limit", "must be between 1 and " + maxLimit + ", got " + limit);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw ApiException.invalid("offset", "must be between 0 and " + MAX_OFFSET + ", got " + offset);
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
            return DEFAULT_WINDOW;
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
