package dev.paperrec.recommend.content;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TF-IDF vectors of the catalogue (sublinear term frequency, smoothed idf, unit length) with an inverted index, so
 * that a query vector is scored against every paper by walking only the posting lists of its own terms.
 */
public final class TfIdfIndex {

    private final Map<String, Integer> vocabulary;
    private final float[] idf;
    private final boolean[] authorTerms;
    private final SparseVector[] documents;
    private final int[] postingStart;
    private final int[] postingDocs;
    private final float[] postingWeights;

    private TfIdfIndex(Map<String, Integer> vocabulary, float[] idf, boolean[] authorTerms, SparseVector[] documents) {
        this.vocabulary = vocabulary;
        this.idf = idf;
        this.authorTerms = authorTerms;
        this.documents = documents;
        postingStart = new int[idf.length + 1];
        for (SparseVector d : documents) {
            for (int t : d.terms()) {
                postingStart[t + 1]++;
            }
        }
        for (int t = 0; t < idf.length; t++) {
            postingStart[t + 1] += postingStart[t];
        }
        postingDocs = new int[postingStart[idf.length]];
        postingWeights = new float[postingDocs.length];
        int[] fill = Arrays.copyOf(postingStart, idf.length);
        for (int doc = 0; doc < documents.length; doc++) {
            SparseVector d = documents[doc];
            for (int k = 0; k < d.terms().length; k++) {
                int at = fill[d.terms()[k]]++;
                postingDocs[at] = doc;
                postingWeights[at] = d.weights()[k];
            }
        }
    }

    /** Documents are term lists already analysed; author terms are scaled by {@code authorWeight}. */
    public static TfIdfIndex build(List<List<String>> documents, double authorWeight) {
        Builder builder = new Builder();
        documents.forEach(builder::add);
        return builder.build(authorWeight);
    }

    /**
     * Collects documents one at a time, keeping only their term ids, so the analysed strings of a large catalogue
     * never have to be in memory all at once.
     */
    public static final class Builder {
        /** A term is never too common to keep while it is in at most this many papers. */
        static final int COMMON_TERM_FLOOR = 1000;
        private final Map<String, Integer> vocabulary = new HashMap<>();
        private final List<int[]> termIds = new ArrayList<>();
        private int[] df = new int[16];

        public void add(List<String> document) {
            int[] ids = new int[document.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = vocabulary.computeIfAbsent(document.get(i), k -> vocabulary.size());
            }
            termIds.add(ids);
            for (int t : Arrays.stream(ids).distinct().toArray()) {
                if (t >= df.length) {
                    df = Arrays.copyOf(df, Math.max(t + 1, df.length * 2));
                }
                df[t]++;
            }
        }

        public TfIdfIndex build(double authorWeight) {
            return build(authorWeight, 1.0);
        }

        /**
         * @param maxDocumentShare terms in more than this share of a large catalogue (and in more than
         *                         {@link #COMMON_TERM_FLOOR} papers) are left out, like a stop word: they tell
         *                         papers apart least, and their long posting lists are most of a query's cost
         */
        public TfIdfIndex build(double authorWeight, double maxDocumentShare) {
            int n = termIds.size();
            double common = Math.max(maxDocumentShare * n, COMMON_TERM_FLOOR);
            float[] idf = new float[vocabulary.size()];
            for (int t = 0; t < idf.length; t++) {
                idf[t] = df[t] > common ? 0 : (float) Math.log((n + 1.0) / df[t]);
            }
            boolean[] isAuthor = new boolean[idf.length];
            vocabulary.forEach((term, id) -> isAuthor[id] = term.startsWith(TextAnalysis.AUTHOR_PREFIX));
            SparseVector[] vectors = new SparseVector[n];
            for (int d = 0; d < n; d++) {
                vectors[d] = weigh(termIds.get(d), idf, isAuthor, authorWeight);
            }
            return new TfIdfIndex(vocabulary, idf, isAuthor, vectors);
        }
    }

    /** Vector of a paper outside the catalogue, with the catalogue's idf; unseen terms carry no weight. */
    public SparseVector vectorize(List<String> terms, double authorWeight) {
        int[] ids = terms.stream().map(vocabulary::get).filter(id -> id != null).mapToInt(Integer::intValue).toArray();
        return weigh(ids, idf, authorTerms, authorWeight);
    }

    private static SparseVector weigh(int[] ids, float[] idf, boolean[] isAuthor, double authorWeight) {
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        int[] terms = new int[sorted.length];
        float[] weights = new float[sorted.length];
        int n = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            int t = sorted[i];
            double w = (1 + Math.log(j - i)) * idf[t] * (isAuthor[t] ? authorWeight : 1.0);
            if (w > 0) {
                terms[n] = t;
                weights[n++] = (float) w;
            }
            i = j;
        }
        double norm = 0;
        for (int i = 0; i < n; i++) {
            norm += weights[i] * weights[i];
        }
        float inv = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < n; i++) {
            weights[i] *= inv;
        }
        return new SparseVector(Arrays.copyOf(terms, n), Arrays.copyOf(weights, n));
    }

    public int size() {
        return documents.length;
    }

    public int vocabularySize() {
        return idf.length;
    }

    public SparseVector document(int doc) {
        return documents[doc];
    }

    /** Adds {@code scale * cosine(query, paper)} to {@code scores[paper]} for every catalogue paper. */
    public void score(SparseVector query, double scale, double[] scores) {
        int[] terms = query.terms();
        float[] weights = query.weights();
        for (int k = 0; k < terms.length; k++) {
            double w = scale * weights[k];
            for (int p = postingStart[terms[k]], end = postingStart[terms[k] + 1]; p < end; p++) {
                scores[postingDocs[p]] += w * postingWeights[p];
            }
        }
    }
}
