package dev.paperrec.recommend;

/**
 * Counts and timing of one model build.
 *
 * @param collaborativeNeighbours item-to-item collaborative links kept after top-k pruning
 * @param collaborativeSource     whether those links were computed by the build or loaded from the database
 * @param neighbourBatch          the batch they were loaded from, or null when computed
 * @param vocabulary              distinct terms of the content model
 * @param embeddedPapers          papers that came with an embedding
 */
public record BuildStats(int papers, int users, long events, long collaborativeNeighbours,
                         CollaborativeSource collaborativeSource, Long neighbourBatch, int vocabulary,
                         int embeddedPapers, long buildMillis) {
}
