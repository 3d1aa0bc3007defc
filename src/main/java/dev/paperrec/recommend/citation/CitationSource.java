package dev.paperrec.recommend.citation;

import dev.paperrec.recommend.Reason;
import dev.paperrec.recommend.RecommendationSource;
import dev.paperrec.recommend.UserHistory;
import dev.paperrec.recommend.model.PaperRecord;

/**
 * What papers cite: direct citations, co-citation and shared references with the reader's papers
 * ({@link CitationGraph}). Known the day a paper is published, so it serves new papers with the text.
 */
public final class CitationSource implements RecommendationSource {

    private final CitationGraph graph;
    private final double weight;

    /** @param weight the citations' weight against the text inside the content part */
    public CitationSource(CitationGraph graph, double weight) {
        this.graph = graph;
        this.weight = weight;
    }

    public CitationGraph graph() {
        return graph;
    }

    @Override
    public String name() {
        return "citation";
    }

    @Override
    public Role role() {
        return Role.CONTENT;
    }

    @Override
    public double weight() {
        return weight;
    }

    @Override
    public Scores score(UserHistory history, int size) {
        if (graph.isEmpty()) {
            return null;
        }
        double[] values = new double[size];
        int[] strongest = new int[size];
        graph.score(history.seeds(), history.weights(), values, strongest);
        return new CitationScores(values, strongest);
    }

    @Override
    public RecommendationSource withPaper(PaperRecord paper) {
        return new CitationSource(graph.withPaper(paper.id(), paper.url(), paper.references()), weight);
    }

    private final class CitationScores implements Scores {

        private final double[] values;
        /** Per paper, 1 + the reader's paper whose citation link adds most to it, or 0 for none. */
        private final int[] strongest;

        CitationScores(double[] values, int[] strongest) {
            this.values = values;
            this.strongest = strongest;
        }

        @Override
        public double[] values() {
            return values;
        }

        /** The strongest true citation relation between the paper and that reader's paper. */
        @Override
        public Reason reason(int paper, int[] seeds, PaperNames names) {
            if (strongest[paper] == 0) {
                return null;
            }
            int seed = strongest[paper] - 1;
            CitationGraph.Relation r = graph.relation(paper, seed);
            String id = names.id(seed);
            String title = names.title(seed);
            if (r.cites()) {
                return new Reason.Cites(id, title);
            }
            if (r.citedBy()) {
                return new Reason.CitedBy(id, title);
            }
            if (r.sharedReferences() > 0) {
                return new Reason.SharesReferences(id, title, r.sharedReferences());
            }
            return r.citedTogether() > 0 ? new Reason.CitedTogether(id, title, r.citedTogether()) : null;
        }
    }
}
