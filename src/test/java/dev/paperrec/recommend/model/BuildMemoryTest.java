package dev.paperrec.recommend.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildMemoryTest {

    private static final long MB = 1 << 20;

    /** A heap of 1,000 MB whose use the test sets, with garbage that a collection frees. */
    static final class FakeHeap implements BuildMemory.Heap {
        long live;
        long garbage;
        int collections;

        @Override
        public long max() {
            return 1000 * MB;
        }

        @Override
        public long used() {
            return live + garbage;
        }

        @Override
        public void collect() {
            collections++;
            garbage = 0;
        }
    }

    private final FakeHeap heap = new FakeHeap();
    private final BuildMemory memory = new BuildMemory(0.8, heap);

    @Test
    void shouldLetABuildGoOnWithoutCollectingWhileTheHeapInUseIsWithinTheBudget() {
        heap.live = 700 * MB;
        heap.garbage = 100 * MB;

        memory.check("reading events");

        assertThat(memory.limit()).isEqualTo(800 * MB);
        assertThat(heap.collections).isZero();
        assertThat(memory.peak()).isEqualTo(800 * MB);
    }

    @Test
    void shouldCollectOnceWhenGarbageAloneTakesTheHeapOverTheBudget() {
        heap.live = 500 * MB;
        heap.garbage = 400 * MB;

        memory.check("reading events");

        assertThat(heap.collections).isEqualTo(1);
    }

    @Test
    void shouldStopTheBuildWhenWhatIsLiveExceedsTheBudget() {
        heap.live = 850 * MB;
        heap.garbage = 50 * MB;

        assertThatThrownBy(() -> memory.check("events by user"))
                .isInstanceOf(BuildMemory.Exceeded.class)
                .hasMessageContaining("events by user")
                .hasMessageContaining("850 MB in use after a collection")
                .hasMessageContaining("budget 800 MB of 1000 MB");
    }

    @Test
    void shouldStopBeforeReadingWhenTheExpectedGrowthWouldNotFit() {
        heap.live = 300 * MB;

        memory.require(400 * MB, "1,000 papers");
        assertThatThrownBy(() -> memory.require(600 * MB, "4M events"))
                .isInstanceOf(BuildMemory.Exceeded.class)
                .hasMessageContaining("600 MB expected");
    }

    @Test
    void shouldNotCollectAgainUntilTheHeapGrewByHalfTheHeadroom() {
        heap.live = 790 * MB;
        heap.garbage = 20 * MB;
        memory.check("a");
        assertThat(heap.collections).isEqualTo(1);

        // Collected at 790 MB live: the next collection waits until 790 + 100 (half of the 200 MB headroom).
        heap.garbage = 90 * MB;
        memory.check("b");
        assertThat(heap.collections).isEqualTo(1);

        heap.garbage = 110 * MB;
        memory.check("c");
        assertThat(heap.collections).isEqualTo(2);
    }

    @Test
    void shouldRefuseAShareOutsideZeroToOne() {
        assertThatThrownBy(() -> new BuildMemory(0, heap)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BuildMemory(1.5, heap)).isInstanceOf(IllegalArgumentException.class);
    }
}
