package dev.paperrec.recommend.content;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.util.List;

/**
 * Sentence embeddings of paper text with the in-process all-MiniLM-L6-v2 (quantized) model: 384 dimensions,
 * unit length. The service embeds a paper once at ingest and stores the vector; the engine only reads it.
 */
public final class TextEmbedder {

    public static final int DIMENSION = 384;

    static {
        // The tokenizer library (DJL) otherwise probes cloud metadata endpoints and sends telemetry on first use;
        // both switches are read by DJL from system properties as well as the environment.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

    /** The text the engine embeds for a paper: title, then abstract when there is one. */
    public static String paperText(String title, String abstractText) {
        String t = title == null ? "" : title.strip();
        String a = abstractText == null ? "" : abstractText.strip();
        return a.isEmpty() ? t : t + ". " + a;
    }

    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    /** Embeds many texts at once; the model spreads the work over the available cores. */
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream().map(Embedding::vector).toList();
    }
}
