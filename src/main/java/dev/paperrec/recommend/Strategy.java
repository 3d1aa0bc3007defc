package dev.paperrec.recommend;

/** Which candidate sources rank the papers. */
public enum Strategy {
    /** Collaborative and content sources blended, re-ranked for freshness and diversity. */
    HYBRID,
    /** What a paper says and cites: text similarity and, where references are known, the citation source. */
    CONTENT,
    /** The citation source alone: direct citations, co-citation and shared references. */
    CITATION,
    /** Item-based collaborative filtering only. */
    COLLABORATIVE,
    /** Recent activity, the same for everyone. */
    TRENDING;

    /** Whether this strategy ranks personal lists by {@code source}; trending lists rank by activity alone. */
    public boolean uses(RecommendationSource source) {
        return switch (this) {
            case HYBRID -> source.role() != RecommendationSource.Role.POPULARITY;
            case CONTENT -> source.role() == RecommendationSource.Role.CONTENT;
            case CITATION -> source.name().equals("citation");
            case COLLABORATIVE -> source.role() == RecommendationSource.Role.READERS;
            case TRENDING -> false;
        };
    }
}
