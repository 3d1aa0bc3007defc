package dev.paperrec.console.reader;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperrec.digest.compose.ReasonText;
import dev.paperrec.recommend.api.RecommendationView;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** One paper as the console lists it: its page, its date and the reason it is there, as text. */
public record PaperCard(String paperId, String title, LocalDate publishedAt, String reason) {

    /** A personal recommendation, with the digest's one-line reason. */
    static PaperCard recommended(RecommendationView.Item item) {
        return new PaperCard(item.paperId(), item.title(), item.publishedAt(), ReasonText.describe(item.reasons()));
    }

    /** An item of an answer the service renders as JSON (trending, similar), its reasons named as {@code reason}. */
    static List<PaperCard> fromJson(JsonNode answer, boolean similar) {
        List<PaperCard> cards = new ArrayList<>();
        for (JsonNode item : answer.path("items")) {
            List<RecommendationView.ReasonView> reasons = new ArrayList<>();
            for (JsonNode r : item.path("reasons")) {
                reasons.add(new RecommendationView.ReasonView(r.path("type").asText(), text(r, "paperId"),
                        text(r, "title"), r.has("score") ? r.get("score").asDouble() : null, integer(r, "readers"),
                        null, integer(r, "references"), integer(r, "citingPapers")));
            }
            String published = text(item, "publishedAt");
            cards.add(new PaperCard(item.path("paperId").asText(), item.path("title").asText(),
                    published == null ? null : LocalDate.parse(published),
                    similar ? likeness(reasons) : ReasonText.describe(reasons)));
        }
        return cards;
    }

    /** Why a paper is like another one: each reason the engine gave, in its order. */
    static String likeness(List<RecommendationView.ReasonView> reasons) {
        List<String> parts = new ArrayList<>();
        for (RecommendationView.ReasonView r : reasons) {
            String part = switch (r.type()) {
                case "similar-content" -> "similar text" + (r.score() == null ? "" : String.format(" (%.2f)", r.score()));
                case "co-read" -> "read together by " + count(r.readers(), "reader");
                case "also-read" -> "read by the same readers";
                case "cites" -> "cites it";
                case "cited-by" -> "cited by it";
                case "shares-references" -> count(r.references(), "reference") + " in common";
                case "cited-together" -> "cited together by " + count(r.citingPapers(), "paper");
                case "trending" -> "trending";
                case "fresh" -> "new";
                default -> null;
            };
            if (part != null && !parts.contains(part)) {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        String joined = String.join(", ", parts);
        return Character.toUpperCase(joined.charAt(0)) + joined.substring(1);
    }

    private static String count(Integer n, String noun) {
        int v = n == null ? 0 : n;
        return v + " " + noun + (v == 1 ? "" : "s");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }
}
