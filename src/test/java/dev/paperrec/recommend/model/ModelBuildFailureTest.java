package dev.paperrec.recommend.model;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A build that would not fit in the heap: the model in service stays, the failure is reported and retried. */
class ModelBuildFailureTest {

    private final ModelLifecycleCoalescingTest.GatedSource source = new ModelLifecycleCoalescingTest.GatedSource();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ModelLifecycle lifecycle = new ModelLifecycle(source,
            ModelLifecycleCoalescingTest.config("paperrec.recommend.build-retry-backoff", "PT1S"), registry);

    @AfterEach
    void stop() {
        source.permits.release(100);
        lifecycle.onStop(null);
    }

    @Test
    void shouldKeepTheModelReportTheFailureAndRetryWithBackoffWhenABuildWouldNotFitInTheHeap() throws Exception {
        source.permits.release(1);
        ModelLifecycle.Loaded first = lifecycle.rebuild().get(30, TimeUnit.SECONDS);
        source.oversized.set(2);

        assertThatThrownBy(() -> lifecycle.rebuild().get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(BuildMemory.Exceeded.class);

        assertThat(lifecycle.current()).contains(first);
        ModelLifecycle.BuildFailure failure = lifecycle.failure().orElseThrow();
        assertThat(failure.cause()).isEqualTo("memory");
        assertThat(failure.consecutive()).isEqualTo(1);
        assertThat(failure.message()).contains("more heap than its budget", "events to read");
        assertThat(Duration.between(failure.at(), failure.retryAt())).isEqualTo(Duration.ofSeconds(1));
        assertThat(registry.get("paperrec.model.build.failures").tag("cause", "memory").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("paperrec.model.build.failures").tag("cause", "database").counter().count())
                .isZero();
        HealthCheckResponse health = new ModelReadinessCheck(lifecycle).call();
        assertThat(health.getStatus()).as("the previous model still serves").isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(health.getData().orElseThrow()).containsEntry("buildFailing", "memory")
                .containsEntry("buildFailuresInARow", 1L).containsKey("nextBuildAt");

        // The retry fails the same way, and waits twice as long before the next one.
        waitUntil(() -> lifecycle.failure().map(f -> f.consecutive() == 2).orElse(false));
        ModelLifecycle.BuildFailure second = lifecycle.failure().orElseThrow();
        assertThat(Duration.between(second.at(), second.retryAt())).isEqualTo(Duration.ofSeconds(2));
        assertThat(registry.get("paperrec.model.build.failing").gauge().value()).isEqualTo(2);

        // The database shrank back: the next retry builds, and the failure is cleared.
        source.permits.release(1);
        waitUntil(() -> lifecycle.failure().isEmpty());
        assertThat(lifecycle.current().orElseThrow()).isNotSameAs(first);
        assertThat(registry.get("paperrec.model.build.failing").gauge().value()).isZero();
        assertThat(new ModelReadinessCheck(lifecycle).call().getData().orElseThrow()).doesNotContainKey("buildFailing");
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void shouldStayDownAndSayWhyWhenTheFirstBuildCannotFit() {
        source.oversized.set(1_000);

        assertThatThrownBy(() -> lifecycle.rebuild().get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(BuildMemory.Exceeded.class);

        HealthCheckResponse health = new ModelReadinessCheck(lifecycle).call();
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(health.getData().orElseThrow()).containsEntry("buildFailing", "memory");
        assertThat(source.reads).as("nothing was read for a build that could not fit").hasValue(0);
    }
}
