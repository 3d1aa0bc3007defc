package dev.paperrec.recommend;

/** Which candidate sources rank the papers. */
public enum Strategy {
    /** Collaborative and content sources blended, re-ranked for freshness and diversity. */
    HYBRID,
    /** Text similarity to the user's papers only. */
    CONTENT,
    /** Item-based collaborative filtering only. */
    COLLABORATIVE,
    /** Recent activity, the same for everyone. */
    TRENDING
}
