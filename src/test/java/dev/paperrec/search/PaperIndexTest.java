package dev.paperrec.search;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaperIndexTest {

    private static final Instant V1 = Instant.parse("2024-01-01T00:00:00Z");
    private final PaperIndex index = new PaperIndex();

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    private static IndexedPaper paper(String id, String title, String abstractText, List<String> authors,
                                      String published) {
        return new IndexedPaper(id, title, abstractText, authors, published == null ? null : LocalDate.parse(published),
                List.of("ml"), null, V1);
    }

    private List<String> ids(String q) {
        return ids(q, PaperIndex.Filter.NONE);
    }

    private List<String> ids(String q, PaperIndex.Filter filter) {
        return index.search(index.parse(q), filter, 10, 0).items().stream().map(SearchHit::id).toList();
    }

    @Test
    void shouldRankAnExactTitleFirst() {
        index.apply(List.of(
                paper("a", "Dropout: a simple way to prevent neural networks from overfitting", "", List.of(), null),
                paper("b", "Neural networks", "A simple way to prevent overfitting is dropout in neural networks",
                        List.of(), null),
                paper("c", "Overfitting", "Networks", List.of(), null)), List.of());

        assertThat(ids("Dropout: a simple way to prevent neural networks from overfitting")).containsExactly("a");
        assertThat(ids("neural networks")).containsExactly("b", "a");
    }

    @Test
    void shouldApplyPhrasesFieldsExclusionsAndDates() {
        index.apply(List.of(
                paper("a", "Deep belief networks", "", List.of("Geoffrey Hinton"), "2006-07-01"),
                paper("b", "Networks that are deep and believe", "", List.of("Yann LeCun"), "1998-01-01")), List.of());

        assertThat(ids("\"deep belief networks\"")).containsExactly("a");
        assertThat(ids("networks -\"deep belief\"")).containsExactly("b");
        assertThat(ids("author:lecun OR author:hinton")).containsExactlyInAnyOrder("a", "b");
        assertThat(ids("networks", new PaperIndex.Filter(LocalDate.parse("2000-01-01"), null))).containsExactly("a");
        assertThat(ids("tag:ml author:hinton")).containsExactly("a");
    }

    @Test
    void shouldKeepTheNewerVersionAndDropWithdrawn() {
        index.apply(List.of(new IndexedPaper("a", "Newer title", "", List.of(), null, List.of(), null,
                V1.plusSeconds(60))), List.of());
        index.apply(List.of(paper("a", "Older title", "", List.of(), null)), List.of());
        assertThat(ids("title")).containsExactly("a");
        assertThat(ids("older")).isEmpty();
        index.apply(List.of(), List.of("a"));
        assertThat(ids("newer")).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void shouldRefuseQueriesWithNothingToFind() {
        for (String q : List.of("-only -excluded", "author:", "deep OR", "OR deep", "a OR OR b", "the of and")) {
            assertThatThrownBy(() -> index.parse(q)).as(q).isInstanceOf(SearchSyntax.Refused.class);
        }
    }
}
