package dev.paperrec.recommend.semanticscholar;

import dev.paperrec.common.error.ApiException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code fields} query parameter of the Semantic Scholar API: which paper fields an answer carries. Fields the
 * catalogue holds are filled; fields of that API's paper model that the catalogue does not hold are answered as
 * {@code null}, as that API answers data it lacks (its Python client asks for several of them by default); any other
 * name is refused, as that API refuses it.
 */
record PaperFields(Set<String> names) {

    /** Filled from the catalogue, in the order answers list them. */
    static final List<String> SERVED = List.of("paperId", "title", "abstract", "authors", "year", "publicationDate",
            "url", "externalIds", "referenceCount");
    /** Fields of that API's paper model that the catalogue does not hold: always null. */
    static final List<String> NOT_HELD = List.of("corpusId", "venue", "publicationVenue", "journal", "citationCount",
            "influentialCitationCount", "isOpenAccess", "openAccessPdf", "fieldsOfStudy", "s2FieldsOfStudy",
            "publicationTypes", "citationStyles");
    /** That API's author subfields; an author is always answered with both. */
    private static final Set<String> AUTHOR_FIELDS = Set.of("authors.authorId", "authors.name");
    /** Without {@code fields}, that API answers paperId and title. */
    static final PaperFields DEFAULT = new PaperFields(Set.of("paperId", "title"));

    static PaperFields parse(String fields) {
        if (fields == null || fields.isBlank()) {
            return DEFAULT;
        }
        Set<String> names = new LinkedHashSet<>();
        names.add("paperId");
        List<String> unknown = new ArrayList<>();
        for (String raw : fields.split(",")) {
            String name = raw.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (AUTHOR_FIELDS.contains(name)) {
                names.add("authors");
            } else if (SERVED.contains(name) || NOT_HELD.contains(name)) {
                names.add(name);
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.invalid("fields", "Unrecognized or unsupported fields: " + unknown + "; supported: "
                    + String.join(", ", SERVED) + " (and, always null here, " + String.join(", ", NOT_HELD) + ")");
        }
        return new PaperFields(names);
    }

    boolean has(String name) {
        return names.contains(name);
    }

    /** Whether the answer needs more than the ranking knows (title and date): the catalogue rows. */
    boolean needsCatalogue() {
        return has("abstract") || has("authors") || has("url") || has("externalIds") || has("referenceCount");
    }
}
