package dev.paperrec.common.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Paper ids in links: every id the catalogue accepts ({@link Ids#PAPER_ID_REGEX}) must lead back to its paper. */
public final class PaperLinks {

    private PaperLinks() {
    }

    /**
     * A paper id as one path segment: {@code 10.1145/abc} becomes {@code 10.1145%2Fabc}. A raw slash would split the
     * id into segments that match another route (or, with dot segments, be normalised away); an encoded one stays
     * part of the id for every resource with an {@code {id}} segment.
     */
    public static String segment(String paperId) {
        return URLEncoder.encode(paperId, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
