package dev.paperrec.recommend.eval;

import dev.paperrec.interaction.EventType;
import dev.paperrec.recommend.content.TextAnalysis;
import dev.paperrec.recommend.content.TfIdfIndex;
import dev.paperrec.recommend.model.InteractionRecord;
import dev.paperrec.recommend.model.PaperRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticDataTest {

    private static final SyntheticData.Spec SPEC = new SyntheticData.Spec(2000, 300, 20_000, 7);
    private static final Instant LAST_EVENT = Instant.parse("2025-06-30T23:59:59Z");

    @TempDir
    static Path dir;
    private static Path generated;
    private static SyntheticData.Summary summary;
    private static List<PaperRecord> papers;
    private static Map<String, PaperRecord> paperById;
    private static List<InteractionRecord> events;

    @BeforeAll
    static void generate() throws IOException {
        generated = dir.resolve("seed-7");
        summary = SyntheticData.write(SPEC, generated);
        // Read through the evaluator's own reader: it must take the extra occurred_at column in its stride.
        papers = Datasets.papers(generated.resolve(SyntheticData.PAPERS_FILE));
        events = Datasets.interactions(generated.resolve(SyntheticData.INTERACTIONS_FILE));
        paperById = papers.stream().collect(Collectors.toMap(PaperRecord::id, p -> p));
    }

    @Test
    void sameSeedWritesIdenticalFilesAndAnotherSeedOthers() throws IOException {
        Path again = dir.resolve("seed-7-again");
        Path other = dir.resolve("seed-8");
        SyntheticData.write(SPEC, again);
        SyntheticData.write(new SyntheticData.Spec(SPEC.papers(), SPEC.users(), SPEC.events(), 8), other);

        for (String file : List.of(SyntheticData.PAPERS_FILE, SyntheticData.INTERACTIONS_FILE)) {
            assertThat(Files.readAllBytes(again.resolve(file))).isEqualTo(Files.readAllBytes(generated.resolve(file)));
            assertThat(Files.readAllBytes(other.resolve(file)))
                    .isNotEqualTo(Files.readAllBytes(generated.resolve(file)));
        }
    }

    @Test
    void writesExactlyTheRequestedCountsOnKnownPapers() throws IOException {
        assertThat(papers).hasSize(SPEC.papers());
        assertThat(paperById).hasSize(SPEC.papers());
        assertThat(papers).allSatisfy(p -> {
            assertThat(p.id()).matches("\\d{4}\\.\\d{5}");
            assertThat(p.id()).startsWith(String.format(Locale.ROOT, "%02d%02d",
                    p.publishedAt().getYear() % 100, p.publishedAt().getMonthValue()));
            assertThat(p.title()).isNotBlank();
            assertThat(p.abstractText()).isNotBlank();
            assertThat(p.authors()).isNotEmpty().doesNotHaveDuplicates();
            assertThat(p.tags()).isNotEmpty();
        });
        assertThat(events).hasSize((int) SPEC.events());
        Set<String> users = events.stream().map(InteractionRecord::userId).collect(Collectors.toSet());
        assertThat(users).hasSizeLessThanOrEqualTo(SPEC.users()).hasSize(summary.activeUsers());
        assertThat(events).allSatisfy(e -> assertThat(paperById).containsKey(e.paperId()));
        assertThat(Files.readAllLines(generated.resolve(SyntheticData.INTERACTIONS_FILE)).get(0))
                .isEqualTo("user_id,paper_id,type,occurred_at");
    }

    @Test
    void writesHeaderOnlyForNoEventsAndCopesWithOnePaper() throws IOException {
        Path empty = dir.resolve("empty");
        SyntheticData.write(new SyntheticData.Spec(10, 5, 0, 1), empty);
        Path single = dir.resolve("single");
        SyntheticData.write(new SyntheticData.Spec(1, 1, 5, 1), single);

        assertThat(Files.readAllLines(empty.resolve(SyntheticData.INTERACTIONS_FILE))).hasSize(1);
        assertThat(Datasets.papers(single.resolve(SyntheticData.PAPERS_FILE))).hasSize(1);
        assertThat(Datasets.interactions(single.resolve(SyntheticData.INTERACTIONS_FILE))).hasSize(5);
    }

    @Test
    void usersReadMostlyWithinAFewTopics() {
        Map<String, Integer> papersPerTopic = new HashMap<>();
        papers.forEach(p -> papersPerTopic.merge(p.tags().get(0), 1, Integer::sum));
        Set<String> biggestTopics = topFour(papersPerTopic);
        Map<String, Map<String, Integer>> topicsByUser = new HashMap<>();
        for (InteractionRecord e : events) {
            if (e.type() != EventType.DISMISS) {
                topicsByUser.computeIfAbsent(e.userId(), u -> new HashMap<>())
                        .merge(topic(e.paperId()), 1, Integer::sum);
            }
        }
        List<Map<String, Integer>> regulars = topicsByUser.values().stream().filter(c -> total(c) >= 20).toList();
        double ownFavourites = regulars.stream().mapToDouble(c -> share(c, topFour(c))).average().orElseThrow();
        double biggest = regulars.stream().mapToDouble(c -> share(c, biggestTopics)).average().orElseThrow();

        assertThat(summary.topics()).isGreaterThanOrEqualTo(20);
        // A user's four favourite topics hold most of their reading; the four biggest topics of the catalogue,
        // which a reader without interests would hit most, hold far less.
        assertThat(ownFavourites).isGreaterThan(0.8).isGreaterThan(biggest + 0.3);
    }

    @Test
    void aTextModelFindsNeighboursInTheSameTopic() {
        TextAnalysis analysis = new TextAnalysis();
        TfIdfIndex index = TfIdfIndex.build(papers.stream()
                .map(p -> analysis.words(p.title() + " " + p.abstractText())).toList(), 0);
        double[] scores = new double[papers.size()];
        int sameTopic = 0;
        int queries = 100;
        for (int q = 0; q < queries; q++) {
            int query = q * (papers.size() / queries);
            Arrays.fill(scores, 0);
            index.score(index.document(query), 1, scores);
            scores[query] = Double.NEGATIVE_INFINITY;
            int nearest = 0;
            for (int d = 1; d < scores.length; d++) {
                nearest = scores[d] > scores[nearest] ? d : nearest;
            }
            sameTopic += topic(papers.get(nearest).id()).equals(topic(papers.get(query).id())) ? 1 : 0;
        }
        assertThat(sameTopic).isGreaterThanOrEqualTo(90);
    }

    @Test
    void aFewPapersDrawMostAttention() {
        Map<String, Integer> perPaper = new HashMap<>();
        events.forEach(e -> perPaper.merge(e.paperId(), 1, Integer::sum));
        int[] counts = perPaper.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        long top = Arrays.stream(counts, counts.length - SPEC.papers() / 100, counts.length).sum();

        // The top 1% of papers would hold 1% of the events if attention were uniform.
        assertThat((double) top / events.size()).isGreaterThan(0.10);
    }

    @Test
    void aFewUsersAreFarMoreActiveThanTheTypicalOne() {
        Map<String, Integer> perUser = new HashMap<>();
        events.forEach(e -> perUser.merge(e.userId(), 1, Integer::sum));
        int[] counts = perUser.values().stream().mapToInt(Integer::intValue).sorted().toArray();

        assertThat(counts[counts.length - 1]).isGreaterThan(5 * counts[counts.length / 2]);
    }

    @Test
    void eventsFollowPublicationAndAreMostlyReads() throws IOException {
        List<String> lines = Files.readAllLines(generated.resolve(SyntheticData.INTERACTIONS_FILE));
        Map<String, Integer> types = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            Instant at = Instant.parse(f[3]);
            assertThat(at).isAfterOrEqualTo(paperById.get(f[1]).publishedAt().atStartOfDay(ZoneOffset.UTC).toInstant())
                    .isBeforeOrEqualTo(LAST_EVENT);
            types.merge(f[2], 1, Integer::sum);
        }
        double n = lines.size() - 1;
        assertThat(types.keySet()).containsExactlyInAnyOrder("read", "upvote", "dismiss");
        assertThat(types.get("read") / n).isGreaterThan(0.7);
        assertThat(types.get("upvote") / n).isBetween(0.1, 0.2);
        assertThat(types.get("dismiss") / n).isBetween(0.02, 0.08);
    }

    /** The first tag names the paper's topic. */
    private static String topic(String paperId) {
        return paperById.get(paperId).tags().get(0);
    }

    private static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static Set<String> topFour(Map<String, Integer> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.comparingByValue((a, b) -> b - a)).limit(4)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private static double share(Map<String, Integer> counts, Set<String> topics) {
        return (double) topics.stream().mapToInt(t -> counts.getOrDefault(t, 0)).sum() / total(counts);
    }
}
