package dev.paperrec.recommend;

import java.util.List;

/** A recommended paper with the reasons that put it in the list. */
public record RecommendedPaper(String paperId, double score, List<Reason> reasons) {
}
