package dev.paperrec.interaction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTypeTest {

    @Test
    void shouldReadWireNamesStrictlyFromTheApiAndLenientlyFromDataFiles() {
        assertThat(EventType.parse("upvote")).contains(EventType.UPVOTE);
        assertThat(EventType.parse("Upvote")).as("the API takes the wire name as written").isEmpty();
        assertThat(EventType.fromWireName(" Dismiss ")).isEqualTo(EventType.DISMISS);
        assertThatThrownBy(() -> EventType.fromWireName("like")).hasMessageContaining("read, upvote, unupvote, dismiss");
        for (EventType type : EventType.values()) {
            assertThat(EventType.fromWireName(type.wireName())).isEqualTo(type);
        }
    }
}
