package dev.paperrec.paper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The lines a bulk import refused: all are counted, the first {@code maxListed} are listed. */
final class RejectedLines {

    private final int maxListed;
    private final List<ImportResult.RejectedLine> listed = new ArrayList<>();
    private long count;

    RejectedLines(int maxListed) {
        this.maxListed = maxListed;
    }

    void add(long line, String error) {
        count++;
        if (listed.size() < maxListed) {
            listed.add(new ImportResult.RejectedLine(line, error));
        }
    }

    long count() {
        return count;
    }

    /** The listed lines in line order; some are found only when their chunk is written, after later lines. */
    List<ImportResult.RejectedLine> lines() {
        listed.sort(Comparator.comparingLong(ImportResult.RejectedLine::line));
        return List.copyOf(listed);
    }
}
