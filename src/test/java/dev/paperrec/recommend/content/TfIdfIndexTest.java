package dev.paperrec.recommend.content;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TfIdfIndexTest {

    private final TextAnalysis analysis = new TextAnalysis();

    private final List<String> titles = List.of(
            "Graph neural networks",
            "Neural networks for graph classification",
            "Recurrent neural networks",
            "Graph theory",
            "Protein folding",
            "Neural networks");

    private TfIdfIndex index() {
        return TfIdfIndex.build(titles.stream().map(analysis::words).toList(), 0.3);
    }

    @Test
    void vectorsHaveUnitLength() {
        TfIdfIndex index = index();
        for (int d = 0; d < titles.size(); d++) {
            assertThat(index.document(d).dot(index.document(d))).isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void ranksByCosineWithRareWordsWeighingMore() {
        TfIdfIndex index = index();
        double[] scores = new double[titles.size()];

        index.score(index.document(0), 1.0, scores);

        Integer[] ranking = IntStream.range(1, titles.size()).boxed()
                .sorted((a, b) -> Double.compare(scores[b], scores[a])).toArray(Integer[]::new);
        // The short "Neural networks" shares two words and has nothing else; paper 1 shares all three but adds a
        // rare one; "graph" (3 of 6 titles) shared alone beats "neural" and "network" (4 of 6) shared together.
        assertThat(Arrays.asList(ranking)).containsExactly(5, 1, 3, 2, 4);
        assertThat(scores[4]).isZero();
        assertThat(scores[1]).isCloseTo(index.document(0).dot(index.document(1)), within(1e-9));
    }

    @Test
    void anAuthorCountsLessThanAWord() {
        List<List<String>> docs = List.of(
                List.of("graph", "author:ada lovelace"),
                List.of("graph", "author:alan turing"),
                List.of("graph", "author:ada lovelace"),
                List.of("network", "author:grace hopper"));
        TfIdfIndex index = TfIdfIndex.build(docs, 0.3);

        SparseVector first = index.document(0);
        int authorTerm = first.terms()[1];

        assertThat(first.weights()[1]).isLessThan(first.weights()[0] * 2);
        assertThat(index.vectorize(List.of("author:ada lovelace", "unknown"), 0.3).terms())
                .containsExactly(authorTerm);
    }
}
