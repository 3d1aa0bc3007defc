package dev.paperrec.recommend.collaborative;

import dev.paperrec.recommend.hybrid.TopPapers;
import org.apache.mahout.cf.taste.common.Refreshable;
import org.apache.mahout.cf.taste.similarity.ItemSimilarity;

import java.util.Arrays;
import java.util.Collection;

/**
 * The top-k most similar papers of every paper, precomputed, in Mahout's {@link ItemSimilarity} vocabulary (item IDs
 * are the engine's dense paper indices). Like Mahout's {@code GenericItemSimilarity} it only answers for the pairs
 * it kept; unlike it, the pairs sit in flat primitive arrays (about 12 bytes a pair instead of boxed hash maps), and
 * each pair also keeps how many users interacted with both papers, so explanations quote a true count (0 when the
 * pairs came precomputed without one). Built by {@link LogLikelihoodNeighbours} or, from pairs computed elsewhere,
 * by {@link #fromPairs}. Immutable: {@link #refresh} has nothing to do, a new build replaces the whole object.
 */
public final class ItemNeighbours implements ItemSimilarity {

    private final int[] start;
    private final int[] items;
    private final float[] similarities;
    private final int[] coReaders;

    ItemNeighbours(int[] start, int[] items, float[] similarities, int[] coReaders) {
        this.start = start;
        this.items = items;
        this.similarities = similarities;
        this.coReaders = coReaders;
    }

    /**
     * Neighbours from precomputed pairs, such as the rows of a neighbour table written by a distributed job: row
     * {@code r} says that paper {@code papers[r]} has the neighbour {@code neighbours[r]} with
     * {@code similarities[r]} (larger is more similar) and {@code coReaders[r]} users who read both (0 when
     * unknown). Each paper keeps its {@code k} most similar neighbours, ties going to the lower index. Rows naming
     * an index outside {@code 0 .. itemCount - 1} (a paper the model does not know), self-pairs and rows whose
     * similarity is not a positive finite number are dropped. A pair given more than once keeps its highest
     * similarity, then its highest co-reader count, so the result does not depend on the order of the rows.
     */
    public static ItemNeighbours fromPairs(int[] papers, int[] neighbours, float[] similarities, int[] coReaders,
                                           int itemCount, int k) {
        int rows = papers.length;
        if (neighbours.length != rows || similarities.length != rows || coReaders.length != rows) {
            throw new IllegalArgumentException("papers, neighbours, similarities and coReaders differ in length");
        }
        // Counting sort of the usable rows by paper: bucket i holds order[bucket[i] .. bucket[i + 1] - 1].
        int[] bucket = new int[itemCount + 1];
        for (int r = 0; r < rows; r++) {
            if (usable(papers[r], neighbours[r], similarities[r], itemCount)) {
                bucket[papers[r] + 1]++;
            }
        }
        int widest = 0;
        for (int i = 0; i < itemCount; i++) {
            widest = Math.max(widest, bucket[i + 1]);
            bucket[i + 1] += bucket[i];
        }
        int[] order = new int[bucket[itemCount]];
        int[] cursor = Arrays.copyOf(bucket, itemCount);
        for (int r = 0; r < rows; r++) {
            if (usable(papers[r], neighbours[r], similarities[r], itemCount)) {
                order[cursor[papers[r]]++] = r;
            }
        }

        int[] start = new int[itemCount + 1];
        int[] items = new int[order.length];
        float[] kept = new float[order.length];
        int[] counts = new int[order.length];
        int[] seenBy = new int[itemCount];
        Arrays.fill(seenBy, -1);
        int[] bestRow = new int[itemCount];
        int[] candidates = new int[widest];
        // Ties go to the lower neighbour index.
        int perPaper = Math.max(0, Math.min(k, widest));
        TopPapers top = new TopPapers(perPaper, Integer::compare);
        int[] best = new int[perPaper];
        int at = 0;
        for (int i = 0; i < itemCount; i++) {
            int distinct = 0;
            for (int o = bucket[i]; o < bucket[i + 1]; o++) {
                int r = order[o];
                int j = neighbours[r];
                if (seenBy[j] != i) {
                    seenBy[j] = i;
                    bestRow[j] = r;
                    candidates[distinct++] = j;
                } else if (similarities[r] > similarities[bestRow[j]]
                        || similarities[r] == similarities[bestRow[j]] && coReaders[r] > coReaders[bestRow[j]]) {
                    bestRow[j] = r;
                }
            }
            top.clear();
            for (int t = 0; t < distinct; t++) {
                top.offer(candidates[t], similarities[bestRow[candidates[t]]]);
            }
            int chosen = top.size();
            top.drainInto(best, null);
            for (int t = 0; t < chosen; t++) {
                int j = best[t];
                items[at] = j;
                kept[at] = similarities[bestRow[j]];
                counts[at++] = coReaders[bestRow[j]];
            }
            start[i + 1] = at;
        }
        return new ItemNeighbours(start, Arrays.copyOf(items, at), Arrays.copyOf(kept, at), Arrays.copyOf(counts, at));
    }

    private static boolean usable(int paper, int neighbour, float similarity, int itemCount) {
        return paper >= 0 && paper < itemCount && neighbour >= 0 && neighbour < itemCount && paper != neighbour
                && similarity > 0 && similarity < Float.POSITIVE_INFINITY;
    }

    public int size() {
        return start.length - 1;
    }

    public long pairs() {
        return items.length;
    }

    /** Neighbours of {@code item} are the positions {@code from(item) .. to(item) - 1}, most similar first. */
    public int from(int item) {
        return item < size() ? start[item] : 0;
    }

    public int to(int item) {
        return item < size() ? start[item + 1] : 0;
    }

    public int itemAt(int position) {
        return items[position];
    }

    public float similarityAt(int position) {
        return similarities[position];
    }

    public int coReadersAt(int position) {
        return coReaders[position];
    }

    /** Position of {@code other} among the neighbours of {@code item}, or -1. */
    public int positionOf(int item, int other) {
        for (int p = from(item); p < to(item); p++) {
            if (items[p] == other) {
                return p;
            }
        }
        return -1;
    }

    @Override
    public double itemSimilarity(long itemID1, long itemID2) {
        int p = positionOf((int) itemID1, (int) itemID2);
        return p < 0 ? Double.NaN : similarities[p];
    }

    @Override
    public double[] itemSimilarities(long itemID1, long[] itemID2s) {
        return Arrays.stream(itemID2s).mapToDouble(id -> itemSimilarity(itemID1, id)).toArray();
    }

    @Override
    public long[] allSimilarItemIDs(long itemID) {
        return Arrays.stream(items, from((int) itemID), to((int) itemID)).asLongStream().toArray();
    }

    @Override
    public void refresh(Collection<Refreshable> alreadyRefreshed) {
        // Immutable by design: a rebuild replaces the object.
    }
}
