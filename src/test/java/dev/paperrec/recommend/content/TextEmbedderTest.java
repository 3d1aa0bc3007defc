package dev.paperrec.recommend.content;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextEmbedderTest {

    @Test
    void putsParaphrasesCloserThanUnrelatedTitles() {
        TextEmbedder embedder = new TextEmbedder();
        List<float[]> v = embedder.embedAll(List.of(
                "Deep neural networks for image recognition",
                "Recognising pictures with deep learning",
                "Monetary policy and inflation expectations"));

        assertThat(v.get(0)).hasSize(TextEmbedder.DIMENSION);
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(EmbeddingMatrix.dot(v.get(0), v.get(1))).isGreaterThan(EmbeddingMatrix.dot(v.get(0), v.get(2)) + 0.2);
    }
}
