package dev.paperrec.recommend;

import dev.paperrec.recommend.model.InteractionRecord;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One page of recommendations for one user.
 *
 * @param history  the user's recent events as stored now; they count even when the model predates them
 * @param since    if set, only papers published on or after this date (undated papers are then left out)
 * @param tags     if not empty, only papers carrying at least one of these tags
 * @param excludes papers never to return, e.g. withdrawn ones
 */
public record RecommendationRequest(String userId, List<InteractionRecord> history, Strategy strategy, int limit,
                                    int offset, LocalDate since, Set<String> tags, Set<String> excludes) {

    public RecommendationRequest {
        history = history == null ? List.of() : history;
        strategy = strategy == null ? Strategy.HYBRID : strategy;
        tags = tags == null ? Set.of() : tags;
        excludes = excludes == null ? Set.of() : excludes;
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative");
        }
    }

    public static RecommendationRequest of(String userId, List<InteractionRecord> history, Strategy strategy,
                                           int limit) {
        return new RecommendationRequest(userId, history, strategy, limit, 0, null, Set.of(), Set.of());
    }
}
