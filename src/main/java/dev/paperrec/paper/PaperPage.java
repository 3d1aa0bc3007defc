package dev.paperrec.paper;

import java.util.List;

/** One page of a paper listing; {@code total} counts every match, not just this page. */
public record PaperPage(List<PaperView> items, int limit, int offset, long total) {
}
