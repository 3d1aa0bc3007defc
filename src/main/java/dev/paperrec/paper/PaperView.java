package dev.paperrec.paper;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A paper as the API returns it. */
public record PaperView(String id, String title, @JsonProperty("abstract") String abstractText, List<String> authors,
                        LocalDate publishedAt, List<String> tags, String url, List<String> references,
                        long upvotes, Instant createdAt, Instant updatedAt) {

    /** {@code references} in their stored order. */
    public static PaperView from(Paper p, List<String> references) {
        return new PaperView(p.id, p.title, p.abstractText, p.authors == null ? List.of() : p.authors, p.publishedAt,
                p.tags == null ? List.of() : p.tags, p.url, references, p.upvotes, p.createdAt, p.updatedAt);
    }
}
