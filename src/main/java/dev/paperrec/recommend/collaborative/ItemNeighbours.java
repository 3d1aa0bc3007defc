package dev.paperrec.recommend.collaborative;

import org.apache.mahout.cf.taste.common.Refreshable;
import org.apache.mahout.cf.taste.similarity.ItemSimilarity;

import java.util.Arrays;
import java.util.Collection;

/**
 * The top-k most similar papers of every paper, precomputed, in Mahout's {@link ItemSimilarity} vocabulary (item IDs
 * are the engine's dense paper indices). Like Mahout's {@code GenericItemSimilarity} it only answers for the pairs
 * it kept; unlike it, the pairs sit in flat primitive arrays (about 12 bytes a pair instead of boxed hash maps), and
 * each pair also keeps how many users interacted with both papers, so explanations quote a true count.
 * Immutable: {@link #refresh} has nothing to do, a new build replaces the whole object.
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
