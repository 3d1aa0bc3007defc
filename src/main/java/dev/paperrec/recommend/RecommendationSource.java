package dev.paperrec.recommend;

import dev.paperrec.recommend.model.PaperRecord;

/**
 * One source of evidence that a paper suits a reader: built with each model, immutable, asked from any number of
 * threads. The model holds the list of its sources; the hybrid blend combines them by {@link Role}, and a
 * {@link Strategy} names the ones it ranks by. A new source is one class in its own package, listed by the build.
 */
public interface RecommendationSource {

    /** How the blend combines a source with the others. */
    enum Role {
        /**
         * What a paper is known by from the day it is published (its text, its references). The content part of the
         * blend: each such source over the spread of its best scores, times its {@link #weight()}.
         */
        CONTENT,
        /** What readers did (papers read together): the collaborative part, weighted by the evidence it has. */
        READERS,
        /** Activity across all readers, the same for everybody: trending lists and the fallback of every list. */
        POPULARITY
    }

    /** The source's name in strategies, settings and the build log. */
    String name();

    Role role();

    /** Weight among the sources of its role. */
    double weight();

    /**
     * Scores every paper of a catalogue of {@code size} papers for a reader with {@code history}, or returns null when
     * the source holds no evidence for anybody (a catalogue without references).
     */
    Scores score(UserHistory history, int size);

    /** A copy that also knows {@code paper}, appended after the build; itself where the source learns only at builds. */
    RecommendationSource withPaper(PaperRecord paper);

    /** One reader's scores, and what the source can say about each of them. */
    interface Scores {

        /** Score of each paper by index; zero where the source has nothing for it. */
        double[] values();

        /** How much evidence the reader's papers have in this source (their neighbour links); 0 where none counts. */
        default long evidence() {
            return 0;
        }

        /**
         * Why the source scored {@code paper}, or null when it has nothing true to say.
         *
         * @param seeds the reader's strongest papers, strongest first: the ones a reason may name
         */
        Reason reason(int paper, int[] seeds, PaperNames names);
    }

    /** Ids and titles of the model's papers, by index. */
    interface PaperNames {

        String id(int paper);

        String title(int paper);
    }
}
