package dev.paperrec.recommend;

import dev.paperrec.interaction.EventType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UserHistoryTest {

    private static final EngineSettings SETTINGS = EngineSettings.defaults();
    private static final long HALF_LIFE = SETTINGS.historyHalfLife().toMillis();

    private static UserHistory.Event e(int paper, EventType type, long millis) {
        return new UserHistory.Event(paper, type, millis);
    }

    @Test
    void shouldWeighUpvotesAboveReadsAndHalveEveryHalfLifeBeforeTheLatestEvent() {
        UserHistory h = UserHistory.replay(List.of(e(1, EventType.UPVOTE, 0), e(2, EventType.READ, HALF_LIFE)),
                SETTINGS);

        assertThat(h.seeds()).containsExactly(1, 2);
        assertThat(h.weights()[0]).isCloseTo(SETTINGS.upvoteWeight() / 2, within(1e-12));
        assertThat(h.weights()[1]).isCloseTo(SETTINGS.readWeight(), within(1e-12));
        assertThat(h.strength()).containsExactly(SETTINGS.upvoteWeight(), SETTINGS.readWeight());
    }

    @Test
    void shouldLetADismissCancelUntilALaterUpvoteAndAnUnupvoteLeaveTheRead() {
        UserHistory h = UserHistory.replay(List.of(
                e(1, EventType.UPVOTE, 0), e(1, EventType.DISMISS, 10),
                e(2, EventType.DISMISS, 0), e(2, EventType.UPVOTE, 10),
                e(3, EventType.READ, 0), e(3, EventType.UPVOTE, 5), e(3, EventType.UNUPVOTE, 10),
                e(4, EventType.UPVOTE, 0), e(4, EventType.UNUPVOTE, 10)), SETTINGS);

        assertThat(h.seeds()).containsExactly(2, 3);
        assertThat(h.strength()).containsExactly(SETTINGS.upvoteWeight(), SETTINGS.readWeight());
        assertThat(h.touched()).as("every paper with an event is never recommended").containsExactly(1, 2, 3, 4);
    }

    @Test
    void shouldReplayInTimeOrderWhateverTheListOrder() {
        UserHistory h = UserHistory.replay(List.of(e(1, EventType.UPVOTE, 20), e(1, EventType.DISMISS, 10)),
                SETTINGS);

        assertThat(h.seeds()).containsExactly(1);
        assertThat(h.lastPositive()).containsExactly(20L);
        assertThat(UserHistory.replay(List.of(), SETTINGS).isEmpty()).isTrue();
    }
}
