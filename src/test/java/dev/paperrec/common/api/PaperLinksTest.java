package dev.paperrec.common.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PaperLinksTest {

    @Test
    void shouldKeepAnIdWithSlashesAndColonsInOneSegment() {
        assertThat(PaperLinks.segment("10.1145/abc")).isEqualTo("10.1145%2Fabc");
        assertThat(PaperLinks.segment("doi:10.1038/NATURE14539")).isEqualTo("doi%3A10.1038%2FNATURE14539");
        assertThat(PaperLinks.segment("arXiv:hep-th/9901001")).isEqualTo("arXiv%3Ahep-th%2F9901001");
        assertThat(PaperLinks.segment("2410.12345_v2-x")).isEqualTo("2410.12345_v2-x");
    }

    @Test
    void shouldRefusePaperIdsThatNoPathCouldAddress() {
        assertThat(Ids.paperIdProblem(".")).isNotNull();
        assertThat(Ids.paperIdProblem("..")).isNotNull();
        assertThat(Ids.paperIdProblem("a/../b")).isNull();
        assertThat(Ids.paperIdProblem("...")).isNull();
    }
}
