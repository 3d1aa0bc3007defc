package dev.paperrec.recommend.content;

import java.util.List;

/**
 * Sentence embeddings of the catalogue, centred on the catalogue mean and scaled to unit length. Centring removes
 * the direction every MiniLM vector shares, so unrelated papers score near zero instead of around 0.2.
 * Stored dimension-major: scoring a query against every paper is then one multiply-add pass per dimension that
 * the JIT vectorises. Past roughly 100k papers this exact scan (about 40M multiply-adds per query) is the place
 * to plug in an approximate index such as Lucene's HNSW graph ({@code org.apache.lucene.util.hnsw}), used to
 * fetch the few thousand nearest papers of the query instead.
 */
public final class EmbeddingMatrix {

    private final int dimension;
    private final int size;
    private final float[] mean;
    private final float[] columns;
    private final int embedded;

    private EmbeddingMatrix(int dimension, int size, float[] mean, float[] columns, int embedded) {
        this.dimension = dimension;
        this.size = size;
        this.mean = mean;
        this.columns = columns;
        this.embedded = embedded;
    }

    /** Vectors may contain nulls (papers without an embedding); they then score zero against everything. */
    public static EmbeddingMatrix build(List<float[]> vectors) {
        int dimension = vectors.stream().filter(v -> v != null).mapToInt(v -> v.length).findFirst().orElse(0);
        int size = vectors.size();
        double[] sum = new double[dimension];
        int embedded = 0;
        for (float[] v : vectors) {
            if (v != null) {
                if (v.length != dimension) {
                    throw new IllegalArgumentException("embeddings of different dimensions");
                }
                for (int d = 0; d < dimension; d++) {
                    sum[d] += v[d];
                }
                embedded++;
            }
        }
        float[] mean = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            mean[d] = embedded == 0 ? 0 : (float) (sum[d] / embedded);
        }
        EmbeddingMatrix empty = new EmbeddingMatrix(dimension, size, mean, new float[0], embedded);
        float[] columns = new float[dimension * size];
        for (int i = 0; i < size; i++) {
            float[] v = empty.normalise(vectors.get(i));
            if (v != null) {
                for (int d = 0; d < dimension; d++) {
                    columns[d * size + i] = v[d];
                }
            }
        }
        return new EmbeddingMatrix(dimension, size, mean, columns, embedded);
    }

    public int dimension() {
        return dimension;
    }

    public int embedded() {
        return embedded;
    }

    /** Centred unit-length copy of a raw embedding; null when there is none or it has the wrong dimension. */
    public float[] normalise(float[] raw) {
        if (raw == null || raw.length != dimension || dimension == 0) {
            return null;
        }
        float[] v = new float[dimension];
        double norm = 0;
        for (int d = 0; d < dimension; d++) {
            v[d] = raw[d] - mean[d];
            norm += v[d] * v[d];
        }
        if (norm == 0) {
            return null;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < dimension; d++) {
            v[d] *= inv;
        }
        return v;
    }

    /** The normalised vector of a catalogue paper, or null when it has none. */
    public float[] row(int paper) {
        float[] v = new float[dimension];
        boolean any = false;
        for (int d = 0; d < dimension; d++) {
            v[d] = columns[d * size + paper];
            any |= v[d] != 0;
        }
        return any ? v : null;
    }

    /** Adds {@code query . paper} to {@code scores[paper]} for every catalogue paper. */
    public void score(float[] query, float[] scores) {
        for (int d = 0; d < dimension; d++) {
            float q = query[d];
            if (q == 0) {
                continue;
            }
            int base = d * size;
            for (int i = 0; i < size; i++) {
                scores[i] += q * columns[base + i];
            }
        }
    }

    public static double dot(float[] a, float[] b) {
        if (a == null || b == null) {
            return 0;
        }
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int d = 0;
        for (; d + 3 < a.length; d += 4) {
            s0 += a[d] * b[d];
            s1 += a[d + 1] * b[d + 1];
            s2 += a[d + 2] * b[d + 2];
            s3 += a[d + 3] * b[d + 3];
        }
        for (; d < a.length; d++) {
            s0 += a[d] * b[d];
        }
        return (double) s0 + s1 + s2 + s3;
    }
}
