package dev.paperrec.common.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceIdsTest {

    private static String stored(String raw) {
        ReferenceIds.Parsed parsed = ReferenceIds.parse(raw);
        assertThat(parsed.problem()).as("problem with %s", raw).isNull();
        return parsed.id();
    }

    private static String problem(String raw) {
        ReferenceIds.Parsed parsed = ReferenceIds.parse(raw);
        assertThat(parsed.valid()).as("%s is refused", raw).isFalse();
        assertThat(parsed.id()).isNull();
        return parsed.problem();
    }

    @Test
    void shouldStoreArxivIdsWithoutVersionWhateverThePrefixCase() {
        assertThat(stored("arXiv:2410.12345v3")).isEqualTo("arXiv:2410.12345");
        assertThat(stored("arXiv:2410.12345")).isEqualTo("arXiv:2410.12345");
        assertThat(stored("ARXIV:2410.12345")).isEqualTo("arXiv:2410.12345");
        assertThat(stored("arxiv:1501.0001v1")).isEqualTo("arXiv:1501.0001");
        assertThat(stored("  arXiv:2410.12345  ")).isEqualTo("arXiv:2410.12345");
    }

    @Test
    void shouldAcceptOldStyleArxivIds() {
        assertThat(stored("arXiv:hep-th/9901001")).isEqualTo("arXiv:hep-th/9901001");
        assertThat(stored("arXiv:hep-th/9901001v2")).isEqualTo("arXiv:hep-th/9901001");
        assertThat(stored("arXiv:math.GT/0309136")).isEqualTo("arXiv:math.GT/0309136");
        assertThat(stored("arXiv:cond-mat/0211034")).isEqualTo("arXiv:cond-mat/0211034");
    }

    @Test
    void shouldStoreDoisLowerCase() {
        assertThat(stored("doi:10.1145/3292500.3330701")).isEqualTo("doi:10.1145/3292500.3330701");
        assertThat(stored("DOI:10.1038/Nature14539")).isEqualTo("doi:10.1038/nature14539");
    }

    @Test
    void shouldConvertArxivAndDoiLinks() {
        assertThat(stored("https://arxiv.org/abs/2410.12345v2")).isEqualTo("arXiv:2410.12345");
        assertThat(stored("http://www.arxiv.org/pdf/2410.12345.pdf")).isEqualTo("arXiv:2410.12345");
        assertThat(stored("https://arxiv.org/abs/hep-th/9901001")).isEqualTo("arXiv:hep-th/9901001");
        assertThat(stored("https://doi.org/10.1038/Nature14539")).isEqualTo("doi:10.1038/nature14539");
        assertThat(stored("https://dx.doi.org/10.1002/%28SICI%291097-4571")).isEqualTo("doi:10.1002/(sici)1097-4571");
        assertThat(stored("HTTPS://ARXIV.ORG/abs/2410.12345")).isEqualTo("arXiv:2410.12345");
    }

    @Test
    void shouldKeepCatalogueIdsAsTheyAre() {
        assertThat(stored("citeulike-42")).isEqualTo("citeulike-42");
        assertThat(stored("0")).isEqualTo("0");
        assertThat(stored("2410.12345")).isEqualTo("2410.12345");
        assertThat(stored("Paper_A.1")).isEqualTo("Paper_A.1");
    }

    @Test
    void shouldRefuseWhatIsNoReferenceWithAReason() {
        assertThat(problem("isbn:978-3-16-148410-0")).contains("unknown scheme 'isbn:'");
        assertThat(problem("arXiv:12345")).contains("not an arXiv id");
        assertThat(problem("arXiv:2410.12345v")).contains("not an arXiv id");
        assertThat(problem("doi:11.1000/182")).contains("not a DOI");
        assertThat(problem("doi:10.1000/with space")).contains("not a DOI");
        assertThat(problem("https://example.org/paper")).contains("neither arxiv.org nor doi.org");
        assertThat(problem("two words")).contains("neither a catalogue paper id");
        assertThat(problem("")).isEqualTo("must not be blank");
        assertThat(problem("   ")).isEqualTo("must not be blank");
        assertThat(problem(null)).isEqualTo("must not be blank");
        assertThat(problem("doi:10.1000/" + "x".repeat(300))).contains("at most 300");
        assertThat(problem("x".repeat(200))).contains("catalogue paper id");
    }

    @Test
    void shouldNameTheFormsUnderWhichAPaperIsCited() {
        assertThat(ReferenceIds.aliases("2410.12345", null)).containsExactly("2410.12345", "arXiv:2410.12345");
        assertThat(ReferenceIds.aliases("hep-th/9901001", null))
                .containsExactly("hep-th/9901001", "arXiv:hep-th/9901001");
        assertThat(ReferenceIds.aliases("citeulike-7", "https://arxiv.org/abs/2401.00001v4"))
                .containsExactly("citeulike-7", "arXiv:2401.00001");
        assertThat(ReferenceIds.aliases("p-1", "https://doi.org/10.1145/ABC")).containsExactly("p-1", "doi:10.1145/abc");
        assertThat(ReferenceIds.aliases("p-2", "https://example.org/p-2")).containsExactly("p-2");
    }
}
