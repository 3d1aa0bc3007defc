package dev.paperrec.recommend.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.paperrec.recommend.Reason;

import java.time.LocalDate;
import java.util.List;

/** Recommendation answers on the wire. */
public final class RecommendationView {

    private RecommendationView() {
    }

    /** A page of recommendations; {@code stale} is true when they come from memory while the database is away. */
    public record Page(String userId, String strategy, String modelVersion, boolean stale, List<Item> items) {
    }

    /** Papers like one paper. */
    public record Similar(String paperId, String strategy, String modelVersion, boolean stale, List<Item> items) {
    }

    /**
     * Papers like a list of papers, for no stored reader; {@code unknownIds} are the given ids the catalogue does not
     * hold, as given.
     */
    public record FromLists(String strategy, String modelVersion, boolean stale, List<Item> items,
                            List<String> unknownIds) {
    }

    /** The trending list for a window. */
    public record Trending(String window, String modelVersion, boolean stale, List<Item> items) {
    }

    /** One recommended paper with the reasons that put it there. */
    public record Item(String paperId, String title, LocalDate publishedAt, double score, List<ReasonView> reasons) {
    }

    /**
     * Why a paper was suggested: {@code similar-content} (to {@code paperId}, with the similarity {@code score}),
     * {@code co-read} ({@code readers} users read both), {@code also-read} (readers of {@code paperId} read it too,
     * from precomputed neighbours without a count), {@code cites} (it cites {@code paperId}), {@code cited-by}
     * ({@code paperId} cites it), {@code shares-references} (it and {@code paperId} cite {@code references} works in
     * common), {@code cited-together} ({@code citingPapers} papers cite both), {@code trending}, {@code fresh}
     * (published recently).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReasonView(String type, String paperId, String title, Double score, Integer readers,
                             LocalDate publishedAt, Integer references, Integer citingPapers) {

        public ReasonView(String type, String paperId, String title, Double score, Integer readers,
                          LocalDate publishedAt) {
            this(type, paperId, title, score, readers, publishedAt, null, null);
        }

        static ReasonView of(Reason reason) {
            if (reason instanceof Reason.SimilarContent r) {
                return new ReasonView("similar-content", r.paperId(), r.title(), round(r.score()), null, null);
            }
            if (reason instanceof Reason.CoRead r) {
                return new ReasonView("co-read", r.paperId(), r.title(), null, r.readers(), null);
            }
            if (reason instanceof Reason.AlsoRead r) {
                return new ReasonView("also-read", r.paperId(), r.title(), null, null, null);
            }
            if (reason instanceof Reason.Cites r) {
                return new ReasonView("cites", r.paperId(), r.title(), null, null, null);
            }
            if (reason instanceof Reason.CitedBy r) {
                return new ReasonView("cited-by", r.paperId(), r.title(), null, null, null);
            }
            if (reason instanceof Reason.SharesReferences r) {
                return new ReasonView("shares-references", r.paperId(), r.title(), null, null, null, r.references(),
                        null);
            }
            if (reason instanceof Reason.CitedTogether r) {
                return new ReasonView("cited-together", r.paperId(), r.title(), null, null, null, null, r.papers());
            }
            if (reason instanceof Reason.Trending r) {
                return new ReasonView("trending", null, null, round(r.score()), null, null);
            }
            Reason.Fresh r = (Reason.Fresh) reason;
            return new ReasonView("fresh", null, null, round(r.boost()), null, r.publishedAt());
        }
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
