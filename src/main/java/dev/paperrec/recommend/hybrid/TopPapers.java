package dev.paperrec.recommend.hybrid;

import java.util.function.IntBinaryOperator;

/**
 * The best {@code capacity} papers seen, in a bounded min-heap: the one top-k selection of the engine (rankings,
 * neighbour lists, trending, score spreads). Equal scores are ordered by paper id through {@code compareIds}, so a
 * ranking never depends on the order papers were offered in. Primitive arrays sized once: an offer allocates
 * nothing, and once the heap is full most offers cost one comparison with its least score.
 */
public final class TopPapers {

    private final int capacity;
    private final IntBinaryOperator compareIds;
    private final int[] papers;
    private final double[] scores;
    private int size;

    /**
     * @param compareIds orders papers of equal score: negative when the first ranks higher ({@code Integer::compare}
     *                   puts the lower index first)
     */
    public TopPapers(int capacity, IntBinaryOperator compareIds) {
        this.capacity = capacity;
        this.compareIds = compareIds;
        papers = new int[capacity];
        scores = new double[capacity];
    }

    /** Whether the paper at heap slot a ranks below the one at slot b. */
    private boolean below(double sa, int pa, double sb, int pb) {
        return sa < sb || (sa == sb && compareIds.applyAsInt(pa, pb) > 0);
    }

    public void offer(int paper, double score) {
        if (size < capacity) {
            papers[size] = paper;
            scores[size] = score;
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (!below(scores[i], papers[i], scores[parent], papers[parent])) {
                    break;
                }
                swap(i, parent);
                i = parent;
            }
        } else if (capacity > 0 && score >= scores[0] && below(scores[0], papers[0], score, paper)) {
            papers[0] = paper;
            scores[0] = score;
            siftDown(0, size);
        }
    }

    private void siftDown(int i, int n) {
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int m = i;
            if (l < n && below(scores[l], papers[l], scores[m], papers[m])) {
                m = l;
            }
            if (r < n && below(scores[r], papers[r], scores[m], papers[m])) {
                m = r;
            }
            if (m == i) {
                return;
            }
            swap(i, m);
            i = m;
        }
    }

    private void swap(int a, int b) {
        int p = papers[a];
        papers[a] = papers[b];
        papers[b] = p;
        double s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
    }

    public int size() {
        return size;
    }

    /** Forgets every paper, so that one heap can serve a loop of selections. */
    public void clear() {
        size = 0;
    }

    /**
     * Empties the heap into arrays, best first: {@code papers} and {@code scores} must hold {@link #size()};
     * {@code scores} may be null when only the papers are wanted.
     */
    public void drainInto(int[] outPapers, double[] outScores) {
        for (int end = size - 1; end >= 0; end--) {
            outPapers[end] = papers[0];
            if (outScores != null) {
                outScores[end] = scores[0];
            }
            swap(0, end);
            siftDown(0, end);
        }
        size = 0;
    }

    /** Empties the heap, returning its papers best first. */
    public int[] drainPapers() {
        int[] out = new int[size];
        drainInto(out, null);
        return out;
    }
}
