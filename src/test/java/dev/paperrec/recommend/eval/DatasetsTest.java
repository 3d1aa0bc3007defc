package dev.paperrec.recommend.eval;

import dev.paperrec.recommend.EventType;
import dev.paperrec.recommend.InteractionRecord;
import dev.paperrec.recommend.PaperRecord;
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
}
