package dev.paperrec.recommend.content;

import dev.paperrec.recommend.model.PaperRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Content similarity of papers: a blend of TF-IDF cosine on title, abstract and authors and of sentence-embedding
 * cosine. Immutable; {@link #withPaper} returns a copy that also knows one more paper (indices continue after the
 * catalogue), sharing everything else, so new papers are similar-able without a rebuild.
 *
 * <p>Because both similarities are dot products of unit vectors, the summed similarity of a paper to a weighted
 * set of papers equals its dot product with the weighted sum of their vectors: a user's whole history is scored
 * against the catalogue in one pass, with no truncated neighbour lists.
 */
public final class ContentModel {

    /** Papers analysed in parallel per step; bounds the analysed text held in memory at once. */
    private static final int ANALYSIS_CHUNK = 4096;

    /** A weighted sum of paper vectors. */
    public record Profile(SparseVector words, float[] meaning) {
    }

    private final TextAnalysis analysis;
    private final TfIdfIndex words;
    private final EmbeddingMatrix meanings;
    private final double embeddingShare;
    private final double authorWeight;
    private final List<SparseVector> addedWords;
    private final List<float[]> addedMeanings;

    private ContentModel(TextAnalysis analysis, TfIdfIndex words, EmbeddingMatrix meanings, double embeddingShare,
                         double authorWeight, List<SparseVector> addedWords, List<float[]> addedMeanings) {
        this.analysis = analysis;
        this.words = words;
        this.meanings = meanings;
        this.embeddingShare = embeddingShare;
        this.authorWeight = authorWeight;
        this.addedWords = addedWords;
        this.addedMeanings = addedMeanings;
    }

    /**
     * @param embeddingShare      weight of embedding cosine; ignored (all weight on words) when no paper has one
     * @param embeddingComponents principal components of the embeddings kept (0 keeps all)
     * @param maxDocumentShare    words in a larger share of a large catalogue are left out (1 keeps all)
     */
    public static ContentModel build(List<PaperRecord> papers, double embeddingShare, int embeddingComponents,
                                     double authorWeight, double maxDocumentShare) {
        TextAnalysis analysis = new TextAnalysis();
        TfIdfIndex.Builder index = new TfIdfIndex.Builder();
        for (int from = 0; from < papers.size(); from += ANALYSIS_CHUNK) {
            papers.subList(from, Math.min(papers.size(), from + ANALYSIS_CHUNK)).parallelStream()
                    .map(p -> terms(analysis, p)).toList().forEach(index::add);
        }
        TfIdfIndex words = index.build(authorWeight, maxDocumentShare);
        EmbeddingMatrix meanings = EmbeddingMatrix.build(papers.stream().map(PaperRecord::embedding).toList(),
                embeddingComponents);
        double share = meanings.embedded() == 0 ? 0 : embeddingShare;
        return new ContentModel(analysis, words, meanings, share, authorWeight, List.of(), List.of());
    }

    private static List<String> terms(TextAnalysis analysis, PaperRecord paper) {
        List<String> terms = new ArrayList<>(analysis.words(paper.title() + "\n" + paper.abstractText()));
        terms.addAll(analysis.authors(paper.authors()));
        return terms;
    }

    public ContentModel withPaper(PaperRecord paper) {
        List<SparseVector> w = new ArrayList<>(addedWords);
        w.add(words.vectorize(terms(analysis, paper), authorWeight));
        List<float[]> m = new ArrayList<>(addedMeanings);
        m.add(meanings.normalise(paper.embedding()));
        // Not List.copyOf: a paper without an embedding has a null vector.
        return new ContentModel(analysis, words, meanings, embeddingShare, authorWeight, List.copyOf(w),
                java.util.Collections.unmodifiableList(m));
    }

    public int size() {
        return words.size() + addedWords.size();
    }

    public int vocabularySize() {
        return words.vocabularySize();
    }

    public int embedded() {
        return meanings.embedded() + (int) addedMeanings.stream().filter(v -> v != null).count();
    }

    public Profile profile(int[] papers, double[] weights) {
        int total = 0;
        for (int p : papers) {
            total += wordsOf(p).terms().length;
        }
        int[] terms = new int[total];
        float[] termWeights = new float[total];
        float[] meaning = new float[meanings.dimension()];
        int at = 0;
        for (int k = 0; k < papers.length; k++) {
            SparseVector v = wordsOf(papers[k]);
            for (int i = 0; i < v.terms().length; i++) {
                terms[at] = v.terms()[i];
                termWeights[at++] = (float) (weights[k] * v.weights()[i]);
            }
            float[] m = meaningOf(papers[k]);
            if (m != null) {
                for (int d = 0; d < m.length; d++) {
                    meaning[d] += (float) (weights[k] * m[d]);
                }
            }
        }
        return new Profile(SparseVector.sumOf(terms, termWeights, total), meaning);
    }

    /** Adds the profile's similarity to every paper (catalogue and added ones) into {@code scores}. */
    public void score(Profile profile, double[] scores) {
        int base = words.size();
        words.score(profile.words(), 1 - embeddingShare, scores);
        if (embeddingShare > 0) {
            float[] dense = new float[base];
            meanings.score(profile.meaning(), dense);
            for (int i = 0; i < base; i++) {
                scores[i] += embeddingShare * dense[i];
            }
        }
        for (int k = 0; k < addedWords.size(); k++) {
            scores[base + k] += (1 - embeddingShare) * profile.words().dot(addedWords.get(k))
                    + embeddingShare * EmbeddingMatrix.dot(profile.meaning(), addedMeanings.get(k));
        }
    }

    /**
     * Similarities among a small set of papers, for pairwise loops that compare one paper with many in turn (as
     * maximal marginal relevance does): the one is spread into a dense array, so each comparison is a gather over
     * the other's terms instead of a merge of two term lists. Same sums, in the same order, as {@link #similarity}.
     * Not thread-safe: one per loop.
     */
    public PairwiseSimilarity pairwise(int[] papers) {
        return new PairwiseSimilarity(papers);
    }

    public final class PairwiseSimilarity {
        private final SparseVector[] wordVectors;
        private final float[][] meaningVectors;
        private final float[] spread = new float[words.vocabularySize()];
        private int spreadIndex = -1;

        private PairwiseSimilarity(int[] papers) {
            wordVectors = new SparseVector[papers.length];
            meaningVectors = new float[papers.length][];
            for (int i = 0; i < papers.length; i++) {
                wordVectors[i] = wordsOf(papers[i]);
                meaningVectors[i] = meaningOf(papers[i]);
            }
        }

        /** Similarity of the papers at positions {@code i} and {@code j}; fastest with {@code i} held fixed. */
        public double between(int i, int j) {
            if (i != spreadIndex) {
                if (spreadIndex >= 0) {
                    for (int t : wordVectors[spreadIndex].terms()) {
                        spread[t] = 0;
                    }
                }
                SparseVector a = wordVectors[i];
                for (int k = 0; k < a.terms().length; k++) {
                    spread[a.terms()[k]] = a.weights()[k];
                }
                spreadIndex = i;
            }
            SparseVector b = wordVectors[j];
            double sum = 0;
            for (int k = 0; k < b.terms().length; k++) {
                sum += (double) spread[b.terms()[k]] * b.weights()[k];
            }
            return (1 - embeddingShare) * sum + (embeddingShare > 0
                    ? embeddingShare * EmbeddingMatrix.dot(meaningVectors[i], meaningVectors[j]) : 0);
        }
    }

    /** Similarity with vectors fetched once, for pairwise loops over a small set of papers. */
    public double similarity(SparseVector wordsA, float[] meaningA, SparseVector wordsB, float[] meaningB) {
        return (1 - embeddingShare) * wordsA.dot(wordsB)
                + (embeddingShare > 0 ? embeddingShare * EmbeddingMatrix.dot(meaningA, meaningB) : 0);
    }

    public SparseVector wordsOf(int paper) {
        int base = words.size();
        return paper < base ? words.document(paper) : addedWords.get(paper - base);
    }

    public float[] meaningOf(int paper) {
        if (embeddingShare == 0) {
            return null;
        }
        int base = words.size();
        return paper < base ? meanings.row(paper) : addedMeanings.get(paper - base);
    }
}
