package dev.paperrec.paper;

import dev.paperrec.common.api.ReferenceIds;
import dev.paperrec.common.error.Problem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The works a paper cites, checked and brought to the form {@link ReferenceIds} stores. */
final class References {

    /** The most references one paper may have. */
    static final int MAX = 2000;
    static final String SELF_CITATION = "a paper cannot cite itself";

    private References() {
    }

    /** A paper with its references in stored form, or what is wrong with them, by field. */
    record Checked(PaperInput paper, List<Problem.FieldError> errors) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    /** Normalises the paper's references (absent stays absent); a repeated one keeps its first place. */
    static Checked check(PaperInput paper) {
        if (paper.references() == null) {
            return new Checked(paper, List.of());
        }
        Set<String> self = ReferenceIds.aliases(paper.id(), paper.url());
        Set<String> ids = new LinkedHashSet<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> given = paper.references();
        for (int i = 0; i < given.size(); i++) {
            ReferenceIds.Parsed parsed = ReferenceIds.parse(given.get(i));
            String problem = !parsed.valid() ? parsed.problem() : self.contains(parsed.id()) ? SELF_CITATION : null;
            if (problem != null) {
                errors.add(new Problem.FieldError("references[" + i + "]", problem));
            } else {
                ids.add(parsed.id());
            }
        }
        return new Checked(paper.withReferences(List.copyOf(ids)), errors);
    }
}
