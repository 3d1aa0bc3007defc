package dev.paperrec.recommend.content;

import dev.paperrec.recommend.Reason;
import dev.paperrec.recommend.RecommendationSource;
import dev.paperrec.recommend.UserHistory;
import dev.paperrec.recommend.model.PaperRecord;

/**
 * What papers say: the reader's papers summed into one profile of words and meaning ({@link ContentModel}), every
 * paper scored by its similarity to it. A paper has it from the moment it is ingested.
 */
public final class ContentSource implements RecommendationSource {

    private final ContentModel model;

    public ContentSource(ContentModel model) {
        this.model = model;
    }

    /** The text model, which diversity also measures papers with. */
    public ContentModel model() {
        return model;
    }

    @Override
    public String name() {
        return "content";
    }

    @Override
    public Role role() {
        return Role.CONTENT;
    }

    /** The reference the other content sources are weighted against. */
    @Override
    public double weight() {
        return 1;
    }

    @Override
    public Scores score(UserHistory history, int size) {
        double[] values = new double[size];
        model.score(model.profile(history.seeds(), history.weights()), values);
        return new TextScores(values);
    }

    @Override
    public RecommendationSource withPaper(PaperRecord paper) {
        return new ContentSource(model.withPaper(paper));
    }

    /** Explains a paper by the most similar of the reader's strongest papers. */
    private final class TextScores implements Scores {

        private final double[] values;
        /** The words and meaning of the seeds of the last call, read once per page rather than once per paper. */
        private int[] seeds;
        private SparseVector[] seedWords;
        private float[][] seedMeanings;

        TextScores(double[] values) {
            this.values = values;
        }

        @Override
        public double[] values() {
            return values;
        }

        @Override
        public Reason reason(int paper, int[] seeds, PaperNames names) {
            if (seeds.length == 0) {
                return null;
            }
            if (seeds != this.seeds) {
                this.seeds = seeds;
                seedWords = new SparseVector[seeds.length];
                seedMeanings = new float[seeds.length][];
                for (int k = 0; k < seeds.length; k++) {
                    seedWords[k] = model.wordsOf(seeds[k]);
                    seedMeanings[k] = model.meaningOf(seeds[k]);
                }
            }
            SparseVector words = model.wordsOf(paper);
            float[] meaning = model.meaningOf(paper);
            int bestSeed = -1;
            double best = 0;
            for (int k = 0; k < seeds.length; k++) {
                double s = model.similarity(words, meaning, seedWords[k], seedMeanings[k]);
                if (s > best) {
                    best = s;
                    bestSeed = seeds[k];
                }
            }
            return bestSeed < 0 ? null : new Reason.SimilarContent(names.id(bestSeed), names.title(bestSeed), best);
        }
    }
}
