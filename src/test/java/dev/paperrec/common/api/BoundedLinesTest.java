package dev.paperrec.common.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedLinesTest {

    private static List<String> read(String text, int max) throws IOException {
        BoundedLines lines = new BoundedLines(new StringReader(text), max);
        List<String> all = new ArrayList<>();
        String line;
        while ((line = lines.next()) != null) {
            all.add(line);
        }
        return all;
    }

    @Test
    void shouldSplitAsReadLineDoes() throws IOException {
        assertThat(read("a\r\nbb\n\nccc", 10)).containsExactly("a", "bb", "", "ccc");
        assertThat(read("a\n", 10)).containsExactly("a");
        assertThat(read("", 10)).isEmpty();
    }

    @Test
    void shouldAcceptALineOfTheLimitAcrossBufferRefills() throws IOException {
        String limit = "x".repeat(200_000);
        assertThat(read("short\n" + limit + "\r\nafter", 200_000)).containsExactly("short", limit, "after");
    }

    @Test
    void shouldStopAtTheFirstLineOverTheLimitAndNameIt() {
        String text = "ok\n" + "y".repeat(100_001) + "\nnever read";
        assertThatThrownBy(() -> read(text, 100_000)).isInstanceOf(BoundedLines.LineTooLongException.class)
                .hasMessage("line 2 is longer than 100000 characters");
        assertThatThrownBy(() -> read("z".repeat(11), 10)).isInstanceOf(BoundedLines.LineTooLongException.class)
                .hasMessage("line 1 is longer than 10 characters");
    }
}
