package dev.paperrec.recommend.model;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Ready when PostgreSQL answers. Once a model is loaded, an unreachable database degrades the service instead of
 * taking it out of rotation: reads are answered from memory (marked stale) and writes get 503, which is better than
 * every replica leaving the load balancer at once during a database outage.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 2;

    private final AgroalDataSource dataSource;
    private final ModelLifecycle lifecycle;

    DatabaseReadinessCheck(AgroalDataSource dataSource, ModelLifecycle lifecycle) {
        this.dataSource = dataSource;
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("Database");
        String failure = null;
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(TIMEOUT_SECONDS)) {
                failure = "no answer within " + TIMEOUT_SECONDS + " s";
            }
        } catch (SQLException e) {
            failure = e.getMessage();
        }
        if (failure == null) {
            return builder.up().withData("database", "reachable").build();
        }
        builder.withData("database", "unreachable: " + failure);
        if (lifecycle.current().isPresent()) {
            return builder.up().withData("mode", "degraded: reads from the in-memory model, writes answer 503").build();
        }
        return builder.down().build();
    }
}
