package dev.paperrec.recommend.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paperrec.interaction.EventType;
import dev.paperrec.recommend.EngineSettings;
import dev.paperrec.recommend.Strategy;
import dev.paperrec.recommend.model.InteractionRecord;
import dev.paperrec.recommend.model.PaperRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The daily replay on a catalogue small enough to know the answer. */
class DailyReplayTest {

    private static final LocalDate DAY = LocalDate.of(2025, 3, 10);

    @TempDir
    Path dir;

    @Test
    void shouldRankEachDaysPapersWithWhatCameBeforeAndScoreThemOnWhatCameAfter() {
        List<PaperRecord> papers = List.of(
                paper("old-gnn", "graph neural networks molecules", DAY.minusDays(30)),
                paper("old-astro", "galaxy halo survey", DAY.minusDays(30)),
                paper("new-gnn", "graph neural networks proteins", DAY),
                paper("new-astro", "galaxy cluster survey", DAY));
        List<InteractionRecord> events = List.of(
                event("ann", "old-gnn", DAY.minusDays(5)), event("bob", "old-astro", DAY.minusDays(5)),
                // After midnight: what the day's ranking is scored on.
                event("ann", "new-gnn", DAY.plusDays(1)), event("bob", "new-astro", DAY.plusDays(2)),
                // A reader without history before the day is not scored.
                event("cat", "new-gnn", DAY.plusDays(1)));

        List<ObjectNode> results = DailyReplay.run(papers, events, EngineSettings.defaults().with(
                java.util.Map.of("blendUsers", "0")), 5, new int[]{1}, List.of(Strategy.CONTENT), false);

        ObjectNode content = results.get(0);
        // Two days had papers somebody read; on the first, nobody had history yet.
        assertThat(content.get("days").asInt()).isEqualTo(2);
        assertThat(content.get("newPapers").asInt()).isEqualTo(4);
        assertThat(content.get("users").asInt()).isEqualTo(2);
        // Each reader's own topic comes first among the day's two papers.
        assertThat(content.get("metrics").get("R@1").asDouble()).isEqualTo(1.0);
    }

    @Test
    void shouldReadEventTimesAndRefuseAFileWithout() throws Exception {
        Path timed = dir.resolve("timed.csv");
        Files.writeString(timed, "user_id,paper_id,type,occurred_at\nann,p1,read,2025-03-10T08:00:00Z\n");
        assertThat(Datasets.timedInteractions(timed)).singleElement()
                .extracting(InteractionRecord::occurredAt).isEqualTo(Instant.parse("2025-03-10T08:00:00Z"));

        Path untimed = dir.resolve("untimed.csv");
        Files.writeString(untimed, "user_id,paper_id,type\nann,p1,read\n");
        assertThatThrownBy(() -> Datasets.timedInteractions(untimed)).hasMessageContaining("occurred_at");
        assertThat(Datasets.interactions(timed)).singleElement()
                .extracting(InteractionRecord::occurredAt).isEqualTo(Datasets.EPOCH);
    }

    private static PaperRecord paper(String id, String title, LocalDate published) {
        return new PaperRecord(id, title, "", List.of(), published, 0, List.of(), null);
    }

    private static InteractionRecord event(String user, String paper, LocalDate day) {
        return new InteractionRecord(user, paper, EventType.READ, day.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC));
    }
}
