package dev.paperrec.recommend.hybrid;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TopPapersTest {

    private static int[] drain(TopPapers top) {
        int[] papers = new int[top.size()];
        top.drainInto(papers, new double[top.size()]);
        return papers;
    }

    @Test
    void shouldKeepTheBestInOrderWhateverTheOfferOrder() {
        List<Integer> order = new ArrayList<>();
        for (int p = 0; p < 50; p++) {
            order.add(p);
        }
        for (long seed = 0; seed < 5; seed++) {
            Collections.shuffle(order, new Random(seed));
            TopPapers top = new TopPapers(5, Integer::compare);
            order.forEach(p -> top.offer(p, p % 10));
            // Scores 9 at papers 9, 19, 29, 39, 49: ties go to the lower id, then score 8 would follow.
            assertThat(drain(top)).containsExactly(9, 19, 29, 39, 49);
        }
    }

    @Test
    void shouldDrainScoresDescendingAndHoldFewerThanItsCapacity() {
        TopPapers top = new TopPapers(10, Integer::compare);
        top.offer(3, 0.5);
        top.offer(1, 2.0);
        top.offer(2, 1.0);
        int[] papers = new int[top.size()];
        double[] scores = new double[top.size()];
        top.drainInto(papers, scores);

        assertThat(papers).containsExactly(1, 2, 3);
        assertThat(scores).containsExactly(2.0, 1.0, 0.5);
    }
}
