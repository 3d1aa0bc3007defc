package dev.paperrec.recommend;

import java.time.LocalDate;

/** Why a paper was recommended; every field refers to data the model really holds. */
public sealed interface Reason {

    /** The text of the recommended paper is close to {@code paperId}, one of the user's papers. */
    record SimilarContent(String paperId, String title, double score) implements Reason {
    }

    /** {@code readers} users interacted with both the recommended paper and the user's {@code paperId}. */
    record CoRead(String paperId, String title, int readers) implements Reason {
    }

    /**
     * The recommended paper is a collaborative neighbour of the user's {@code paperId}, from precomputed neighbours
     * that came without a co-reader count.
     */
    record AlsoRead(String paperId, String title) implements Reason {
    }

    /** The recommended paper cites {@code paperId}, one of the user's papers. */
    record Cites(String paperId, String title) implements Reason {
    }

    /** The user's {@code paperId} cites the recommended paper. */
    record CitedBy(String paperId, String title) implements Reason {
    }

    /** The recommended paper and the user's {@code paperId} cite {@code references} works in common. */
    record SharesReferences(String paperId, String title, int references) implements Reason {
    }

    /** {@code papers} papers cite both the recommended paper and the user's {@code paperId}. */
    record CitedTogether(String paperId, String title, int papers) implements Reason {
    }

    /** The paper is among the most active ones of the trending window. */
    record Trending(double score) implements Reason {
    }

    /** The paper is recent and its score was multiplied by {@code boost} (greater than 1). */
    record Fresh(LocalDate publishedAt, double boost) implements Reason {
    }
}
