package dev.paperrec.digest.compose;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One digest as composed for a reader: a "For you" section of the period's papers when the reader has history
 * (then "You may have missed", older papers, when the period had too few), then "Trending".
 * {@code personal} is false for a reader without history, who gets trending papers only.
 */
public record Digest(String userId, boolean personal, List<Section> sections) {

    public static final String FOR_YOU = "for-you";
    public static final String MISSED = "missed";
    public static final String TRENDING = "trending";
    /** A date as readers write it, e.g. {@code 1 May 2024}. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    /** A titled list of papers; {@code note} says why it looks the way it does, when that needs saying. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Section(String key, String title, String note, List<Entry> entries) {
    }

    /** A paper as a digest shows it; {@code link} is where its title points. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String paperId, String title, String authors, LocalDate publishedAt,
                        @JsonProperty("abstract") String summary, String reason, String link) {

        /** The publication date as readers write it, e.g. {@code 1 May 2024}; null when unknown. */
        public String date() {
            return publishedAt == null ? null : DATE.format(publishedAt);
        }

        Entry withLink(String link) {
            return new Entry(paperId, title, authors, publishedAt, summary, reason, link);
        }
    }

    /** True when no section lists a paper: such a digest is not sent. */
    public boolean isEmpty() {
        return sections.stream().allMatch(s -> s.entries().isEmpty());
    }

    public int size() {
        return sections.stream().mapToInt(s -> s.entries().size()).sum();
    }

    /** The same digest with every entry's link set by {@code link}. */
    public Digest withLinks(Function<Entry, String> link) {
        return new Digest(userId, personal, sections.stream()
                .map(s -> new Section(s.key(), s.title(), s.note(),
                        s.entries().stream().map(e -> e.withLink(link.apply(e))).toList()))
                .toList());
    }
}
