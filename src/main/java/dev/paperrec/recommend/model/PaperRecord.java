package dev.paperrec.recommend.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A catalogue paper as the engine sees it.
 *
 * @param publishedAt may be null: undated papers get no freshness boost or penalty
 * @param upvotes     upvotes counted outside this service (e.g. on the source page), used by trending
 * @param embedding   precomputed sentence embedding of the paper's text, or null when not available
 * @param url         the paper's page, or null; an arxiv.org or doi.org URL lets references by arXiv id or DOI find it
 * @param references  the works it cites, in the stored form of {@code ReferenceIds}
 */
public record PaperRecord(String id, String title, String abstractText, List<String> authors, LocalDate publishedAt,
                          long upvotes, List<String> tags, float[] embedding, String url, List<String> references) {

    public PaperRecord {
        title = title == null ? "" : title;
        abstractText = abstractText == null ? "" : abstractText;
        authors = authors == null ? List.of() : List.copyOf(authors);
        tags = tags == null ? List.of() : List.copyOf(tags);
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** A paper that cites nothing known. */
    public PaperRecord(String id, String title, String abstractText, List<String> authors, LocalDate publishedAt,
                       long upvotes, List<String> tags, float[] embedding) {
        this(id, title, abstractText, authors, publishedAt, upvotes, tags, embedding, null, List.of());
    }

    /** The same paper with a sentence embedding. */
    public PaperRecord withEmbedding(float[] vector) {
        return new PaperRecord(id, title, abstractText, authors, publishedAt, upvotes, tags, vector, url, references);
    }

    /** The same paper citing {@code works}. */
    public PaperRecord withReferences(List<String> works) {
        return new PaperRecord(id, title, abstractText, authors, publishedAt, upvotes, tags, embedding, url, works);
    }
}
