package dev.paperrec.recommend.content;

import java.util.List;

/**
 * Sentence embeddings of the catalogue, centred on the catalogue mean, projected on their principal components and
 * scaled to unit length. Centring removes the direction every MiniLM vector shares, so unrelated papers score near
 * zero instead of around 0.2; keeping the leading components (128 of 384 by default) cuts the exact scan of
 * {@link #score}, which reads every vector on each request, to a third while keeping most of the variance.
 * Stored twice: row by row, so a paper's vector is contiguous (explanations and diversity fetch a few hundred
 * vectors per request, which strided reads of the columns would turn into cache misses), and in tiles of
 * {@link #TILE} papers, column by column inside each tile, for the scan. Past roughly 100k papers the exact scan is the place to plug in an approximate
 * index such as Lucene's HNSW graph ({@code org.apache.lucene.util.hnsw}), used to fetch the few thousand nearest
 * papers of the query instead of scoring all of them.
 */
public final class EmbeddingMatrix {

    /** Covariance is estimated from at most this many papers: plenty for 384 dimensions. */
    private static final int COVARIANCE_SAMPLE = 5_000;
    /**
     * Papers per tile of the scan: a tile's four partial sums (16 KB) stay in the first-level cache while every
     * dimension of the tile is added in, so the scan reads the vectors once, sequentially, and nothing else.
     */
    static final int TILE = 1_024;

    private final int dimension;
    private final int size;
    private final float[] mean;
    private final float[][] basis;
    private final float[] rows;
    /**
     * The same vectors tile by tile, and inside a tile dimension by dimension ({@code TILE} floats each), for
     * {@link #score}; the last tile is padded with zeros.
     */
    private final float[] tiles;
    private final int embedded;

    private EmbeddingMatrix(int size, float[] mean, float[][] basis, float[] rows, int embedded) {
        this.dimension = basis == null ? mean.length : basis.length;
        this.size = size;
        this.mean = mean;
        this.basis = basis;
        this.rows = rows;
        this.embedded = embedded;
        int tileCount = (size + TILE - 1) / TILE;
        tiles = new float[rows.length == 0 ? 0 : tileCount * dimension * TILE];
        if (rows.length > 0) {
            for (int i = 0; i < size; i++) {
                int tileBase = i / TILE * dimension * TILE + i % TILE;
                for (int d = 0; d < dimension; d++) {
                    tiles[tileBase + d * TILE] = rows[i * dimension + d];
                }
            }
        }
    }

    /**
     * @param vectors    raw embeddings; nulls (papers without one) score zero against everything
     * @param components principal components kept; 0 or at least the input dimension keeps the vectors whole
     */
    public static EmbeddingMatrix build(List<float[]> vectors, int components) {
        int inputDimension = vectors.stream().filter(v -> v != null).mapToInt(v -> v.length).findFirst().orElse(0);
        int size = vectors.size();
        double[] sum = new double[inputDimension];
        int embedded = 0;
        for (float[] v : vectors) {
            if (v != null) {
                if (v.length != inputDimension) {
                    throw new IllegalArgumentException("embeddings of different dimensions");
                }
                for (int d = 0; d < inputDimension; d++) {
                    sum[d] += v[d];
                }
                embedded++;
            }
        }
        float[] mean = new float[inputDimension];
        for (int d = 0; d < inputDimension; d++) {
            mean[d] = embedded == 0 ? 0 : (float) (sum[d] / embedded);
        }
        float[][] basis = components > 0 && components < inputDimension && embedded > components
                ? principalComponents(vectors, mean, components) : null;
        EmbeddingMatrix empty = new EmbeddingMatrix(size, mean, basis, new float[0], embedded);
        int dimension = empty.dimension;
        float[] rows = new float[dimension * size];
        java.util.stream.IntStream.range(0, size).parallel().forEach(i -> {
            float[] v = empty.normalise(vectors.get(i));
            if (v != null) {
                System.arraycopy(v, 0, rows, i * dimension, dimension);
            }
        });
        return new EmbeddingMatrix(size, mean, basis, rows, embedded);
    }

    private static float[][] principalComponents(List<float[]> vectors, float[] mean, int components) {
        int dim = mean.length;
        List<float[]> present = vectors.stream().filter(v -> v != null).toList();
        int step = Math.max(1, present.size() / COVARIANCE_SAMPLE);
        List<double[]> centred = new java.util.ArrayList<>();
        for (int i = 0; i < present.size(); i += step) {
            double[] c = new double[dim];
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                c[d] = present.get(i)[d] - mean[d];
                norm += c[d] * c[d];
            }
            if (norm > 0) {
                double inv = 1 / Math.sqrt(norm);
                for (int d = 0; d < dim; d++) {
                    c[d] *= inv;
                }
                centred.add(c);
            }
        }
        double[][] covariance = new double[dim][dim];
        java.util.stream.IntStream.range(0, dim).parallel().forEach(a -> {
            double[] row = covariance[a];
            for (double[] c : centred) {
                double ca = c[a];
                for (int b = a; b < dim; b++) {
                    row[b] += ca * c[b];
                }
            }
        });
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b < a; b++) {
                covariance[a][b] = covariance[b][a];
            }
        }
        org.apache.commons.math3.linear.EigenDecomposition eigen = new org.apache.commons.math3.linear
                .EigenDecomposition(new org.apache.commons.math3.linear.Array2DRowRealMatrix(covariance, false));
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = java.util.stream.IntStream.range(0, dim).boxed()
                .sorted((x, y) -> Double.compare(values[y], values[x])).toArray(Integer[]::new);
        float[][] basis = new float[components][dim];
        for (int k = 0; k < components; k++) {
            org.apache.commons.math3.linear.RealVector v = eigen.getEigenvector(order[k]);
            for (int d = 0; d < dim; d++) {
                basis[k][d] = (float) v.getEntry(d);
            }
        }
        return basis;
    }

    public int dimension() {
        return dimension;
    }

    public int embedded() {
        return embedded;
    }

    /** Centred, projected, unit-length copy of a raw embedding; null when there is none or it does not fit. */
    public float[] normalise(float[] raw) {
        if (raw == null || raw.length != mean.length || mean.length == 0) {
            return null;
        }
        float[] centred = new float[raw.length];
        for (int d = 0; d < raw.length; d++) {
            centred[d] = raw[d] - mean[d];
        }
        float[] v = centred;
        if (basis != null) {
            v = new float[basis.length];
            for (int k = 0; k < basis.length; k++) {
                v[k] = (float) dot(basis[k], centred);
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            return null;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < v.length; d++) {
            v[d] *= inv;
        }
        return v;
    }

    /** The normalised vector of a catalogue paper, or null when it has none. */
    public float[] row(int paper) {
        int base = paper * dimension;
        for (int d = 0; d < dimension; d++) {
            if (rows[base + d] != 0) {
                return java.util.Arrays.copyOfRange(rows, base, base + dimension);
            }
        }
        return null;
    }

    /**
     * Adds {@code query . paper} to {@code scores[paper]} for every catalogue paper. Tile by tile, dimension by
     * dimension: each step is a multiply-add over contiguous arrays, which the JIT turns into vector instructions.
     * Four partial sums, by dimension modulo 4, add in the order of a row-by-row loop with four accumulators, so no
     * score depends on the layout.
     */
    public void score(float[] query, float[] scores) {
        if (tiles.length == 0) {
            return;
        }
        float[][] partial = new float[4][TILE];
        int unrolled = dimension - dimension % 4;
        for (int start = 0; start < size; start += TILE) {
            for (float[] p : partial) {
                java.util.Arrays.fill(p, 0f);
            }
            int tileBase = start * dimension;
            for (int d = 0; d < dimension; d++) {
                float q = query[d];
                float[] p = partial[d < unrolled ? d & 3 : 0];
                int base = tileBase + d * TILE;
                for (int i = 0; i < TILE; i++) {
                    p[i] += q * tiles[base + i];
                }
            }
            float[] p0 = partial[0];
            float[] p1 = partial[1];
            float[] p2 = partial[2];
            float[] p3 = partial[3];
            int n = Math.min(TILE, size - start);
            for (int i = 0; i < n; i++) {
                scores[start + i] += (p0[i] + p1[i]) + (p2[i] + p3[i]);
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
