package dev.paperrec.recommend.content;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EmbeddingMatrixTest {

    @Test
    void shouldScoreEveryPaperByTheDotProductOfItsProjectedVector() {
        Random random = new Random(3);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Every fifth paper has no embedding; 13 dimensions leave a remainder after groups of four.
            vectors.add(i % 5 == 4 ? null : randomVector(random, 13));
        }
        EmbeddingMatrix matrix = EmbeddingMatrix.build(vectors, 6);
        float[] query = matrix.row(0).clone();
        for (int d = 0; d < query.length; d++) {
            query[d] += 0.5f * matrix.row(1)[d];
        }
        float[] scores = new float[vectors.size()];
        scores[2] = 1;
        matrix.score(query, scores);

        assertThat(scores[0]).isCloseTo((float) (1 + 0.5 * EmbeddingMatrix.dot(matrix.row(0), matrix.row(1))),
                within(1e-5f));
        assertThat(scores[2]).as("added to what was there").isCloseTo(1 + (float) EmbeddingMatrix.dot(query,
                matrix.row(2)), within(1e-5f));
        for (int i = 0; i < vectors.size(); i++) {
            float[] row = matrix.row(i);
            if (row == null) {
                assertThat(scores[i]).as("paper %d has no embedding", i).isZero();
            } else if (i != 2) {
                assertThat(scores[i]).as("paper %d", i).isCloseTo((float) EmbeddingMatrix.dot(query, row),
                        within(1e-5f));
            }
        }
    }

    @Test
    void shouldScoreEveryTileAlikeIncludingAPartialLastOne() {
        Random random = new Random(5);
        List<float[]> vectors = new ArrayList<>();
        int size = 2 * EmbeddingMatrix.TILE + 37;
        for (int i = 0; i < size; i++) {
            vectors.add(i % 7 == 6 ? null : randomVector(random, 13));
        }
        EmbeddingMatrix matrix = EmbeddingMatrix.build(vectors, 8);
        float[] query = matrix.row(size - 1).clone();
        float[] scores = new float[size];
        matrix.score(query, scores);

        for (int i = 0; i < size; i++) {
            float[] row = matrix.row(i);
            float expected = row == null ? 0f : (float) EmbeddingMatrix.dot(query, row);
            assertThat(scores[i]).as("paper %d", i).isCloseTo(expected, within(1e-6f));
        }
        assertThat(scores[size - 1]).isCloseTo(1f, within(1e-5f));
    }

    private static float[] randomVector(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }
}
