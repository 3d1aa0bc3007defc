package dev.paperrec.recommend;

import dev.paperrec.interaction.EventType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What a user's events mean for recommendations, replayed in time order: a read or upvote makes a paper a seed,
 * an unupvote takes back the upvote (a read still counts), a dismiss removes any positive weight until a later
 * upvote. Any event at all on a paper means it is never recommended to that user again.
 *
 * @param seeds    papers that are positive evidence, by index
 * @param weights  their weights: event weight halved every history half-life before the user's latest event
 * @param strength their event weights before that decay (upvote or read weight)
 * @param lastPositive time of the latest read or upvote of each seed, epoch millis
 * @param touched  every paper the user had an event on, by index
 */
public record UserHistory(int[] seeds, double[] weights, double[] strength, long[] lastPositive, int[] touched) {

    public static final UserHistory EMPTY = new UserHistory(new int[0], new double[0], new double[0], new long[0],
            new int[0]);

    public static UserHistory ofPaper(int paper) {
        return new UserHistory(new int[]{paper}, new double[]{1}, new double[]{1}, new long[]{0}, new int[]{paper});
    }

    /** One event with the paper already mapped to its index. */
    public record Event(int paper, EventType type, long millis) {
    }

    public static UserHistory replay(List<Event> events, EngineSettings settings) {
        if (events.isEmpty()) {
            return EMPTY;
        }
        List<Event> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparingLong(Event::millis));
        int[] papers = ordered.stream().mapToInt(Event::paper).distinct().sorted().toArray();
        boolean[] read = new boolean[papers.length];
        boolean[] upvoted = new boolean[papers.length];
        boolean[] dismissed = new boolean[papers.length];
        long[] lastPositive = new long[papers.length];
        long latest = Long.MIN_VALUE;
        for (Event e : ordered) {
            int k = Arrays.binarySearch(papers, e.paper());
            switch (e.type()) {
                case READ -> {
                    read[k] = true;
                    lastPositive[k] = e.millis();
                }
                case UPVOTE -> {
                    upvoted[k] = true;
                    dismissed[k] = false;
                    lastPositive[k] = e.millis();
                }
                case UNUPVOTE -> upvoted[k] = false;
                case DISMISS -> {
                    dismissed[k] = true;
                    upvoted[k] = false;
                }
            }
            latest = Math.max(latest, e.millis());
        }
        int[] seeds = new int[papers.length];
        double[] weights = new double[papers.length];
        double[] strength = new double[papers.length];
        long[] seedMillis = new long[papers.length];
        int n = 0;
        double halfLife = settings.historyHalfLife().toMillis();
        for (int k = 0; k < papers.length; k++) {
            double w = dismissed[k] ? 0 : upvoted[k] ? settings.upvoteWeight() : read[k] ? settings.readWeight() : 0;
            if (w > 0) {
                seeds[n] = papers[k];
                strength[n] = w;
                seedMillis[n] = lastPositive[k];
                weights[n++] = w * Math.pow(0.5, (latest - lastPositive[k]) / halfLife);
            }
        }
        return new UserHistory(Arrays.copyOf(seeds, n), Arrays.copyOf(weights, n), Arrays.copyOf(strength, n),
                Arrays.copyOf(seedMillis, n), papers);
    }

    public boolean isEmpty() {
        return seeds.length == 0;
    }
}
