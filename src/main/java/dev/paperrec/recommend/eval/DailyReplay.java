package dev.paperrec.recommend.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paperrec.interaction.EventType;
import dev.paperrec.recommend.EngineSettings;
import dev.paperrec.recommend.RecommendationRequest;
import dev.paperrec.recommend.RecommendedPaper;
import dev.paperrec.recommend.Strategy;
import dev.paperrec.recommend.hybrid.RecommendationModel;
import dev.paperrec.recommend.model.InteractionRecord;
import dev.paperrec.recommend.model.ModelBuilder;
import dev.paperrec.recommend.model.PaperRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The daily replay protocol: what a daily-papers site does, one day at a time. For each of the last {@code days}
 * days that have new papers, a model is built as the service would have built it at that day's midnight (UTC): the
 * papers published up to that day, the events before it. Every user with history who goes on to read any of that
 * day's papers gets that day's papers ranked ({@code since} = the day, so only they are candidates) and is scored
 * against the ones they read afterwards. Needs dated papers and timed events (the synthetic generator writes both).
 * With {@code --candidates all} the whole catalogue is ranked instead, as the default feed does, and scored on the
 * same papers: do today's papers reach the readers they fit without a date filter?
 */
final class DailyReplay {

    /** How much of the default feed is scored when it ranks the whole catalogue. */
    private static final int FEED_LENGTH = 100;

    private DailyReplay() {
    }

    /**
     * @param wholeCatalogue rank every paper the user has not seen, as the default feed does, instead of that day's
     *                       papers only; still scored on that day's papers
     */
    static List<ObjectNode> run(List<PaperRecord> papers, List<InteractionRecord> events, EngineSettings settings,
                                int days, int[] cutoffs, List<Strategy> strategies, boolean wholeCatalogue) {
        Map<String, LocalDate> published = new HashMap<>();
        papers.forEach(p -> published.put(p.id(), p.publishedAt()));
        LocalDate lastEvent = events.stream().map(e -> e.occurredAt().atZone(ZoneOffset.UTC).toLocalDate())
                .max(LocalDate::compareTo).orElseThrow(() -> new IllegalArgumentException("no events"));
        // The last days with new papers that somebody read before the data ends.
        TreeSet<LocalDate> read = new TreeSet<>();
        for (InteractionRecord e : events) {
            LocalDate day = published.get(e.paperId());
            if (day != null && day.isBefore(lastEvent)) {
                read.add(day);
            }
        }
        List<LocalDate> ascending = new ArrayList<>(read);
        List<LocalDate> replayed = ascending.subList(Math.max(0, ascending.size() - days), ascending.size());
        Map<Strategy, RankingMetrics> metrics = new LinkedHashMap<>();
        strategies.forEach(s -> metrics.put(s, new RankingMetrics(cutoffs, 1)));
        int newPapers = 0;
        double buildSeconds = 0;
        for (LocalDate day : replayed) {
            Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            List<PaperRecord> known = papers.stream()
                    .filter(p -> p.publishedAt() == null || !p.publishedAt().isAfter(day)).toList();
            Set<String> todays = new HashSet<>();
            known.stream().filter(p -> day.equals(p.publishedAt())).forEach(p -> todays.add(p.id()));
            List<InteractionRecord> before = new ArrayList<>();
            Map<String, List<InteractionRecord>> history = new HashMap<>();
            Map<String, Set<String>> readLater = new HashMap<>();
            for (InteractionRecord e : events) {
                if (e.occurredAt().isBefore(midnight)) {
                    before.add(e);
                    history.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e);
                } else if (todays.contains(e.paperId()) && e.type() != EventType.DISMISS) {
                    readLater.computeIfAbsent(e.userId(), u -> new HashSet<>()).add(e.paperId());
                }
            }
            long started = System.nanoTime();
            RecommendationModel model = ModelBuilder.build(known, before, settings, midnight);
            buildSeconds += (System.nanoTime() - started) / 1e9;
            newPapers += todays.size();
            for (Map.Entry<String, Set<String>> user : readLater.entrySet()) {
                List<InteractionRecord> past = history.get(user.getKey());
                if (past == null) {
                    continue;
                }
                for (Strategy strategy : strategies) {
                    List<RecommendedPaper> ranking = model.recommend(new RecommendationRequest(user.getKey(), past,
                            strategy, wholeCatalogue ? FEED_LENGTH : Math.max(todays.size(), 1), 0,
                            wholeCatalogue ? null : day, Set.of(), Set.of()));
                    metrics.get(strategy).add(ranking.stream().map(RecommendedPaper::paperId).toList(),
                            user.getValue());
                }
            }
            System.out.printf(Locale.ROOT, "%s: %d new papers, %d readers with history, model %s (blend %s)%n", day,
                    todays.size(), readLater.keySet().stream().filter(history::containsKey).count(),
                    model.version(), model.blend().choice());
        }
        ObjectMapper json = new ObjectMapper();
        List<ObjectNode> results = new ArrayList<>();
        for (Map.Entry<Strategy, RankingMetrics> m : metrics.entrySet()) {
            ObjectNode r = json.createObjectNode();
            r.put("protocol", wholeCatalogue ? "daily-feed" : "daily");
            r.put("strategy", m.getKey().name().toLowerCase(Locale.ROOT));
            r.put("days", replayed.size());
            r.put("newPapers", newPapers);
            r.put("users", m.getValue().users());
            ObjectNode values = r.putObject("metrics");
            m.getValue().values().forEach((k, v) -> {
                if (!k.startsWith("Coverage")) {
                    values.put(k, Math.round(v * 10000) / 10000.0);
                }
            });
            r.put("buildSeconds", Math.round(buildSeconds * 100) / 100.0);
            results.add(r);
        }
        return results;
    }
}
