package dev.paperrec.recommend.model;

/**
 * Counts and timing of one model build.
 *
 * @param collaborativeNeighbours item-to-item collaborative links kept after top-k pruning
 * @param collaborativeSource     whether those links were computed by the build or loaded from the database
 * @param neighbourBatch          the batch they were loaded from, or null when computed
 * @param vocabulary              distinct terms of the content model
 * @param embeddedPapers          papers that came with an embedding
 * @param references              references of the catalogue's papers, to catalogue papers or to other works
 * @param citationLinks           references that name a catalogue paper
 * @param citationNeighbours      paper-to-paper citation links kept after top-k pruning
 * @param citationBatch           the batch they were loaded from, or null when computed
 */
public record BuildStats(int papers, int users, long events, long collaborativeNeighbours,
                         NeighbourOrigin collaborativeSource, Long neighbourBatch, int vocabulary,
                         int embeddedPapers, long references, long citationLinks, long citationNeighbours,
                         Long citationBatch, long buildMillis) {
}
