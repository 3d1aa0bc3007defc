package dev.paperrec.recommend.content;

import dev.paperrec.recommend.model.PaperRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ContentModelTest {

    private static final List<PaperRecord> PAPERS = List.of(
            paper("graph", "Graph neural networks for molecules", "Message passing over atoms and bonds", null),
            paper("graph2", "Message passing networks on molecular graphs", "Atoms, bonds and graph convolutions", null),
            paper("birds", "Bird migration across the Alps", "Tracking songbirds in autumn", null),
            paper("proteins", "Protein folding with attention", "Structure prediction from sequences", null));

    private static PaperRecord paper(String id, String title, String abstractText, float[] embedding) {
        return new PaperRecord(id, title, abstractText, List.of(), null, 0, List.of(), embedding);
    }

    private static double[] scores(ContentModel model, int[] papers, double[] weights) {
        double[] scores = new double[model.size()];
        model.score(model.profile(papers, weights), scores);
        return scores;
    }

    @Test
    void shouldScoreAPaperHighestForItselfThenItsTopicAboveOthers() {
        ContentModel model = ContentModel.build(PAPERS, 0.5, 0, 0.3, 1.0);
        double[] s = scores(model, new int[]{0}, new double[]{1});

        assertThat(s[0]).isCloseTo(1.0, within(1e-6));
        assertThat(s[1]).isGreaterThan(s[2]).isGreaterThan(0);
        assertThat(s[2]).isZero();
        assertThat(model.meaningOf(0)).as("no paper has an embedding: words only").isNull();
    }

    @Test
    void shouldScoreAsTheWeightedSumOfThePapersSimilarities() {
        ContentModel model = ContentModel.build(PAPERS, 0.5, 0, 0.3, 1.0);
        double[] graph = scores(model, new int[]{0}, new double[]{1});
        double[] proteins = scores(model, new int[]{3}, new double[]{1});
        double[] both = scores(model, new int[]{0, 3}, new double[]{2, 0.5});

        for (int p = 0; p < PAPERS.size(); p++) {
            assertThat(both[p]).isCloseTo(2 * graph[p] + 0.5 * proteins[p], within(1e-5));
            assertThat(graph[p]).isCloseTo(model.similarity(model.wordsOf(0), model.meaningOf(0),
                    model.wordsOf(p), model.meaningOf(p)), within(1e-6));
        }
    }

    @Test
    void shouldBlendWordsAndEmbeddingsByTheShare() {
        List<PaperRecord> embedded = List.of(
                paper("a", "Graph networks", "", new float[]{1, 0, 0}),
                paper("b", "Graph networks", "", new float[]{0, 1, 0}),
                paper("c", "Bird migration", "", new float[]{1, 0, 0}),
                // Embeddings are centred first: this one puts the mean at zero, so the cosines above stay as written.
                paper("d", "Protein folding", "", new float[]{-2, -1, 0}));
        ContentModel model = ContentModel.build(embedded, 0.4, 0, 0.3, 1.0);
        double[] s = scores(model, new int[]{0}, new double[]{1});

        // Same words, orthogonal meaning: the word part only; other words, same meaning: the embedding part only.
        assertThat(s[1]).isCloseTo(0.6, within(1e-5));
        assertThat(s[2]).isCloseTo(0.4, within(1e-5));
        assertThat(model.embedded()).isEqualTo(4);
    }

    @Test
    void shouldScoreAPaperAddedAfterTheBuildWithoutChangingTheBuiltModel() {
        ContentModel built = ContentModel.build(PAPERS, 0.5, 0, 0.3, 1.0);
        ContentModel grown = built.withPaper(paper("graph3", "Graph networks predict molecular bonds", "", null));

        assertThat(built.size()).isEqualTo(4);
        assertThat(grown.size()).isEqualTo(5);
        double[] s = scores(grown, new int[]{0}, new double[]{1});
        assertThat(s[4]).isGreaterThan(s[3]).isGreaterThan(0);

        // The added paper is a profile paper too: it finds its topic among the built ones.
        double[] fromAdded = scores(grown, new int[]{4}, new double[]{1});
        assertThat(fromAdded[4]).isCloseTo(1.0, within(1e-6));
        assertThat(fromAdded[0]).isGreaterThan(fromAdded[2]);
    }

    @Test
    void shouldGivePairwiseSimilaritiesEqualToTheDirectOnesInAnyOrder() {
        List<PaperRecord> embedded = PAPERS.stream().map(p -> paper(p.id(), p.title(), p.abstractText(),
                new float[]{p.id().length(), p.title().length() % 7, 1})).toList();
        ContentModel model = ContentModel.build(embedded, 0.5, 0, 0.3, 1.0)
                .withPaper(paper("graph3", "Graph networks predict molecular bonds", "", new float[]{1, 1, 1}));
        int[] papers = {4, 0, 2, 1, 3};
        ContentModel.PairwiseSimilarity pairwise = model.pairwise(papers);

        int[][] visits = {{0, 1}, {0, 2}, {3, 0}, {0, 3}, {1, 4}, {4, 1}, {2, 2}, {0, 1}};
        for (int[] v : visits) {
            int a = papers[v[0]];
            int b = papers[v[1]];
            assertThat(pairwise.between(v[0], v[1])).as("%d-%d", a, b).isCloseTo(model.similarity(
                    model.wordsOf(a), model.meaningOf(a), model.wordsOf(b), model.meaningOf(b)), within(1e-6));
        }
    }
}
