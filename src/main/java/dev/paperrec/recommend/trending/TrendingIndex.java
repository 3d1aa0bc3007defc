package dev.paperrec.recommend.trending;

import dev.paperrec.recommend.hybrid.TopPapers;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Activity over time: every user's latest positive event per paper (upvote or read, with its weight), sorted by
 * time, plus the papers' external upvotes. A trending score sums the events inside the window, each halved every
 * {@code halfLife} of age, plus {@code externalUpvoteWeight * upvotes} halved by the paper's age; external upvotes
 * count only for papers dated inside the window (an undated paper's upvotes cannot be placed in time).
 * When the window is quiet, all-time popularity (distinct users, then external upvotes) fills the list.
 */
public final class TrendingIndex {

    /** Papers best first with their scores. */
    public record Ranking(int[] papers, double[] scores) {
    }

    private final long[] times;
    private final int[] papers;
    private final float[] weights;
    private final LocalDate[] published;
    private final long[] upvotes;
    private final int[] popular;
    private final Duration halfLife;
    private final double externalUpvoteWeight;

    /**
     * The three event arrays hold one entry per (user, paper) whose final state is positive: the paper, the time of
     * the latest read or upvote (epoch millis) and its weight.
     */
    public TrendingIndex(int[] eventPapers, long[] eventTimes, float[] eventWeights, LocalDate[] published,
                         long[] upvotes, Duration halfLife, double externalUpvoteWeight) {
        Integer[] order = new Integer[eventPapers.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(eventTimes[a], eventTimes[b]));
        times = new long[order.length];
        papers = new int[order.length];
        weights = new float[order.length];
        for (int i = 0; i < order.length; i++) {
            times[i] = eventTimes[order[i]];
            papers[i] = eventPapers[order[i]];
            weights[i] = eventWeights[order[i]];
        }
        this.published = published;
        this.upvotes = upvotes;
        this.halfLife = halfLife;
        this.externalUpvoteWeight = externalUpvoteWeight;
        int[] users = new int[published.length];
        for (int p : eventPapers) {
            users[p]++;
        }
        popular = java.util.stream.IntStream.range(0, published.length).boxed()
                .sorted((a, b) -> users[a] != users[b] ? Integer.compare(users[b], users[a])
                        : upvotes[a] != upvotes[b] ? Long.compare(upvotes[b], upvotes[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }

    public double[] scores(Instant now, Duration window) {
        double[] scores = new double[published.length];
        long to = now.toEpochMilli();
        long from = now.minus(window).toEpochMilli();
        double halfLifeMillis = halfLife.toMillis();
        int start = lowerBound(from);
        for (int i = start; i < times.length && times[i] <= to; i++) {
            scores[papers[i]] += weights[i] * Math.pow(0.5, (to - times[i]) / halfLifeMillis);
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = LocalDate.ofInstant(now.minus(window), ZoneOffset.UTC);
        for (int p = 0; p < published.length; p++) {
            LocalDate date = published[p];
            if (upvotes[p] > 0 && date != null && !date.isBefore(first) && !date.isAfter(today)) {
                double ageMillis = Duration.between(date.atStartOfDay().toInstant(ZoneOffset.UTC), now).toMillis();
                scores[p] += externalUpvoteWeight * upvotes[p] * Math.pow(0.5, Math.max(0, ageMillis) / halfLifeMillis);
            }
        }
        return scores;
    }

    /** The best {@code limit} papers accepted by {@code eligible}: trending in the window first, then popular. */
    public Ranking rank(Instant now, Duration window, int limit, IntPredicate eligible) {
        double[] scores = scores(now, window);
        int[] result = new int[Math.min(limit, published.length)];
        double[] resultScores = new double[result.length];
        TopPapers active = new TopPapers(result.length, Integer::compare);
        for (int p = 0; p < scores.length; p++) {
            if (scores[p] > 0 && eligible.test(p)) {
                active.offer(p, scores[p]);
            }
        }
        int n = active.size();
        active.drainInto(result, resultScores);
        boolean[] used = new boolean[scores.length];
        for (int k = 0; k < n; k++) {
            used[result[k]] = true;
        }
        for (int k = 0; k < popular.length && n < result.length; k++) {
            int p = popular[k];
            if (!used[p] && eligible.test(p)) {
                result[n++] = p;
            }
        }
        return new Ranking(Arrays.copyOf(result, n), Arrays.copyOf(resultScores, n));
    }

    private int lowerBound(long from) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
