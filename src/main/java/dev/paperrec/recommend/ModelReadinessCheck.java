package dev.paperrec.recommend;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until a recommendation model is loaded: a replica without one could only answer 503. */
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
        return lifecycle.current()
                .map(l -> builder.up().withData("version", l.model().version())
                        .withData("builtAt", l.model().builtAt().toString())
                        .withData("papers", l.model().stats().papers()).build())
                .orElseGet(() -> builder.down().build());
    }
}
