package dev.paperrec.recommend.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperrec.recommend.RecommendedPaper;
import dev.paperrec.recommend.StaleReads;
import dev.paperrec.recommend.Strategy;
import dev.paperrec.recommend.hybrid.RecommendationModel;
import dev.paperrec.recommend.model.ChangeFeed;
import dev.paperrec.recommend.model.ModelLifecycle;
import dev.paperrec.recommend.model.ModelSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Rankings as the answers show them: only papers still live, with their titles and dates as they are now, cut to
 * the page, then the JSON the API sends.
 */
public final class ViewRenderer {

    private final ModelSource source;
    private final ChangeFeed feed;
    private final ObjectMapper mapper;

  public   ViewRenderer(ModelSource source, ChangeFeed feed, ObjectMapper mapper) {
        this.source = source;
        this.feed = feed;
        this.mapper = mapper;
    }

    /**
     * Titles and dates of the live papers among {@code ranked} (and {@code also}, when not null), null for any paper
     * no longer live: from the change feed while it listens; else which are live, their dates and any title
     * changed since the build from the database, other titles from the model; all from the model while the
     * database is unreachable (then a paper withdrawn since the build may show, and the answer says stale).
     */
    public Function<String, ModelSource.PaperSummary> live(ModelLifecycle.Loaded loaded, RecommendationModel model,
                                                    List<RecommendedPaper> ranked, String also, StaleReads reads) {
        if (feed.serving()) {
            Function<String, ModelSource.PaperSummary> known = reads.orElse(() -> feed.summaries(loaded, model),
                    () -> null);
            if (known != null) {
                return known;
            }
        }
        List<String> ids = new ArrayList<>(ranked.size() + 1);
        ranked.forEach(p -> ids.add(p.paperId()));
        if (also != null) {
            ids.add(also);
        }
        // A paper last changed a margin before the build is in the model as it is now: its title can come from there.
        Instant unchangedSince = model.builtAt().minus(ChangeFeed.COMMIT_MARGIN);
        Map<String, ModelSource.PaperSummary> live = reads.orElse(
                () -> source.liveSummaries(ids, unchangedSince, model::title), () -> {
                    Map<String, ModelSource.PaperSummary> fromModel = new HashMap<>();
                    ids.forEach(id -> fromModel.put(id,
                            new ModelSource.PaperSummary(id, model.title(id), model.publishedAt(id))));
                    return fromModel;
                });
        return live::get;
    }

    /** Keeps live papers only, then cuts the page. */
    public static List<RecommendationView.Item> page(List<RecommendedPaper> ranked,
                                              Function<String, ModelSource.PaperSummary> live, int offset, int limit) {
        List<RecommendationView.Item> items = new ArrayList<>(limit);
        int skipped = 0;
        for (RecommendedPaper p : ranked) {
            ModelSource.PaperSummary summary = live.apply(p.paperId());
            if (summary == null) {
                continue;
            }
            if (skipped++ < offset) {
                continue;
            }
            items.add(new RecommendationView.Item(p.paperId(), summary.title(), summary.publishedAt(),
                    RecommendationView.round(p.score()),
                    p.reasons().stream().map(RecommendationView.ReasonView::of).toList()));
            if (items.size() == limit) {
                break;
            }
        }
        return items;
    }

    /** A strategy as the answers name it. */
    public static String wire(Strategy s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    public byte[] json(Object answer) {
        try {
            return mapper.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not render a recommendation answer", e);
        }
    }
}
