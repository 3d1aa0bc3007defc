package dev.paperrec.recommend.hybrid;

import dev.paperrec.interaction.EventType;
import dev.paperrec.recommend.EngineSettings;
import dev.paperrec.recommend.RecommendationRequest;
import dev.paperrec.recommend.RecommendedPaper;
import dev.paperrec.recommend.Strategy;
import dev.paperrec.recommend.UserHistory;
import dev.paperrec.recommend.model.InteractionRecord;
import dev.paperrec.recommend.model.ModelBuilder;
import dev.paperrec.recommend.model.PaperRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The blend's fit at build time: what it holds out, that it is reproducible, and its fallback on thin data. */
class BlendTrainerTest {

    private static final Instant NOW = Instant.parse("2026-03-31T12:00:00Z");
    private static final String[][] TOPICS = {
            {"graph", "neural", "molecule", "message", "passing"},
            {"protein", "folding", "structure", "sequence", "alignment"},
            {"galaxy", "halo", "cosmology", "redshift", "survey"},
            {"quantum", "qubit", "entanglement", "error", "correction"}};

    @Test
    void shouldHoldOutTheMostRecentFifth() {
        List<UserHistory.Event> events = new ArrayList<>();
        for (int p = 0; p < 12; p++) {
            events.add(new UserHistory.Event(p, EventType.UPVOTE, 1_000L * p));
        }
        UserHistory history = UserHistory.replay(events, EngineSettings.defaults());

        // A fifth of twelve, rounded: the latest two.
        assertThat(BlendTrainer.heldOut(history, new Random(1))).containsExactly(10, 11);
    }

    @Test
    void shouldBreakTiesInTimeInASeededOrder() {
        List<UserHistory.Event> events = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            events.add(new UserHistory.Event(p, EventType.UPVOTE, 0));
        }
        UserHistory history = UserHistory.replay(events, EngineSettings.defaults());

        int[] first = BlendTrainer.heldOut(history, new Random(7));
        assertThat(first).hasSize(2).isEqualTo(BlendTrainer.heldOut(history, new Random(7)));
    }

    @Test
    void shouldLearnTheSameBlendFromTheSameEventsAndSeed() {
        Fixture data = fixture(240);
        LearnedBlend first = ModelBuilder.build(data.papers(), data.events(), EngineSettings.defaults(), NOW).blend();
        LearnedBlend second = ModelBuilder.build(data.papers(), data.events(), EngineSettings.defaults(), NOW).blend();
        LearnedBlend reseeded = ModelBuilder.build(data.papers(), data.events(),
                EngineSettings.defaults().with(Map.of("blendSeed", "43")), NOW).blend();

        assertThat(first.fit().reason()).as("enough data to fit").isNull();
        assertThat(first.fit().users()).isEqualTo(240);
        assertThat(first.withEvidence()).isEqualTo(second.withEvidence());
        assertThat(first.withoutEvidence()).isEqualTo(second.withoutEvidence());
        assertThat(first.choice()).isEqualTo(second.choice());
        assertThat(reseeded.withEvidence()).isNotEqualTo(first.withEvidence());
        // Each regression is increasing in its score: a group keeps its own order.
        assertThat(first.score(4, 0, true)).isGreaterThan(first.score(2, 0, true));
        assertThat(first.score(0, 4, false)).isGreaterThan(first.score(0, 2, false));
    }

    @Test
    void shouldPlaceAPaperNobodyReadByItsContentRatherThanAsIfItsReadersWereZero() {
        Fixture data = fixture(240);
        PaperRecord today = new PaperRecord("today", "graph neural molecule message passing", "", List.of(), null, 0,
                List.of(), null);
        RecommendationModel learned = ModelBuilder.build(data.papers(), data.events(), EngineSettings.defaults(), NOW)
                .withPaper(today);
        RecommendationModel handSet = ModelBuilder.build(data.papers(), data.events(),
                EngineSettings.defaults().with(Map.of("blendUsers", "0")), NOW).withPaper(today);
        assertThat(learned.blend().choice()).as(ModelBuilder.describe(learned.blend()))
                .isEqualTo(LearnedBlend.Choice.LEARNED);

        // A reader of topic 0 (graph neural networks): where does today's paper on exactly their topic come?
        int learnedPlace = place(learned, "u0", "today");
        int handSetPlace = place(handSet, "u0", "today");
        assertThat(learnedPlace).as("learned %d, hand-set %d", learnedPlace, handSetPlace).isLessThan(handSetPlace);
    }

    private static int place(RecommendationModel model, String user, String paper) {
        List<String> ids = model.recommend(RecommendationRequest.of(user, List.of(), Strategy.HYBRID, 100)).stream()
                .map(RecommendedPaper::paperId).toList();
        return ids.contains(paper) ? ids.indexOf(paper) : Integer.MAX_VALUE;
    }

    @Test
    void shouldKeepTheHandSetBlendAndSaySoWhenThereAreTooFewUsers() {
        Fixture data = fixture(30);
        RecommendationModel model = ModelBuilder.build(data.papers(), data.events(), EngineSettings.defaults(), NOW);

        assertThat(model.blend().choice()).isEqualTo(LearnedBlend.Choice.HAND_SET);
        assertThat(model.blend().fit().reason()).contains("30 users", "40 needed");
        assertThat(ModelBuilder.build(data.papers(), data.events(),
                EngineSettings.defaults().with(Map.of("blendUsers", "0")), NOW).blend().fit().reason())
                .contains("turned off");
    }

    @Test
    void shouldPreferTheLearnedBlendOnlyByAClearMarginAndNeverRankBelowContent() {
        assertThat(BlendTrainer.choose(0.30, 0.25, 0.20)).isEqualTo(LearnedBlend.Choice.LEARNED);
        assertThat(BlendTrainer.choose(0.2505, 0.25, 0.20)).isEqualTo(LearnedBlend.Choice.HAND_SET);
        assertThat(BlendTrainer.choose(0.2505, 0.20, 0.25)).isEqualTo(LearnedBlend.Choice.CONTENT);
        assertThat(BlendTrainer.choose(null, 0.20, 0.25)).isEqualTo(LearnedBlend.Choice.CONTENT);
        assertThat(BlendTrainer.choose(null, 0.25, 0.25)).isEqualTo(LearnedBlend.Choice.HAND_SET);
    }

    @Test
    void shouldStillCompareWithContentWhenNothingCanBeLearned() {
        // Every event at one time, as in CiteULike-a: the held-out papers are a seeded draw, nearly all read by
        // others in training, so there is nothing to learn about unread papers.
        Fixture timed = fixture(240);
        List<InteractionRecord> untimed = timed.events().stream()
                .map(e -> new InteractionRecord(e.userId(), e.paperId(), e.type(), NOW)).toList();
        LearnedBlend blend = ModelBuilder.build(timed.papers(), untimed, EngineSettings.defaults(), NOW).blend();

        assertThat(blend.fit().reason()).contains("held-out papers");
        assertThat(blend.fit().learnedNdcg()).isNull();
        assertThat(blend.fit().handSetNdcg()).isNotNull();
        assertThat(blend.fit().contentNdcg()).isNotNull();
        assertThat(blend.choice()).isEqualTo(BlendTrainer.choose(null, blend.fit().handSetNdcg(),
                blend.fit().contentNdcg()));
    }

    @Test
    void shouldHoldOutWholePapersOnlyWhereAFewOfTheCatalogueAreUnread() {
        assertThat(wholeCount(90, 100)).as("a tenth unread: as many as unread, at most a tenth of the read")
                .isEqualTo(9);
        assertThat(wholeCount(95, 100)).isEqualTo(5);
        assertThat(wholeCount(99, 100)).as("one in a hundred unread: too few to learn from").isZero();
        assertThat(wholeCount(50, 100)).as("half unread: sparse sampling, not new papers").isZero();
        boolean[] read = new boolean[100];
        java.util.Arrays.fill(read, 0, 90, true);
        boolean[] whole = BlendTrainer.wholePapers(read, 100, new Random(3));
        for (int p = 90; p < 100; p++) {
            assertThat(whole[p]).as("only read papers are held out whole").isFalse();
        }
        assertThat(BlendTrainer.wholePapers(read, 100, new Random(3))).isEqualTo(whole);
    }

    private static int wholeCount(int readPapers, int n) {
        boolean[] read = new boolean[n];
        java.util.Arrays.fill(read, 0, readPapers, true);
        int count = 0;
        for (boolean w : BlendTrainer.wholePapers(read, n, new Random(1))) {
            count += w ? 1 : 0;
        }
        return count;
    }

    private record Fixture(List<PaperRecord> papers, List<InteractionRecord> events) {
    }

    /**
     * Four topics of 60 papers. Each user reads 15 of one topic's first 45 papers, mostly the popular ones, over
     * days, then 2 of the topic's last 15, published since: all readers of those are among the most recent events,
     * so the fit meets them as papers nobody read yet.
     */
    private static Fixture fixture(int users) {
        Random random = new Random(11);
        List<PaperRecord> papers = new ArrayList<>();
        for (int t = 0; t < TOPICS.length; t++) {
            for (int i = 0; i < 60; i++) {
                String[] words = TOPICS[t];
                String title = words[random.nextInt(5)] + " " + words[random.nextInt(5)] + " " + words[random.nextInt(5)]
                        + " study " + t + "x" + i;
                papers.add(new PaperRecord(String.format("t%dp%02d", t, i), title, "", List.of(), null, 0, List.of(),
                        null));
            }
        }
        List<InteractionRecord> events = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int t = u % TOPICS.length;
            java.util.Set<Integer> picked = new java.util.TreeSet<>();
            while (picked.size() < 15) {
                picked.add((int) Math.floor(45 * Math.pow(random.nextDouble(), 2)));
            }
            int day = 0;
            for (int i : picked) {
                events.add(new InteractionRecord("u" + u, String.format("t%dp%02d", t, i), EventType.UPVOTE,
                        NOW.minusSeconds(86_400L * (30 - day++))));
            }
            for (int k = 0; k < 2; k++) {
                events.add(new InteractionRecord("u" + u, String.format("t%dp%02d", t, 45 + random.nextInt(15)),
                        EventType.READ, NOW.minusSeconds(3_600L * (3 - k))));
            }
        }
        return new Fixture(papers, events);
    }
}
