package dev.paperrec.digest.compose;

import dev.paperrec.recommend.api.RecommendationView.ReasonView;

import java.util.List;
import java.util.Optional;

/** Turns the engine's reasons into the one line a reader sees under a paper. */
public final class ReasonText {

    static final String TRENDING = "Trending this week";
    static final String NEW = "New";
    static final int MAX_QUOTED_CHARS = 60;

    private ReasonText() {
    }

    /**
     * The most personal reason, e.g. {@code Similar to “X” you read}; "New" is added to a personal one. Null when
     * the engine gave none: nothing true to say.
     */
    public static String describe(List<ReasonView> reasons) {
        Optional<String> personal = reasons.stream().map(ReasonText::personal).flatMap(Optional::stream).findFirst();
        boolean fresh = reasons.stream().anyMatch(r -> "fresh".equals(r.type()));
        if (personal.isPresent()) {
            return fresh ? personal.get() + " · " + NEW : personal.get();
        }
        if (reasons.stream().anyMatch(r -> "trending".equals(r.type()))) {
            return TRENDING;
        }
        return fresh ? NEW : null;
    }

    private static Optional<String> personal(ReasonView r) {
        return switch (r.type()) {
            case "similar-content" -> Optional.of("Similar to " + quote(r.title()) + " you read");
            case "co-read" -> Optional.of("Read by " + r.readers() + (r.readers() == 1 ? " reader" : " readers")
                    + " of " + quote(r.title()));
            case "also-read" -> Optional.of("Read by readers of " + quote(r.title()));
            case "cites" -> Optional.of("Cites " + quote(r.title()) + ", which you read");
            case "cited-by" -> Optional.of("Cited by " + quote(r.title()) + ", which you read");
            case "shares-references" -> Optional.of(plural(r.references(), "reference") + " in common with "
                    + quote(r.title()));
            case "cited-together" -> Optional.of("Cited together with " + quote(r.title()) + " by "
                    + plural(r.citingPapers(), "paper"));
            default -> Optional.empty();
        };
    }

    private static String plural(Integer count, String noun) {
        int n = count == null ? 0 : count;
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** A title in quotes, without its closing full stop and cut at a word so the reason stays one line. */
    static String quote(String title) {
        String t = title == null ? "" : title.strip().replaceAll("\\s+", " ").replaceAll("\\.$", "");
        if (t.length() > MAX_QUOTED_CHARS) {
            int cut = t.lastIndexOf(' ', MAX_QUOTED_CHARS);
            t = t.substring(0, cut > MAX_QUOTED_CHARS / 2 ? cut : MAX_QUOTED_CHARS).replaceAll("[\\s,;:.]+$", "") + "…";
        }
        return "“" + t + "”";
    }

    /** True when a reason speaks of the reader's own history rather than of everyone's. */
    static boolean isPersonal(ReasonView r) {
        return personal(r).isPresent();
    }
}
