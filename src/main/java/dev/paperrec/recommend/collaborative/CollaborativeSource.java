package dev.paperrec.recommend.collaborative;

import dev.paperrec.recommend.Reason;
import dev.paperrec.recommend.RecommendationSource;
import dev.paperrec.recommend.UserHistory;
import dev.paperrec.recommend.model.PaperRecord;

/**
 * What readers did: the summed log-likelihood similarity over the precomputed neighbours of the reader's papers
 * ({@link ItemNeighbours}, computed at the build or loaded from the database). A paper nobody has read has none.
 */
public final class CollaborativeSource implements RecommendationSource {

    private final ItemNeighbours neighbours;

    public CollaborativeSource(ItemNeighbours neighbours) {
        this.neighbours = neighbours;
    }

    public ItemNeighbours neighbours() {
        return neighbours;
    }

    @Override
    public String name() {
        return "collaborative";
    }

    @Override
    public Role role() {
        return Role.READERS;
    }

    @Override
    public double weight() {
        return 1;
    }

    @Override
    public Scores score(UserHistory history, int size) {
        double[] values = new double[size];
        int[] strongest = new int[size];
        double[] best = new double[size];
        long links = 0;
        for (int k = 0; k < history.seeds().length; k++) {
            int seed = history.seeds()[k];
            double w = history.weights()[k];
            links += neighbours.to(seed) - neighbours.from(seed);
            for (int p = neighbours.from(seed), end = neighbours.to(seed); p < end; p++) {
                int item = neighbours.itemAt(p);
                double c = w * neighbours.similarityAt(p);
                values[item] += c;
                if (c > best[item]) {
                    best[item] = c;
                    strongest[item] = p + 1;
                }
            }
        }
        return new CoReadScores(values, strongest, history.seeds(), links);
    }

    /** Neighbours change only at builds: a paper added since has none. */
    @Override
    public RecommendationSource withPaper(PaperRecord paper) {
        return this;
    }

    private final class CoReadScores implements Scores {

        private final double[] values;
        /** Per paper, 1 + the neighbour-list position of its strongest co-read link, or 0 for none. */
        private final int[] strongest;
        private final int[] seeds;
        private final long links;

        CoReadScores(double[] values, int[] strongest, int[] seeds, long links) {
            this.values = values;
            this.strongest = strongest;
            this.seeds = seeds;
            this.links = links;
        }

        @Override
        public double[] values() {
            return values;
        }

        @Override
        public long evidence() {
            return links;
        }

        /** The reader's paper whose neighbour list holds the strongest link, and how many read both. */
        @Override
        public Reason reason(int paper, int[] strongestSeeds, PaperNames names) {
            if (strongest[paper] == 0) {
                return null;
            }
            int position = strongest[paper] - 1;
            int seed = seedOf(position);
            int readers = neighbours.coReadersAt(position);
            // Precomputed neighbours may carry no count: "read by 0 readers" would be false.
            return readers > 0 ? new Reason.CoRead(names.id(seed), names.title(seed), readers)
                    : new Reason.AlsoRead(names.id(seed), names.title(seed));
        }

        /** The seed whose neighbour list holds {@code position}. */
        private int seedOf(int position) {
            for (int seed : seeds) {
                if (neighbours.from(seed) <= position && position < neighbours.to(seed)) {
                    return seed;
                }
            }
            throw new IllegalStateException("neighbour position outside the reader's papers");
        }
    }
}
