package dev.paperrec.recommend.collaborative;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Neighbours from precomputed pairs, as loaded from a neighbour table. */
class ItemNeighboursTest {

    private static final int PAPERS = 6;

    /** Rows as a distributed job might write them: any order, with noise the factory must drop. */
    private static final int[] PAPER = {0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 3, 3, 1, -1, 9, 4, 4};
    private static final int[] NEIGHBOUR = {3, 1, 4, 2, 0, 5, 9, 0, 1, 1, 0, 4, -1, 0, 0, 1, 2};
    private static final float[] SIMILARITY = {0.5f, 0.9f, 0.5f, 0.7f, 5f, 0.1f, 3f, 0.2f, 0.4f, 0.8f, 1f, 1f,
            1f, 1f, 1f, 0f, Float.NaN};
    private static final int[] CO_READERS = {2, 7, 0, 4, 9, 1, 9, 3, 1, 6, 0, 5, 1, 1, 1, 1, 1};

    private static ItemNeighbours neighbours(int k) {
        return ItemNeighbours.fromPairs(PAPER, NEIGHBOUR, SIMILARITY, CO_READERS, PAPERS, k);
    }

    @Test
    void ordersEachPapersNeighboursBySimilarityThenIndex() {
        ItemNeighbours neighbours = neighbours(10);

        // The self-pair (0, 0) and the pair with the unknown paper 9 are gone; 3 and 4 tie at 0.5: 3 first.
        assertThat(neighbours.allSimilarItemIDs(0)).containsExactly(1L, 2L, 3L, 4L, 5L);
        int from = neighbours.from(0);
        assertThat(new float[]{neighbours.similarityAt(from), neighbours.similarityAt(from + 4)})
                .containsExactly(0.9f, 0.1f);
        assertThat(new int[]{neighbours.coReadersAt(from), neighbours.coReadersAt(from + 1),
                neighbours.coReadersAt(from + 3)}).containsExactly(7, 4, 0);
        assertThat(neighbours.allSimilarItemIDs(3)).containsExactly(0L, 4L);
        assertThat(neighbours.size()).isEqualTo(PAPERS);
    }

    @Test
    void dropsUnknownPapersSelfPairsAndSimilaritiesThatAreNotPositive() {
        ItemNeighbours neighbours = neighbours(10);

        // Paper 1's only row names paper -1, paper 4's rows have similarity 0 and NaN; nothing names 5.
        assertThat(neighbours.allSimilarItemIDs(1)).isEmpty();
        assertThat(neighbours.allSimilarItemIDs(4)).isEmpty();
        assertThat(neighbours.allSimilarItemIDs(5)).isEmpty();
        assertThat(neighbours.itemSimilarity(0, 0)).isNaN();
        assertThat(neighbours.pairs()).isEqualTo(9);
    }

    @Test
    void keepsTheStrongestOfARepeatedPairWhateverTheRowOrder() {
        ItemNeighbours neighbours = neighbours(10);

        // Paper 2 names paper 1 twice (0.4 and 0.8): the stronger row wins and ranks it above paper 0.
        assertThat(neighbours.allSimilarItemIDs(2)).containsExactly(1L, 0L);
        assertThat(neighbours.itemSimilarity(2, 1)).isEqualTo(0.8f);
        assertThat(neighbours.coReadersAt(neighbours.from(2))).isEqualTo(6);

        ItemNeighbours reversed = ItemNeighbours.fromPairs(new int[]{2, 2, 2}, new int[]{1, 1, 1},
                new float[]{0.8f, 0.8f, 0.4f}, new int[]{6, 8, 9}, 3, 10);
        assertThat(reversed.allSimilarItemIDs(2)).containsExactly(1L);
        assertThat(reversed.coReadersAt(reversed.from(2))).isEqualTo(8);
    }

    @Test
    void keepsOnlyTheTopKPerPaper() {
        ItemNeighbours neighbours = neighbours(2);

        assertThat(neighbours.allSimilarItemIDs(0)).containsExactly(1L, 2L);
        assertThat(neighbours.allSimilarItemIDs(2)).containsExactly(1L, 0L);
        assertThat(neighbours.allSimilarItemIDs(3)).containsExactly(0L, 4L);
        assertThat(neighbours(1).allSimilarItemIDs(3)).containsExactly(0L);
        assertThat(neighbours(0).pairs()).isZero();
    }
}
