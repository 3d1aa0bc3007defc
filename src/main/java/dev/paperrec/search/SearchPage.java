package dev.paperrec.search;

import java.util.List;

/**
 * A page of search results, best first.
 *
 * @param total      the number of matches; when {@code totalExact} is false, a lower bound (counting stops at 1,000)
 */
public record SearchPage(List<SearchHit> items, int limit, int offset, long total, boolean totalExact) {
}
