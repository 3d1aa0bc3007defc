package dev.paperrec.recommend.content;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextAnalysisTest {

    private final TextAnalysis analysis = new TextAnalysis();

    @Test
    void stemsLowerCasesAndDropsStopWordsAndNumbers() {
        assertThat(analysis.words("The Networks of Learning Graphs in 2024"))
                .containsExactly("network", "learn", "graph");
    }

    @Test
    void keepsEachAuthorAsOneTerm() {
        assertThat(analysis.authors(List.of("Ada  Lovelace", " Alan Turing")))
                .containsExactly("author:ada lovelace", "author:alan turing");
    }
}
