package dev.paperrec.paper;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import dev.paperrec.common.api.Ids;

import java.time.LocalDate;
import java.util.List;

/**
 * A paper as clients send it, to {@code PUT /papers/{id}} (where {@code id} may be omitted) or as one line of an
 * import (where it is required). Field names follow the {@code papers.jsonl} data set format. {@code references}
 * absent or null keeps the stored ones, so a catalogue re-import never wipes citations imported on their own.
 */
public record PaperInput(
        @Pattern(regexp = Ids.PAPER_ID_REGEX, message = Ids.PAPER_ID_RULE)
        String id,
        @NotBlank(message = "is required") @Size(max = 1000, message = "must be at most 1000 characters")
        @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE)
        String title,
        @JsonProperty("abstract") @Size(max = 20_000, message = "must be at most 20000 characters")
        @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE)
        String abstractText,
        @Size(max = 500, message = "must list at most 500 authors")
        List<@NotBlank(message = "must not be blank") @Size(max = 300, message = "must be at most 300 characters")
                @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String> authors,
        LocalDate publishedAt,
        @Size(max = 50, message = "must list at most 50 tags")
        List<@NotBlank(message = "must not be blank") @Size(max = 100, message = "must be at most 100 characters")
                @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String> tags,
        @Size(max = 2048, message = "must be at most 2048 characters")
        @Pattern(regexp = "https?://[^\\s\\p{Cntrl}]+", message = "must be an absolute http or https URL")
        String url,
        @PositiveOrZero(message = "must be zero or more")
        Long upvotes,
        @Size(max = References.MAX, message = "must list at most " + References.MAX + " references")
        List<String> references) {

    /** PostgreSQL text cannot hold U+0000, so it is refused here rather than failing the insert. */
    static final String NO_NUL = "[^\\x00]*";
    static final String NO_NUL_MESSAGE = "must not contain NUL characters";

    PaperInput withId(String newId) {
        return new PaperInput(newId, title, abstractText, authors, publishedAt, tags, url, upvotes, references);
    }

    PaperInput withReferences(List<String> newReferences) {
        return new PaperInput(id, title, abstractText, authors, publishedAt, tags, url, upvotes, newReferences);
    }
}
