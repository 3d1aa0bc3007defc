package dev.paperrec.recommend.trending;

import dev.paperrec.recommend.Reason;
import dev.paperrec.recommend.RecommendationSource;
import dev.paperrec.recommend.UserHistory;
import dev.paperrec.recommend.model.PaperRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Activity across all readers ({@link TrendingIndex}): the trending lists, and the papers that fill any list whose
 * personal sources ran dry, ranked once at the build's time over the configured window.
 */
public final class TrendingSource implements RecommendationSource {

    private final TrendingIndex index;
    /** The built papers by trending score at build time, best first, then by all-time popularity. */
    private final int[] order;
    /** Trending score of each built paper at build time, by index. */
    private final double[] scores;

    public TrendingSource(TrendingIndex index, Instant builtAt, Duration window, int builtSize) {
        this.index = index;
        TrendingIndex.Ranking ranking = index.rank(builtAt, window, builtSize, p -> true);
        order = ranking.papers();
        scores = new double[builtSize];
        for (int k = 0; k < ranking.scores().length; k++) {
            scores[order[k]] = ranking.scores()[k];
        }
    }

    @Override
    public String name() {
        return "trending";
    }

    @Override
    public Role role() {
        return Role.POPULARITY;
    }

    @Override
    public double weight() {
        return 1;
    }

    /** The same for every reader: the scores at build time. */
    @Override
    public Scores score(UserHistory history, int size) {
        double[] values = Arrays.copyOf(scores, size);
        return new Scores() {
            @Override
            public double[] values() {
                return values;
            }

            @Override
            public Reason reason(int paper, int[] seeds, PaperNames names) {
                List<Reason> reasons = reasons(values[paper]);
                return reasons.isEmpty() ? null : reasons.get(0);
            }
        };
    }

    /** Activity needs readers: a paper added since the build has none yet. */
    @Override
    public RecommendationSource withPaper(PaperRecord paper) {
        return this;
    }

    /** Papers with the most activity in {@code window} before {@code now}, then the all-time most popular ones. */
    public TrendingIndex.Ranking rank(Instant now, Duration window, int limit, IntPredicate eligible) {
        return index.rank(now, window, limit, eligible);
    }

    /** The built papers in trending order at build time. */
    public int[] order() {
        return order;
    }

    /** A paper's trending score at build time; 0 for papers added since. */
    public double scoreOf(int paper) {
        return paper < scores.length ? scores[paper] : 0;
    }

    /**
     * "Trending" only where the window holds activity on the paper: backfill beyond the active papers (all-time
     * popularity, then the rest of the catalogue) is listed without a reason rather than with a false one.
     */
    public static List<Reason> reasons(double score) {
        return score > 0 ? List.of(new Reason.Trending(score)) : List.of();
    }
}
