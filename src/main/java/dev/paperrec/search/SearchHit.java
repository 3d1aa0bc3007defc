package dev.paperrec.search;

import java.time.LocalDate;
import java.util.List;

/**
 * One search result.
 *
 * @param score      BM25 relevance; only its order within one answer means anything
 * @param highlights the title and the best abstract passages with the matched words in {@code <b>}; text is
 *                   HTML-escaped. A field without a match is absent.
 */
public record SearchHit(String id, String title, List<String> authors, LocalDate publishedAt, List<String> tags,
                        String url, float score, Highlights highlights) {

    /** Matched words marked in {@code <b>}; null when the field has no match. */
    public record Highlights(String title, String abstractText) {
    }
}
