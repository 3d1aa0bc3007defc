package dev.paperrec.recommend.hybrid;

import dev.paperrec.interaction.EventType;
import dev.paperrec.recommend.EngineSettings;
import dev.paperrec.recommend.Reason;
import dev.paperrec.recommend.RecommendationRequest;
import dev.paperrec.recommend.RecommendationSource;
import dev.paperrec.recommend.RecommendedPaper;
import dev.paperrec.recommend.Strategy;
import dev.paperrec.recommend.model.InteractionRecord;
import dev.paperrec.recommend.model.ModelBuilder;
import dev.paperrec.recommend.model.NeighbourOrigin;
import dev.paperrec.recommend.model.PaperRecord;
import dev.paperrec.recommend.model.PrecomputedNeighbours;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RecommendationModelTest {

    private static final Instant NOW = Instant.parse("2026-03-31T12:00:00Z");
    private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    private static final EngineSettings NO_DIVERSITY = EngineSettings.defaults().with(Map.of("mmrLambda", "1.0"));

    private static final List<PaperRecord> PAPERS = List.of(
            paper("gnn", "Graph neural networks for molecule property prediction"),
            paper("gnn2", "Message passing neural networks on molecular graphs"),
            paper("mol", "Molecule generation with graph neural networks"),
            paper("prot", "Protein structure prediction with deep learning"),
            paper("prot2", "Deep learning predicts protein folding structure"),
            paper("astro", "Galaxy evolution in the early universe"),
            paper("astro2", "Dark matter halos and galaxy formation"));

    private static final List<InteractionRecord> EVENTS = List.of(
            event("u1", "gnn", EventType.UPVOTE), event("u1", "gnn2", EventType.UPVOTE),
            event("u1", "mol", EventType.READ),
            event("u2", "gnn", EventType.UPVOTE), event("u2", "mol", EventType.UPVOTE),
            event("u3", "prot", EventType.UPVOTE), event("u3", "prot2", EventType.UPVOTE),
            event("u3", "astro", EventType.UPVOTE),
            event("u4", "astro", EventType.UPVOTE), event("u4", "astro2", EventType.UPVOTE),
            event("u5", "gnn", EventType.UPVOTE), event("u5", "gnn2", EventType.UPVOTE),
            event("u5", "prot", EventType.UPVOTE));

    @Test
    void shouldBlendItsSourcesByRoleAndLetEachStrategyNameItsOwn() {
        RecommendationModel model = model(NO_DIVERSITY);
        assertThat(model.sources()).extracting(RecommendationSource::name)
                .containsExactly("collaborative", "content", "citation", "trending");
        assertThat(model.sources()).extracting(RecommendationSource::role).containsExactly(
                RecommendationSource.Role.READERS, RecommendationSource.Role.CONTENT,
                RecommendationSource.Role.CONTENT, RecommendationSource.Role.POPULARITY);
        Map<Strategy, List<String>> used = new java.util.EnumMap<>(Strategy.class);
        for (Strategy strategy : Strategy.values()) {
            used.put(strategy, model.sources().stream().filter(strategy::uses).map(RecommendationSource::name)
                    .toList());
        }
        assertThat(used).containsExactlyInAnyOrderEntriesOf(Map.of(
                Strategy.HYBRID, List.of("collaborative", "content", "citation"),
                Strategy.CONTENT, List.of("content", "citation"),
                Strategy.CITATION, List.of("citation"),
                Strategy.COLLABORATIVE, List.of("collaborative"),
                Strategy.TRENDING, List.of()));
    }

    @Test
    void shouldGiveAPaperAddedAfterTheBuildItsTextAndReferencesButNoReaders() {
        RecommendationModel model = model(NO_DIVERSITY);
        RecommendationModel added = model.withPaper(new PaperRecord("gnn3", "Graph neural networks for molecules", "",
                List.of(), null, 0, List.of("gnn"), null));
        for (int i = 0; i < model.sources().size(); i++) {
            RecommendationSource before = model.sources().get(i);
            RecommendationSource after = added.sources().get(i);
            boolean learnsAtIngest = before.role() == RecommendationSource.Role.CONTENT;
            assertThat(after == before).as(before.name()).isEqualTo(!learnsAtIngest);
        }
        assertThat(added.recommend(new RecommendationRequest("u1", List.of(), Strategy.CONTENT, 5, 0, null, Set.of(),
                Set.of()))).extracting(RecommendedPaper::paperId).first().isEqualTo("gnn3");
    }

    private static PaperRecord paper(String id, String title) {
        return new PaperRecord(id, title, "", List.of(), null, 0, List.of(), null);
    }

    /** A seed, two near-duplicates of it and a paper on a neighbouring topic. */
    private static final List<PaperRecord> DUPLICATES = List.of(
            paper("seed", "Graph neural networks for chemistry"),
            paper("dup1", "Graph neural networks in chemistry"),
            paper("dup2", "Graph neural networks for chemistry!"),
            paper("other", "Graph neural networks for physics"));

    private static InteractionRecord event(String user, String paper, EventType type) {
        return new InteractionRecord(user, paper, type, NOW);
    }

    private static RecommendationModel model(EngineSettings settings) {
        return ModelBuilder.build(PAPERS, EVENTS, settings, NOW);
    }

    private static List<String> ids(List<RecommendedPaper> papers) {
        return papers.stream().map(RecommendedPaper::paperId).toList();
    }

    @Test
    void givesANewUserTheTrendingPapers() {
        List<RecommendedPaper> result = model(NO_DIVERSITY).recommend(
                RecommendationRequest.of("newcomer", List.of(), Strategy.HYBRID, 10));

        // Upvotes weigh 1, reads 0.5: gnn 3; astro, gnn2, prot 2 (ties by id); mol 1.5; astro2, prot2 1.
        assertThat(ids(result)).containsExactly("gnn", "astro", "gnn2", "prot", "mol", "astro2", "prot2");
        assertThat(result).allSatisfy(r -> assertThat(r.reasons()).singleElement()
                .isInstanceOf(Reason.Trending.class));
        assertThat(result.get(0).score()).isEqualTo(3.0);
    }

    @Test
    void neverReturnsPapersTheUserTouchedOrWithdrawnOnes() {
        List<InteractionRecord> history = List.of(
                event("u9", "gnn", EventType.READ),
                event("u9", "prot", EventType.UPVOTE),
                event("u9", "astro", EventType.DISMISS));
        RecommendationRequest request = new RecommendationRequest("u9", history, Strategy.HYBRID, 10, 0, null,
                Set.of(), Set.of("mol"));

        List<String> result = ids(model(NO_DIVERSITY).recommend(request));

        assertThat(result).containsExactlyInAnyOrder("gnn2", "prot2", "astro2");
    }

    @Test
    void excludesWhatTheModelAlreadyKnowsAboutTheUser() {
        List<String> result = ids(model(NO_DIVERSITY).recommend(
                RecommendationRequest.of("u1", List.of(), Strategy.HYBRID, 10)));

        assertThat(result).doesNotContain("gnn", "gnn2", "mol").contains("prot");
    }

    @Test
    void anUnupvoteTakesBackTheUpvoteButNotTheRead() {
        RecommendationModel model = model(NO_DIVERSITY);
        List<InteractionRecord> takenBack = List.of(
                new InteractionRecord("u9", "prot", EventType.UPVOTE, NOW.minusSeconds(60)),
                new InteractionRecord("u9", "prot", EventType.UNUPVOTE, NOW));
        List<InteractionRecord> readBefore = new ArrayList<>(takenBack);
        readBefore.add(0, new InteractionRecord("u9", "prot", EventType.READ, NOW.minusSeconds(120)));

        List<RecommendedPaper> withoutSeed = model.recommend(
                RecommendationRequest.of("u9", takenBack, Strategy.CONTENT, 10));
        List<RecommendedPaper> withRead = model.recommend(
                RecommendationRequest.of("u9", readBefore, Strategy.CONTENT, 10));

        assertThat(ids(withoutSeed)).doesNotContain("prot");
        assertThat(withoutSeed).allSatisfy(r -> assertThat(r.reasons().get(0)).isInstanceOf(Reason.Trending.class));
        assertThat(ids(withRead)).doesNotContain("prot").startsWith("prot2");
        assertThat(withRead.get(0).reasons().get(0)).isInstanceOfSatisfying(Reason.SimilarContent.class,
                r -> assertThat(r.paperId()).isEqualTo("prot"));
    }

    @Test
    void coReadReasonsQuoteTheTrueNumberOfReaders() {
        List<RecommendedPaper> result = model(NO_DIVERSITY).recommend(RecommendationRequest.of("u9",
                List.of(event("u9", "gnn2", EventType.UPVOTE)), Strategy.COLLABORATIVE, 3));

        assertThat(ids(result)).containsExactly("gnn", "mol", "prot");
        for (RecommendedPaper r : result) {
            Reason.CoRead reason = (Reason.CoRead) r.reasons().get(0);
            assertThat(reason.paperId()).isEqualTo("gnn2");
            assertThat(reason.readers()).isEqualTo(readersOfBoth("gnn2", r.paperId()));
        }
    }

    @Test
    void usesPrecomputedNeighboursInsteadOfTheEventsAndNeverQuotesZeroReaders() {
        PrecomputedNeighbours batch = new PrecomputedNeighbours(7, NOW, null);
        batch.add("astro", "prot2", 0.9f, 3);
        batch.add("astro", "gnn", 0.4f, 0);
        batch.add("astro", "gone", 0.8f, 5);
        batch.add("astro", "astro", 2f, 9);

        RecommendationModel model = ModelBuilder.build(PAPERS, EVENTS, batch, NO_DIVERSITY, NOW);
        List<RecommendedPaper> similar = model.similar("astro", Strategy.COLLABORATIVE, 10, Set.of());

        // The batch decides, not the events: nobody read astro and gnn together. "gone" is not in the catalogue.
        assertThat(ids(similar)).containsExactly("prot2", "gnn");
        assertThat(similar.get(0).reasons()).containsExactly(new Reason.CoRead("astro",
                "Galaxy evolution in the early universe", 3));
        assertThat(similar.get(1).reasons()).containsExactly(new Reason.AlsoRead("astro",
                "Galaxy evolution in the early universe"));
        assertThat(model.stats().collaborativeSource()).isEqualTo(NeighbourOrigin.DATABASE);
        assertThat(model.stats().neighbourBatch()).isEqualTo(7L);
        assertThat(model.stats().collaborativeNeighbours()).isEqualTo(2);
        assertThat(model(NO_DIVERSITY).stats().collaborativeSource()).isEqualTo(NeighbourOrigin.COMPUTED);
    }

    private static int readersOfBoth(String a, String b) {
        return (int) EVENTS.stream().map(InteractionRecord::userId).distinct()
                .filter(u -> EVENTS.stream().anyMatch(e -> e.userId().equals(u) && e.paperId().equals(a)))
                .filter(u -> EVENTS.stream().anyMatch(e -> e.userId().equals(u) && e.paperId().equals(b)))
                .count();
    }

    @Test
    void collaborativeWeightFollowsTheEvidenceOfTheHistory() {
        EngineSettings settings = EngineSettings.defaults().with(Map.of("fullCollaborativeHistory", "5",
                "fullCollaborativeEvidence", "500", "collaborativeGrowthHistory", "10", "collaborativeWeight", "2"));

        // Full weight from five papers whose neighbour lists hold 500 neighbours in all.
        assertThat(RecommendationModel.collaborativeShare(settings, 5, 500)).isEqualTo(2.0);
        // One paper: a fifth of the weight, and a fifth of that again when it has only 100 neighbours.
        assertThat(RecommendationModel.collaborativeShare(settings, 1, 500)).isCloseTo(0.4, within(1e-12));
        assertThat(RecommendationModel.collaborativeShare(settings, 1, 100)).isCloseTo(0.08, within(1e-12));
        // Ten papers of which few others read anything: thin evidence, half the weight.
        assertThat(RecommendationModel.collaborativeShare(settings, 10, 250)).isCloseTo(1.0, within(1e-12));
        // Forty papers: twice the weight (the square root of 40 / 10); no neighbours at all: none.
        assertThat(RecommendationModel.collaborativeShare(settings, 40, 8000)).isCloseTo(4.0, within(1e-12));
        assertThat(RecommendationModel.collaborativeShare(settings, 40, 0)).isZero();
    }

    @Test
    void pagesAreStableSlicesOfOneRanking() {
        RecommendationModel model = model(EngineSettings.defaults());
        List<InteractionRecord> history = List.of(event("u9", "gnn", EventType.UPVOTE));
        List<String> all = ids(model.recommend(RecommendationRequest.of("u9", history, Strategy.HYBRID, 6)));

        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 6; offset += 2) {
            paged.addAll(ids(model.recommend(new RecommendationRequest("u9", history, Strategy.HYBRID, 2, offset,
                    null, Set.of(), Set.of()))));
        }

        assertThat(all).hasSize(6).doesNotHaveDuplicates();
        assertThat(paged).isEqualTo(all);
        assertThat(ids(model.recommend(RecommendationRequest.of("u9", history, Strategy.HYBRID, 6)))).isEqualTo(all);
    }

    @Test
    void similarPapersNeverIncludeThePaperItself() {
        List<String> similar = ids(model(NO_DIVERSITY).similar("prot", Strategy.HYBRID, 10, Set.of()));

        assertThat(similar).doesNotContain("prot").startsWith("prot2");
    }

    @Test
    void aPaperAddedAfterTheBuildIsSimilarAbleAtOnce() {
        RecommendationModel model = model(NO_DIVERSITY);
        PaperRecord added = paper("gnn3", "Graph neural networks for protein molecules");

        RecommendationModel grown = model.withPaper(added);

        assertThat(grown.version()).isNotEqualTo(model.version());
        assertThat(model.knows("gnn3")).isFalse();
        // mol shares four of its five words with gnn3, gnn four of six.
        assertThat(ids(grown.similar("gnn3", Strategy.HYBRID, 2, Set.of()))).containsExactly("mol", "gnn");
        assertThat(ids(grown.similar("gnn", Strategy.CONTENT, 10, Set.of()))).contains("gnn3");
        assertThat(ids(grown.recommend(RecommendationRequest.of("u9",
                List.of(event("u9", "gnn3", EventType.READ)), Strategy.CONTENT, 1)))).containsExactly("mol");
    }

    @Test
    void boostsFreshPapersAndLeavesUndatedOnesAlone() {
        List<PaperRecord> papers = List.of(
                paper("history", "Sparse attention for long transformers"),
                paper("fa", "Sparse attention transformers"),
                new PaperRecord("fb", "Sparse attention transformers", "", List.of(), TODAY.minusDays(1), 0,
                        List.of(), null));
        RecommendationRequest request = RecommendationRequest.of("u9",
                List.of(event("u9", "history", EventType.READ)), Strategy.HYBRID, 2);
        EngineSettings stale = NO_DIVERSITY.with(Map.of("freshnessBoost", "0"));

        List<RecommendedPaper> plain = ModelBuilder.build(papers, List.of(), stale, NOW).recommend(request);
        List<RecommendedPaper> fresh = ModelBuilder.build(papers, List.of(), NO_DIVERSITY, NOW).recommend(request);

        assertThat(ids(plain)).containsExactly("fa", "fb");
        assertThat(ids(fresh)).containsExactly("fb", "fa");
        assertThat(fresh.get(1).score()).isEqualTo(plain.get(0).score());
        assertThat(fresh.get(1).reasons()).noneMatch(r -> r instanceof Reason.Fresh);
        assertThat(fresh.get(0).reasons()).anySatisfy(r -> assertThat(r).isInstanceOfSatisfying(Reason.Fresh.class,
                f -> assertThat(f.publishedAt()).isEqualTo(TODAY.minusDays(1))));
    }

    @Test
    void diversityMovesANearDuplicateDownWhereCoReadingRanks() {
        // Co-reading scores all three alike, so content decides the order and diversity may reorder it.
        PrecomputedNeighbours batch = new PrecomputedNeighbours(1, NOW, null);
        for (String p : List.of("dup1", "dup2", "other")) {
            batch.add("seed", p, 0.5f, 3);
        }
        RecommendationRequest request = RecommendationRequest.of("u9",
                List.of(event("u9", "seed", EventType.READ)), Strategy.HYBRID, 3);

        List<String> relevanceOnly = ids(ModelBuilder.build(DUPLICATES, List.of(), batch, NO_DIVERSITY, NOW)
                .recommend(request));
        List<String> diverse = ids(ModelBuilder.build(DUPLICATES, List.of(), batch,
                EngineSettings.defaults().with(Map.of("mmrLambda", "0.3")), NOW).recommend(request));

        // dup1 and dup2 have the same words: once dup1 is taken, dup2 adds nothing new.
        assertThat(relevanceOnly).containsExactly("dup1", "dup2", "other");
        assertThat(diverse).containsExactly("dup1", "other", "dup2");
    }

    @Test
    void diversityLeavesAListTheContentProfileRanksAlone() {
        RecommendationRequest request = RecommendationRequest.of("u9",
                List.of(event("u9", "seed", EventType.READ)), Strategy.HYBRID, 3);

        List<String> ranked = ids(ModelBuilder.build(DUPLICATES, List.of(),
                EngineSettings.defaults().with(Map.of("mmrLambda", "0.3")), NOW).recommend(request));

        assertThat(ranked).containsExactly("dup1", "dup2", "other");
    }

    @Test
    void trendingCountsOnlyTheWindowAndHalvesOlderEvents() {
        List<InteractionRecord> events = List.of(
                new InteractionRecord("u1", "gnn", EventType.UPVOTE, NOW.minus(Duration.ofDays(2))),
                new InteractionRecord("u2", "prot", EventType.UPVOTE, NOW.minus(Duration.ofHours(1))),
                new InteractionRecord("u3", "astro", EventType.UPVOTE, NOW.minus(Duration.ofDays(20))));
        RecommendationModel model = ModelBuilder.build(PAPERS, events, EngineSettings.defaults(), NOW);

        List<RecommendedPaper> week = model.trending(Duration.ofDays(7), NOW, 2, Set.of());

        assertThat(ids(week)).containsExactly("prot", "gnn");
        // Default trending half-life is two days: the two-day-old upvote counts half.
        assertThat(week.get(1).score()).isEqualTo(0.5);
        assertThat(ids(model.trending(Duration.ofDays(30), NOW, 3, Set.of("prot")))).containsExactly("gnn", "astro",
                "astro2");
    }

    @Test
    void givesAReasonOnlyWhereItsEvidenceIs() {
        List<InteractionRecord> events = List.of(
                new InteractionRecord("u1", "gnn", EventType.UPVOTE, NOW.minus(Duration.ofHours(1))),
                new InteractionRecord("u2", "astro", EventType.UPVOTE, NOW.minus(Duration.ofDays(20))));
        RecommendationModel model = ModelBuilder.build(PAPERS, events, EngineSettings.defaults(), NOW);

        List<RecommendedPaper> week = model.trending(Duration.ofDays(7), NOW, 4, Set.of());
        List<RecommendedPaper> forNewcomer = model.recommend(
                RecommendationRequest.of("newcomer", List.of(), Strategy.HYBRID, 4));

        for (List<RecommendedPaper> list : List.of(week, forNewcomer)) {
            // gnn is active in the window; astro (read 20 days ago) and papers nobody read are listed, not explained.
            assertThat(ids(list)).startsWith("gnn", "astro").hasSize(4);
            assertThat(list.get(0).reasons()).singleElement().isInstanceOf(Reason.Trending.class);
            assertThat(list.subList(1, 4)).allSatisfy(r -> assertThat(r.reasons()).isEmpty());
        }
    }

    @Test
    void recommendsANewPaperThatOnlySharesReferencesWithTheUsersPaperAndSaysSo() {
        // "prot" cites two works; the new paper cites one of them and has no words in common with anything read.
        List<PaperRecord> papers = new ArrayList<>(PAPERS.stream()
                .map(p -> p.id().equals("prot") ? p.withReferences(List.of("doi:10.1000/fold", "arXiv:2101.00001"))
                        : p.id().equals("astro") ? p.withReferences(List.of("prot")) : p)
                .toList());
        RecommendationModel model = ModelBuilder.build(papers, EVENTS, NO_DIVERSITY, NOW)
                .withPaper(new PaperRecord("zz-new", "Quasar spectra catalogue", "", List.of(), TODAY, 0, List.of(),
                        null, null, List.of("doi:10.1000/fold")));
        List<InteractionRecord> history = List.of(event("reader", "prot", EventType.UPVOTE));

        for (Strategy strategy : List.of(Strategy.HYBRID, Strategy.CONTENT, Strategy.CITATION)) {
            List<RecommendedPaper> result = model.recommend(RecommendationRequest.of("reader", history, strategy, 10));
            RecommendedPaper found = result.stream().filter(r -> r.paperId().equals("zz-new")).findFirst()
                    .orElseThrow(() -> new AssertionError(strategy + " did not list the new paper: " + ids(result)));
            assertThat(found.reasons()).as(strategy.name())
                    .contains(new Reason.SharesReferences("prot", "Protein structure prediction with deep learning", 1));
            // astro cites prot: it is explained by that citation, not by a shared reference.
            assertThat(result.stream().filter(r -> r.paperId().equals("astro")).findFirst().orElseThrow().reasons())
                    .as(strategy.name()).anySatisfy(r -> assertThat(r).isInstanceOf(Reason.Cites.class));
        }
        List<String> similar = ids(model.similar("prot", Strategy.CONTENT, 10, Set.of()));
        assertThat(similar).contains("zz-new", "astro");
    }

    @Test
    void recommendsTheOnlyCandidateLeftWhenOnlyItsReferencesLinkIt() {
        // One eligible paper: its citation score has no spread, and must still count (scaled by its best score).
        List<PaperRecord> papers = List.of(paper("a", "Tidal energy converters").withReferences(List.of("doi:10.1/x")));
        RecommendationModel model = ModelBuilder.build(papers, List.of(event("u", "a", EventType.UPVOTE)),
                NO_DIVERSITY, NOW).withPaper(paper("b", "Lichen on walls").withReferences(List.of("doi:10.1/x")));

        List<RecommendedPaper> result = model.recommend(RecommendationRequest.of("u", List.of(), Strategy.HYBRID, 5));
        assertThat(ids(result)).containsExactly("b");
        assertThat(result.get(0).reasons()).first().isEqualTo(new Reason.SharesReferences("a",
                "Tidal energy converters", 1));
    }
}
