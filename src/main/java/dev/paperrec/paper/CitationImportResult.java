package dev.paperrec.paper;

import java.util.List;

/**
 * Outcome of a citations import: references added, pairs that were stored already, and the lines refused (all
 * counted, the first ones listed with their line number).
 */
public record CitationImportResult(long added, long alreadyKnown, long rejectedCount,
                                   List<ImportResult.RejectedLine> rejected) {
}
