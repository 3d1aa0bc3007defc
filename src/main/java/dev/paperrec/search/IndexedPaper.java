package dev.paperrec.search;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A live catalogue paper as the search index holds it.
 *
 * @param publishedAt may be null: an undated paper never matches a date filter
 * @param updatedAt   the row's version: a change is indexed only when it is newer than what the index holds
 */
public record IndexedPaper(String id, String title, String abstractText, List<String> authors, LocalDate publishedAt,
                           List<String> tags, String url, Instant updatedAt) {

    public IndexedPaper {
        title = title == null ? "" : title;
        abstractText = abstractText == null ? "" : abstractText;
        authors = authors == null ? List.of() : List.copyOf(authors);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
