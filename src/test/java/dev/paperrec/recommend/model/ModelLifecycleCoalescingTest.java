package dev.paperrec.recommend.model;

import dev.paperrec.interaction.EventType;
import dev.paperrec.recommend.RecommendConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How {@link ModelLifecycle} coalesces rebuilds, without booting Quarkus: the source below hands out one snapshot per
 * permit, so a test decides when each build may read, and counts the reads.
 */
class ModelLifecycleCoalescingTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    /** Snapshots on demand: each build waits for a permit; a build can be told to fail instead. */
    static final class GatedSource extends ModelSource {
        final Semaphore permits = new Semaphore(0);
        final Semaphore entered = new Semaphore(0);
        final AtomicInteger reads = new AtomicInteger();
        final Set<Integer> failing = new HashSet<>();
        final List<String> papers = new ArrayList<>(List.of("p1", "p2", "p3"));
        /** Builds still to be told that the database holds far more events than any heap holds. */
        final AtomicInteger oversized = new AtomicInteger();

        GatedSource() {
            super(null);
        }

        @Override
        public Size estimatedSize() {
            return new Size(papers.size(), oversized.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 1L << 40 : 2);
        }

        @Override
        public Snapshot snapshot(boolean withNeighbours, boolean withCitationNeighbours, BuildGuard guard) {
            entered.release();
            try {
                if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no permit to read");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            int read = reads.incrementAndGet();
            if (failing.contains(read)) {
                throw new IllegalStateException("read " + read + " fails");
            }
            List<PaperRecord> records = papers.stream().map(GatedSource::paper).toList();
            List<InteractionRecord> events = List.of(
                    new InteractionRecord("u1", "p1", EventType.UPVOTE, NOW),
                    new InteractionRecord("u1", "p2", EventType.READ, NOW));
            return new Snapshot(records, EventLog.of(events), new EventHorizon(read, null), null, null);
        }

        @Override
        public List<PaperRecord> papers(Collection<String> ids) {
            return ids.stream().map(GatedSource::paper).toList();
        }

        static PaperRecord paper(String id) {
            return new PaperRecord(id, "Graph networks " + id, "", List.of(), null, 0, List.of(), null);
        }
    }

    private final GatedSource source = new GatedSource();
    private final ModelLifecycle lifecycle = new ModelLifecycle(source, config(), new SimpleMeterRegistry());

    /** The engine's configuration with no build at start, plus {@code settings} (name, value, name, value...). */
    static RecommendConfig config(String... settings) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withMapping(RecommendConfig.class)
                .withDefaultValue("paperrec.recommend.build-at-startup", "false");
        for (int i = 0; i < settings.length; i += 2) {
            builder.withDefaultValue(settings[i], settings[i + 1]);
        }
        SmallRyeConfig config = builder.build();
        return config.getConfigMapping(RecommendConfig.class);
    }

    @AfterEach
    void stop() {
        source.permits.release(100);
        lifecycle.onStop(null);
    }

    @Test
    void shouldRunOneFollowingBuildForEveryRebuildAskedForWhileOneRuns() throws Exception {
        CompletableFuture<ModelLifecycle.Loaded> first = lifecycle.rebuild();
        List<CompletableFuture<ModelLifecycle.Loaded>> meanwhile = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            meanwhile.add(lifecycle.rebuild());
        }
        assertThat(meanwhile).allSatisfy(f -> assertThat(f).isSameAs(meanwhile.get(0)).isNotSameAs(first));

        source.permits.release(2);
        ModelLifecycle.Loaded firstLoaded = first.get(30, TimeUnit.SECONDS);
        ModelLifecycle.Loaded following = meanwhile.get(0).get(30, TimeUnit.SECONDS);

        assertThat(source.reads).hasValue(2);
        assertThat(firstLoaded.events().lastEventId()).isEqualTo(1);
        assertThat(following.events().lastEventId()).as("the following build read after the calls").isEqualTo(2);
        assertThat(lifecycle.current()).contains(following);
    }

    @Test
    void shouldStartAFreshBuildOnceNoneIsRunning() throws Exception {
        source.permits.release(1);
        ModelLifecycle.Loaded first = lifecycle.rebuild().get(30, TimeUnit.SECONDS);
        source.permits.release(1);
        ModelLifecycle.Loaded second = lifecycle.rebuild().get(30, TimeUnit.SECONDS);

        assertThat(source.reads).hasValue(2);
        assertThat(second).isNotSameAs(first);
        assertThat(second.events().lastEventId()).isEqualTo(2);
    }

    @Test
    void shouldKeepThePreviousModelWhenABuildFailsAndStillRunTheFollowingOne() throws Exception {
        source.permits.release(1);
        ModelLifecycle.Loaded good = lifecycle.rebuild().get(30, TimeUnit.SECONDS);

        source.failing.add(2);
        CompletableFuture<ModelLifecycle.Loaded> failing = lifecycle.rebuild();
        CompletableFuture<ModelLifecycle.Loaded> following = lifecycle.rebuild();
        source.permits.release(1);
        assertThatThrownBy(() -> failing.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("read 2 fails");
        assertThat(lifecycle.current()).contains(good);

        source.permits.release(1);
        ModelLifecycle.Loaded recovered = following.get(30, TimeUnit.SECONDS);
        assertThat(recovered.events().lastEventId()).isEqualTo(3);
        assertThat(lifecycle.current()).contains(recovered);
    }

    @Test
    void shouldAddPapersCreatedDuringABuildToTheModelThatBuildSwapsIn() throws Exception {
        source.permits.release(1);
        lifecycle.rebuild().get(30, TimeUnit.SECONDS);

        CompletableFuture<ModelLifecycle.Loaded> running = lifecycle.rebuild();
        assertThat(source.entered.tryAcquire(2, 30, TimeUnit.SECONDS)).isTrue();
        // Committed after the build began, so its snapshot (taken from the list above) does not hold it.
        lifecycle.learn(List.of("p4"));
        assertThat(lifecycle.current().orElseThrow().model().knows("p4")).isTrue();

        source.permits.release(1);
        ModelLifecycle.Loaded rebuilt = running.get(30, TimeUnit.SECONDS);
        assertThat(rebuilt.model().knows("p4")).isFalse();
        assertThat(lifecycle.current().orElseThrow().model().knows("p4"))
                .as("carried over to the new model").isTrue();
    }
}
