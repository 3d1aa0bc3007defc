package dev.paperrec.digest.compose;

import dev.paperrec.recommend.api.RecommendationView.ReasonView;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How reasons, authors and abstracts read in a digest. */
class DigestTextTest {

    private static final ReasonView SIMILAR = new ReasonView("similar-content", "p1", "Attention is all you need.",
            0.8, null, null);
    private static final ReasonView CO_READ = new ReasonView("co-read", "p2", "BERT", null, 4, null);
    private static final ReasonView TRENDING = new ReasonView("trending", null, null, 0.5, null, null);
    private static final ReasonView FRESH = new ReasonView("fresh", null, null, 0.1, null, LocalDate.of(2026, 11, 20));

    @Test
    void shouldPreferThePersonalReason() {
        assertThat(ReasonText.describe(List.of(TRENDING, SIMILAR))).isEqualTo("Similar to “Attention is all you need” you read");
        assertThat(ReasonText.describe(List.of(CO_READ))).isEqualTo("Read by 4 readers of “BERT”");
        assertThat(ReasonText.describe(List.of(new ReasonView("co-read", "p2", "BERT", null, 1, null))))
                .isEqualTo("Read by 1 reader of “BERT”");
        assertThat(ReasonText.describe(List.of(CO_READ, FRESH))).isEqualTo("Read by 4 readers of “BERT” · New");
        assertThat(ReasonText.describe(List.of(TRENDING, new ReasonView("also-read", "p2", "BERT", null, null, null))))
                .isEqualTo("Read by readers of “BERT”");
    }

    @Test
    void shouldSayHowAPaperIsLinkedByCitations() {
        assertThat(ReasonText.describe(List.of(TRENDING, new ReasonView("cites", "p1", "BERT", null, null, null))))
                .isEqualTo("Cites “BERT”, which you read");
        assertThat(ReasonText.describe(List.of(new ReasonView("cited-by", "p1", "BERT.", null, null, null), FRESH)))
                .isEqualTo("Cited by “BERT”, which you read · New");
        assertThat(ReasonText.describe(List.of(new ReasonView("shares-references", "p1", "BERT", null, null, null, 3,
                null)))).isEqualTo("3 references in common with “BERT”");
        assertThat(ReasonText.describe(List.of(new ReasonView("shares-references", "p1", "BERT", null, null, null, 1,
                null)))).isEqualTo("1 reference in common with “BERT”");
        assertThat(ReasonText.describe(List.of(new ReasonView("cited-together", "p1", "BERT", null, null, null, null,
                2)))).isEqualTo("Cited together with “BERT” by 2 papers");
    }

    @Test
    void shouldFallBackToTrendingOrNewAndSayNothingWithoutAReason() {
        assertThat(ReasonText.describe(List.of(TRENDING))).isEqualTo("Trending this week");
        assertThat(ReasonText.describe(List.of(FRESH))).isEqualTo("New");
        assertThat(ReasonText.describe(List.of())).isNull();
    }

    @Test
    void shouldCutLongQuotedTitlesAtAWord() {
        String quoted = ReasonText.quote("Velvet: algorithms for de novo short read assembly using de Bruijn graphs.");
        assertThat(quoted).isEqualTo("“Velvet: algorithms for de novo short read assembly using de…”");
    }

    @Test
    void shouldListThreeAuthorsThenEtAl() {
        assertThat(DigestComposer.authors(List.of("A", "B", "C", "D"))).isEqualTo("A, B, C et al.");
        assertThat(DigestComposer.authors(List.of("A", "B"))).isEqualTo("A, B");
        assertThat(DigestComposer.authors(List.of())).isNull();
    }

    @Test
    void shouldCutAbstractsAtAWordNear300Characters() {
        String words = "lorem ipsum dolor sit amet, ".repeat(20);
        String summary = DigestComposer.summary(words);
        assertThat(summary).hasSizeLessThanOrEqualTo(DigestComposer.SUMMARY_CHARS + 1).endsWith("…");
        assertThat(summary.substring(0, summary.length() - 1)).doesNotEndWith(" ").doesNotEndWith(",");
        assertThat(words).startsWith(summary.substring(0, summary.length() - 1));
        assertThat(DigestComposer.summary("Short\n  abstract.")).isEqualTo("Short abstract.");
        assertThat(DigestComposer.summary(null)).isNull();
    }
}
