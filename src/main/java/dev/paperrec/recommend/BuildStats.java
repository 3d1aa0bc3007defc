package dev.paperrec.recommend;

/**
 * Counts and timing of one model build.
 *
 * @param collaborativeNeighbours item-to-item collaborative links kept after top-k pruning
 * @param vocabulary              distinct terms of the content model
 * @param embeddedPapers          papers that came with an embedding
 */
public record BuildStats(int papers, int users, long events, long collaborativeNeighbours, int vocabulary,
                         int embeddedPapers, long buildMillis) {
}
