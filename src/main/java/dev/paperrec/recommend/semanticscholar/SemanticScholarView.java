package dev.paperrec.recommend.semanticscholar;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/** The Semantic Scholar Recommendations API's request and answer, as that API documents them. */
public final class SemanticScholarView {

    private SemanticScholarView() {
    }

    /** Papers to recommend from ({@code positivePaperIds}) and away from ({@code negativePaperIds}). */
    public record PaperLists(List<String> positivePaperIds, List<String> negativePaperIds) {
    }

    /**
     * The answer. Each paper holds the fields asked for and only those, so it is a map rather than a record.
     * {@code unknownIds}, which that API lacks (it refuses unknown ids), lists the given ids the catalogue does not
     * hold, as given; it is left out when there are none, so that a full answer has that API's shape exactly.
     */
    public record RecommendedPapers(List<Map<String, Object>> recommendedPapers,
                                    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> unknownIds) {
    }

    /** An author; the catalogue has names only, so {@code authorId} is always null. */
    public record Author(String authorId, String name) {
    }
}
