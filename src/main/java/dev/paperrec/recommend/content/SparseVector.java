package dev.paperrec.recommend.content;

import java.util.Arrays;

/** Term ids in ascending order with their weights. */
public record SparseVector(int[] terms, float[] weights) {

    public static final SparseVector EMPTY = new SparseVector(new int[0], new float[0]);

    public double dot(SparseVector other) {
        double sum = 0;
        int i = 0;
        int j = 0;
        while (i < terms.length && j < other.terms.length) {
            int a = terms[i];
            int b = other.terms[j];
            if (a == b) {
                sum += (double) weights[i++] * other.weights[j++];
            } else if (a < b) {
                i++;
            } else {
                j++;
            }
        }
        return sum;
    }

    /** Sorts by term, merges duplicate terms by adding their weights (in input order, for repeatable sums). */
    static SparseVector sumOf(int[] terms, float[] weights, int size) {
        // Term and position packed in one long: a primitive sort, ordered by term, then by position.
        long[] order = new long[size];
        for (int i = 0; i < size; i++) {
            order[i] = ((long) terms[i] << 32) | i;
        }
        Arrays.sort(order);
        int[] t = new int[size];
        float[] w = new float[size];
        int n = 0;
        for (long packed : order) {
            int k = (int) packed;
            if (n > 0 && t[n - 1] == terms[k]) {
                w[n - 1] += weights[k];
            } else {
                t[n] = terms[k];
                w[n++] = weights[k];
            }
        }
        return new SparseVector(Arrays.copyOf(t, n), Arrays.copyOf(w, n));
    }
}
