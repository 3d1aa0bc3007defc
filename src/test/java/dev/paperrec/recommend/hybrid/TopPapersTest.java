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

    @Test
    void shouldMatchAFullSortOnRandomScoresWithManyTies() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = random.nextInt(60);
            int k = random.nextInt(12);
            double[] scores = new double[n];
            List<Integer> order = new ArrayList<>();
            for (int p = 0; p < n; p++) {
                scores[p] = random.nextInt(5);
                order.add(p);
            }
            Collections.shuffle(order, random);
            TopPapers top = new TopPapers(k, Integer::compare);
            order.forEach(p -> top.offer(p, scores[p]));

            int[] expected = order.stream().sorted((a, b) -> scores[a] != scores[b]
                            ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertThat(drain(top)).containsExactly(expected);
        }
    }

    @Test
    void shouldBreakTiesWithTheGivenIdOrder() {
        TopPapers top = new TopPapers(2, (a, b) -> Integer.compare(b, a));
        top.offer(1, 1.0);
        top.offer(2, 1.0);
        top.offer(3, 1.0);

        assertThat(drain(top)).containsExactly(3, 2);
    }

    @Test
    void shouldKeepAnEqualScoreOnlyWhenItsIdRanksHigher() {
        TopPapers top = new TopPapers(1, Integer::compare);
        top.offer(5, 1.0);
        top.offer(7, 1.0);
        assertThat(drain(top)).containsExactly(5);

        top.offer(5, 1.0);
        top.offer(3, 1.0);
        assertThat(drain(top)).containsExactly(3);
    }

    @Test
    void shouldHoldNothingAtCapacityZero() {
        TopPapers top = new TopPapers(0, Integer::compare);
        top.offer(1, 5.0);

        assertThat(top.size()).isZero();
        assertThat(top.drainPapers()).isEmpty();
    }

    @Test
    void shouldStartAfreshAfterClearOrDrain() {
        TopPapers top = new TopPapers(2, Integer::compare);
        top.offer(1, 9.0);
        top.offer(2, 8.0);
        top.clear();
        top.offer(3, 1.0);
        assertThat(top.drainPapers()).containsExactly(3);

        top.offer(4, 2.0);
        int[] papers = new int[1];
        top.drainInto(papers, null);
        assertThat(papers).containsExactly(4);
        assertThat(top.size()).isZero();
    }
}
