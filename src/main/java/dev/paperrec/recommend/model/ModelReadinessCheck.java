package dev.paperrec.recommend.model;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until a recommendation model is loaded: a replica without one could only answer 503. While builds
 * fail, the details say why and when the next one is tried.
 */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

    private final ModelLifecycle lifecycle;

    ModelReadinessCheck(ModelLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("Recommendation model loaded");
        // A failing build leaves the model in service as it is (up), or none (down); either way it is reported.
        lifecycle.failure().ifPresent(f -> builder.withData("buildFailing", f.cause())
                .withData("buildFailure", f.message())
                .withData("buildFailedAt", f.at().toString())
                .withData("buildFailuresInARow", f.consecutive())
                .withData("nextBuildAt", f.retryAt().toString()));
        return lifecycle.current()
                .map(l -> builder.up().withData("version", l.model().version())
                        .withData("builtAt", l.model().builtAt().toString())
                        .withData("papers", l.model().stats().papers()).build())
                .orElseGet(() -> builder.down().build());
    }
}
