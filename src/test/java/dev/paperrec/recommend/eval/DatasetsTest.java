package dev.paperrec.recommend.eval;

import dev.paperrec.interaction.EventType;
import dev.paperrec.recommend.model.InteractionRecord;
import dev.paperrec.recommend.model.PaperRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetsTest {

    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void shouldHoldOutEachUsersHighestIdsInNumericOrder() {
        List<InteractionRecord> events = new ArrayList<>();
        for (String id : List.of("9", "10", "2", "100", "33", "7", "8", "11", "12", "13")) {
            events.add(new InteractionRecord("ann", id, EventType.UPVOTE, T));
        }
        events.add(new InteractionRecord("bob", "5", EventType.UPVOTE, T));

        Datasets.Split fifth = Datasets.ordered(events);
        assertThat(fifth.test()).isEqualTo(Map.of("ann", Set.of("33", "100")));

        Datasets.Split keepFour = Datasets.ordered(events, 4);
        assertThat(keepFour.test()).isEqualTo(Map.of("ann", Set.of("10", "11", "12", "13", "33", "100")));
        assertThat(keepFour.train()).extracting(InteractionRecord::paperId)
                .containsExactlyInAnyOrder("9", "2", "7", "8", "5");
    }

    @Test
    void shouldKeepOnlyThePapersTheTrainingPartReadsInCatalogueOrder() {
        List<PaperRecord> papers = new ArrayList<>();
        for (String id : List.of("1", "2", "3", "4")) {
            papers.add(new PaperRecord(id, "Paper " + id, null, List.of(), null, 0, List.of(), null));
        }
        List<InteractionRecord> train = List.of(new InteractionRecord("ann", "4", EventType.UPVOTE, T),
                new InteractionRecord("bob", "2", EventType.READ, T),
                new InteractionRecord("bob", "4", EventType.UPVOTE, T));

        assertThat(Datasets.readIn(papers, train)).extracting(PaperRecord::id).containsExactly("2", "4");
    }

    @Test
    void shouldHoldOutTheColdPapersAndAFifthOfEachUsersOtherPapers() {
        List<PaperRecord> papers = new ArrayList<>();
        List<InteractionRecord> events = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            papers.add(new PaperRecord("p" + p, "Paper " + p, null, List.of(), null, 0, List.of(), null));
            for (String user : List.of("ann", "bob")) {
                events.add(new InteractionRecord(user, "p" + p, EventType.UPVOTE, T));
            }
        }

        Datasets.Split mixed = Datasets.mixed(events, papers, 7);

        Set<String> cold = new java.util.HashSet<>(Datasets.cold(events, papers, 7).test().get("ann"));
        assertThat(cold).hasSize(2);
        assertThat(mixed.train()).noneMatch(e -> cold.contains(e.paperId()));
        for (String user : List.of("ann", "bob")) {
            // Two cold papers, plus a fifth of the 18 warm ones (4 after rounding).
            assertThat(mixed.test().get(user)).containsAll(cold).hasSize(6);
            assertThat(mixed.train()).filteredOn(e -> e.userId().equals(user)).hasSize(14)
                    .noneMatch(e -> mixed.test().get(user).contains(e.paperId()));
        }
        assertThat(Datasets.mixed(events, papers, 7)).isEqualTo(mixed);
    }
}
