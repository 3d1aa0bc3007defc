package dev.paperrec.bench;

import dev.paperrec.recommend.content.EmbeddingMatrix;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Would an approximate nearest-neighbour index pay for itself at this catalogue size? Reads the stored embeddings
 * and users' histories of a service database, projects the embeddings as the engine does ({@link EmbeddingMatrix}),
 * then, for the summed embedding profiles of real users, times the engine's exact scan against a Lucene HNSW search
 * for the K best papers and reports the HNSW's recall of the exact top K. Run by hand (docs/scaling.md):
 * {@code ./mvnw -q -B -Pbench test-compile exec:java -Dbench.main=dev.paperrec.bench.AnnProbe -Dexec.args="--jdbc-url
 * jdbc:postgresql://localhost:15432/postgres --jdbc-password $(cat DATA_DIR/paperrec-password)"}.
 */
public final class AnnProbe {

    private AnnProbe() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = ImportBenchmark.options(args);
        int queries = Integer.parseInt(o.getOrDefault("queries", "300"));
        int m = Integer.parseInt(o.getOrDefault("m", "16"));
        int beam = Integer.parseInt(o.getOrDefault("beam", "100"));
        int[] ks = Arrays.stream(o.getOrDefault("k", "50,300,1500").split(",")).mapToInt(Integer::parseInt).toArray();

        Map<String, Integer> index = new HashMap<>();
        List<float[]> raw = new ArrayList<>();
        List<int[]> histories = new ArrayList<>();
        try (Connection c = ImportBenchmark.connect(o, o.get("jdbc-url")); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id, embedding FROM paper WHERE embedding IS NOT NULL "
                    + "AND withdrawn_at IS NULL ORDER BY id")) {
                while (rs.next()) {
                    Array a = rs.getArray(2);
                    Float[] boxed = (Float[]) a.getArray();
                    float[] v = new float[boxed.length];
                    for (int d = 0; d < v.length; d++) {
                        v[d] = boxed[d];
                    }
                    index.put(rs.getString(1), raw.size());
                    raw.add(v);
                }
            }
            // The users with the most distinct papers first would skew towards long histories; a hash order does not.
            try (ResultSet rs = st.executeQuery("SELECT user_id, array_agg(DISTINCT paper_id) FROM interaction "
                    + "WHERE type IN ('read', 'upvote') GROUP BY user_id ORDER BY md5(user_id) LIMIT " + queries)) {
                while (rs.next()) {
                    histories.add(Arrays.stream((String[]) rs.getArray(2).getArray()).map(index::get)
                            .filter(p -> p != null).mapToInt(Integer::intValue).toArray());
                }
            }
        }
        EmbeddingMatrix matrix = EmbeddingMatrix.build(raw, 128);
        int n = raw.size();
        long started = System.nanoTime();
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig().setRAMBufferSizeMB(1024).setCodec(new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return new Lucene99HnswVectorsFormat(m, beam);
            }
        });
        try (IndexWriter w = new IndexWriter(dir, config)) {
            for (int p = 0; p < n; p++) {
                Document d = new Document();
                d.add(new KnnFloatVectorField("v", matrix.row(p), VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT));
                w.addDocument(d);
            }
            w.forceMerge(1);
        }
        System.out.printf("%d papers, %d profiles; HNSW M=%d beam=%d built in %.1f s%n", n, histories.size(), m, beam,
                (System.nanoTime() - started) / 1e9);

        float[][] profiles = new float[histories.size()][];
        for (int q = 0; q < profiles.length; q++) {
            profiles[q] = new float[matrix.dimension()];
            for (int p : histories.get(q)) {
                float[] row = matrix.row(p);
                for (int d = 0; d < row.length; d++) {
                    profiles[q][d] += row[d];
                }
            }
        }
        float[][] exact = new float[profiles.length][n];
        long[] scanTimes = new long[profiles.length];
        for (int round = 0; round < 2; round++) {
            for (int q = 0; q < profiles.length; q++) {
                long t = System.nanoTime();
                matrix.score(profiles[q], exact[q]);
                scanTimes[q] = System.nanoTime() - t;
            }
        }
        report("exact scan", scanTimes, Double.NaN);
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            for (int k : ks) {
                long[] times = new long[profiles.length];
                double recall = 0;
                for (int round = 0; round < 2; round++) {
                    recall = 0;
                    for (int q = 0; q < profiles.length; q++) {
                        long t = System.nanoTime();
                        TopDocs top = searcher.search(new KnnFloatVectorQuery("v", profiles[q], k), k);
                        times[q] = System.nanoTime() - t;
                        float[] sorted = exact[q].clone();
                        Arrays.sort(sorted);
                        float kth = sorted[n - k];
                        int found = 0;
                        for (ScoreDoc hit : top.scoreDocs) {
                            found += exact[q][hit.doc] >= kth ? 1 : 0;
                        }
                        recall += found / (double) k;
                    }
                }
                report("HNSW top " + k, times, recall / profiles.length);
            }
        }
    }

    private static void report(String what, long[] nanos, double recall) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-14s p50 %.2f ms  p99 %.2f ms%s%n", what, sorted[sorted.length / 2] / 1e6,
                sorted[Math.min(sorted.length - 1, sorted.length * 99 / 100)] / 1e6,
                Double.isNaN(recall) ? "" : String.format("  recall of the exact top K %.3f", recall));
    }
}
