package dev.paperrec.recommend.model;

import dev.paperrec.recommend.RecommendConfig;
import dev.paperrec.recommend.content.TextEmbedder;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Computes sentence embeddings for papers that have none (new, or whose text changed) and stores them in
 * PostgreSQL, so no replica ever re-embeds the catalogue at start-up. When a round embedded something, the model
 * is rebuilt to use the new vectors; until then those papers are compared by their words alone.
 */
@ApplicationScoped
class PaperEmbedder {

    private static final Logger LOG = Logger.getLogger(PaperEmbedder.class);

    private final ModelSource source;
    private final ModelLifecycle lifecycle;
    private final RecommendConfig config;
    private TextEmbedder embedder;

    PaperEmbedder(ModelSource source, ModelLifecycle lifecycle, RecommendConfig config) {
        this.source = source;
        this.lifecycle = lifecycle;
        this.config = config;
    }

    @Scheduled(every = "${paperrec.recommend.embedding-poll-interval:PT5S}", delayed = "PT1S",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void embedPending() {
        if (!config.embeddingsEnabled()) {
            return;
        }
        long started = System.nanoTime();
        int stored = 0;
        while (true) {
            List<PaperRecord> batch = source.unembedded(config.embeddingBatchSize());
            if (batch.isEmpty()) {
                break;
            }
            List<float[]> vectors = embedder().embedAll(batch.stream()
                    .map(p -> TextEmbedder.paperText(p.title(), p.abstractText())).toList());
            int n = source.storeEmbeddings(batch, vectors);
            stored += n;
            // Nothing stored means every paper changed under us; the next round sees their new text.
            if (n == 0 || batch.size() < config.embeddingBatchSize()) {
                break;
            }
        }
        if (stored > 0) {
            LOG.infof("Embedded %d papers in %d ms", stored, (System.nanoTime() - started) / 1_000_000);
            lifecycle.rebuild();
        }
    }

    private synchronized TextEmbedder embedder() {
        if (embedder == null) {
            embedder = new TextEmbedder();
        }
        return embedder;
    }
}
