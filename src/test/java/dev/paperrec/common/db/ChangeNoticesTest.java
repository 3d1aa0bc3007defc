package dev.paperrec.common.db;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeNoticesTest {

    @Test
    void shouldRoundTripIdsOfEveryKind() {
        for (ChangeNotices.Kind kind : ChangeNotices.Kind.values()) {
            List<String> payloads = ChangeNotices.payloads(kind, List.of("alice", "bob@example.org", "Zoë ✓"));
            assertThat(payloads).hasSize(1);
            ChangeNotices.Notice notice = ChangeNotices.parse(payloads.get(0)).orElseThrow();
            assertThat(notice.kind()).isEqualTo(kind);
            assertThat(notice.ids()).containsExactly("alice", "bob@example.org", "Zoë ✓");
        }
    }

    @Test
    void shouldSplitIdsOverPayloadsThatPostgresAccepts() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // 128 characters, most of them three bytes in UTF-8.
            ids.add(String.format("%04d", i) + "€".repeat(124));
        }
        List<String> payloads = ChangeNotices.payloads(ChangeNotices.Kind.USER, ids);

        assertThat(payloads).hasSizeGreaterThan(1).allSatisfy(p ->
                assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ChangeNotices.MAX_PAYLOAD_BYTES));
        List<String> back = new ArrayList<>();
        payloads.forEach(p -> back.addAll(ChangeNotices.parse(p).orElseThrow().ids()));
        assertThat(back).containsExactlyElementsOf(ids);
    }

    @Test
    void shouldIgnoreForeignPayloads() {
        assertThat(ChangeNotices.parse("")).isEmpty();
        assertThat(ChangeNotices.parse(null)).isEmpty();
        assertThat(ChangeNotices.parse("x\nsomething")).isEmpty();
        assertThat(ChangeNotices.parse("p").orElseThrow().ids()).isEmpty();
    }
}
