package dev.paperrec.console;

import dev.paperrec.common.api.PaperLinks;
import io.quarkus.qute.TemplateExtension;

/** Links the console's templates build from ids. */
@TemplateExtension
public final class ConsoleLinks {

    private ConsoleLinks() {
    }

    /** {@code /papers/{card.paperId.pathSegment}}: the id as one segment, a slash in it encoded. */
    static String pathSegment(String paperId) {
        return PaperLinks.segment(paperId);
    }
}
