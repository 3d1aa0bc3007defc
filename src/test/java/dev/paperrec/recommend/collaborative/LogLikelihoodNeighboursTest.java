package dev.paperrec.recommend.collaborative;

import org.apache.mahout.cf.taste.impl.common.FastByIDMap;
import org.apache.mahout.cf.taste.impl.common.FastIDSet;
import org.apache.mahout.cf.taste.impl.model.GenericBooleanPrefDataModel;
import org.apache.mahout.cf.taste.impl.similarity.LogLikelihoodSimilarity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LogLikelihoodNeighboursTest {

    /** Users (rows) and the papers they liked. */
    private static final int[][] USER_ITEMS = {
            {0, 1, 2, 7},
            {0, 1},
            {0, 1, 3},
            {2, 3},
            {3, 4, 7},
            {4, 7},
            {5, 7},
            {5, 7},
            {5, 6, 7},
            {6, 7},
    };

    @Test
    void ranksNeighboursByLogLikelihoodAndCountsCoReaders() {
        ItemNeighbours neighbours = LogLikelihoodNeighbours.build(USER_ITEMS, 8, 10);

        // Paper 0 shares all three of its readers with paper 1, one of two with paper 2 and one of three with 3.
        assertThat(neighbours.allSimilarItemIDs(0)).containsExactly(1L, 2L, 3L);
        assertThat(neighbours.coReadersAt(neighbours.from(0))).isEqualTo(3);
        assertThat(neighbours.coReadersAt(neighbours.from(0) + 1)).isEqualTo(1);
        // Paper 7 shares a reader with 0 but is read by 7 of 10 users: less overlap than chance, no neighbour.
        assertThat(neighbours.itemSimilarity(0, 7)).isNaN();
        assertThat(neighbours.allSimilarItemIDs(5)).containsExactly(7L, 6L);
    }

    @Test
    void computesOnlyTheAskedListsAndThoseAsAFullBuildDoes() {
        ItemNeighbours full = LogLikelihoodNeighbours.build(USER_ITEMS, 8, 10);
        boolean[] asked = {true, false, false, false, false, true, false, false};

        ItemNeighbours some = LogLikelihoodNeighbours.build(USER_ITEMS, 8, 10, asked, (phase, bytes) -> {
        });

        for (int i = 0; i < 8; i++) {
            if (asked[i]) {
                assertThat(some.allSimilarItemIDs(i)).isNotEmpty().containsExactly(full.allSimilarItemIDs(i));
                for (int k = 0; k < some.to(i) - some.from(i); k++) {
                    assertThat(some.similarityAt(some.from(i) + k)).isEqualTo(full.similarityAt(full.from(i) + k));
                    assertThat(some.coReadersAt(some.from(i) + k)).isEqualTo(full.coReadersAt(full.from(i) + k));
                }
            } else {
                assertThat(some.allSimilarItemIDs(i)).as("paper %d was not asked for", i).isEmpty();
            }
        }
    }

    @Test
    void ranksLikeMahoutLogLikelihoodSimilarityAndKeepsTheSignedRoot() throws Exception {
        FastByIDMap<FastIDSet> data = new FastByIDMap<>();
        for (int u = 0; u < USER_ITEMS.length; u++) {
            FastIDSet items = new FastIDSet();
            for (int i : USER_ITEMS[u]) {
                items.add(i);
            }
            data.put(u, items);
        }
        LogLikelihoodSimilarity mahout = new LogLikelihoodSimilarity(new GenericBooleanPrefDataModel(data));

        ItemNeighbours neighbours = LogLikelihoodNeighbours.build(USER_ITEMS, 8, 10);

        for (int i = 0; i < 8; i++) {
            long[] similar = neighbours.allSimilarItemIDs(i);
            for (int k = 0; k < similar.length; k++) {
                double taste = mahout.itemSimilarity(i, similar[k]);
                double llr = 1 / (1 - taste) - 1;
                assertThat(neighbours.itemSimilarity(i, similar[k])).isCloseTo(Math.sqrt(llr), within(1e-5));
                if (k > 0) {
                    assertThat(taste).isLessThanOrEqualTo(mahout.itemSimilarity(i, similar[k - 1]));
                }
            }
        }
    }

    @Test
    void keepsOnlyTheTopKPerPaper() {
        ItemNeighbours neighbours = LogLikelihoodNeighbours.build(USER_ITEMS, 8, 1);

        assertThat(neighbours.allSimilarItemIDs(0)).containsExactly(1L);
        assertThat(neighbours.itemSimilarity(0, 2)).isNaN();
        // Papers 2 and 4 tie for paper 3: the lower index wins.
        assertThat(neighbours.allSimilarItemIDs(3)).containsExactly(2L);
    }
}
