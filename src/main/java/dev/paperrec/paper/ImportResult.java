package dev.paperrec.paper;

import java.util.List;

/** Outcome of a bulk import: good lines are kept even when others are rejected. */
public record ImportResult(long created, long updated, long rejectedCount, List<RejectedLine> rejected) {

    /** A line (1-based; for a JSON array, the element's position) that was not imported, and why. */
    public record RejectedLine(long line, String error) {
    }
}
