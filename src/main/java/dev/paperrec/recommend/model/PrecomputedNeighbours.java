package dev.paperrec.recommend.model;

import dev.paperrec.recommend.collaborative.ItemNeighbours;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The rows of one completed batch of precomputed collaborative neighbours (table {@code paper_neighbour}, see
 * docs/scaling.md), by paper id: the model gives papers their dense indices only when it is built. Rows sit in
 * primitive columns over interned ids, since a batch of millions of pairs names no more papers than the catalogue.
 */
public final class PrecomputedNeighbours {

    private final long batchId;
    private final Instant completedAt;
    private final Long declaredRows;
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Integer> idIndex = new HashMap<>();
    private int[] papers = new int[1024];
    private int[] neighbours = new int[1024];
    private float[] similarities = new float[1024];
    private int[] coReaders = new int[1024];
    private int rows;

    /**
     * @param declaredRows the row count the writer recorded for the batch, or null when it recorded none
     */
    public PrecomputedNeighbours(long batchId, Instant completedAt, Long declaredRows) {
        this.batchId = batchId;
        this.completedAt = completedAt;
        this.declaredRows = declaredRows;
    }

    /** Appends one row: {@code neighbourId} is among the papers most like {@code paperId}. */
    public void add(String paperId, String neighbourId, float similarity, int coReaders) {
        if (rows == papers.length) {
            int capacity = rows * 2;
            papers = Arrays.copyOf(papers, capacity);
            neighbours = Arrays.copyOf(neighbours, capacity);
            similarities = Arrays.copyOf(similarities, capacity);
            this.coReaders = Arrays.copyOf(this.coReaders, capacity);
        }
        papers[rows] = intern(paperId);
        neighbours[rows] = intern(neighbourId);
        similarities[rows] = similarity;
        this.coReaders[rows++] = coReaders;
    }

    public long batchId() {
        return batchId;
    }

    public Instant completedAt() {
        return completedAt;
    }

    /** The row count the writer recorded, or null. */
    public Long declaredRows() {
        return declaredRows;
    }

    public int rows() {
        return rows;
    }

    /**
     * The pairs as dense-index neighbours: rows naming a paper {@code indexOf} does not know (-1) are dropped, as
     * are self-pairs; each paper keeps its {@code k} most similar neighbours.
     */
    ItemNeighbours resolve(ToIntFunction<String> indexOf, int itemCount, int k) {
        int[] index = ids.stream().mapToInt(indexOf).toArray();
        int[] p = new int[rows];
        int[] q = new int[rows];
        for (int r = 0; r < rows; r++) {
            p[r] = index[papers[r]];
            q[r] = index[neighbours[r]];
        }
        return ItemNeighbours.fromPairs(p, q, Arrays.copyOf(similarities, rows), Arrays.copyOf(coReaders, rows),
                itemCount, k);
    }

    private int intern(String id) {
        return idIndex.computeIfAbsent(id, i -> {
            ids.add(i);
            return ids.size() - 1;
        });
    }
}
