package dev.paperrec.recommend;

import java.time.LocalDate;
import java.util.List;

/**
 * A catalogue paper as the engine sees it.
 *
 * @param publishedAt may be null: undated papers get no freshness boost or penalty
 * @param upvotes     upvotes counted outside this service (e.g. on the source page), used by trending
 * @param embedding   precomputed sentence embedding of the paper's text, or null when not available
 */
public record PaperRecord(String id, String title, String abstractText, List<String> authors, LocalDate publishedAt,
                          long upvotes, List<String> tags, float[] embedding) {

    public PaperRecord {
        title = title == null ? "" : title;
        abstractText = abstractText == null ? "" : abstractText;
        authors = authors == null ? List.of() : List.copyOf(authors);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
