package dev.paperrec.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * What the application serves and how it shuts down, read from {@code application.properties} with the
 * Quarkus defaults for anything not set there.
 *
 * @param httpPort        {@code quarkus.http.port}
 * @param healthPaths     the SmallRye Health endpoints: liveness, readiness, startup and the combined one
 * @param metricsPath     the Micrometer Prometheus endpoint
 * @param shutdownTimeout {@code quarkus.shutdown.timeout}: how long in-flight requests get to finish
 * @param keys            configuration keys an environment variable may set
 */
record ApplicationFacts(int httpPort, Set<String> healthPaths, String metricsPath, Duration shutdownTimeout,
        ConfigurationKeys keys) {

    /** The image name (last path segment, without registry or tag) of the application's own container. */
    static final String IMAGE_NAME = "paper-recommender";

    static ApplicationFacts load(Path projectRoot) {
        Path applicationProperties = projectRoot.resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(applicationProperties)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = Integer.parseInt(properties.getProperty("quarkus.http.port", "8080").trim());
        String root = "/" + trimSlashes(properties.getProperty("quarkus.http.non-application-root-path", "q"));
        String health = root + "/" + trimSlashes(properties.getProperty("quarkus.smallrye-health.root-path", "health"));
        Set<String> healthPaths = Set.of(
                health,
                health + "/" + trimSlashes(properties.getProperty("quarkus.smallrye-health.liveness-path", "live")),
                health + "/" + trimSlashes(properties.getProperty("quarkus.smallrye-health.readiness-path", "ready")),
                health + "/" + trimSlashes(properties.getProperty("quarkus.smallrye-health.startup-path", "started")));
        String metrics = root + "/" + trimSlashes(properties.getProperty("quarkus.micrometer.export.prometheus.path", "metrics"));
        Duration shutdown = quarkusDuration(properties.getProperty("quarkus.shutdown.timeout", "0"));
        ConfigurationKeys keys = ConfigurationKeys.load(applicationProperties, projectRoot.resolve("src/main/java"),
                projectRoot.resolve("src/test/resources/k8s/allowed-env.txt"));
        return new ApplicationFacts(port, healthPaths, metrics, shutdown, keys);
    }

    /** Quarkus duration syntax: a bare number is seconds; {@code 25S}, {@code 500ms}, {@code 2d}, or ISO-8601. */
    static Duration quarkusDuration(String value) {
        String v = value.trim();
        if (v.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        if (v.toLowerCase(Locale.ROOT).matches("\\d+ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.toLowerCase(Locale.ROOT).matches("\\d+d")) {
            return Duration.ofDays(Long.parseLong(v.substring(0, v.length() - 1)));
        }
        return Duration.parse(v.toUpperCase(Locale.ROOT).startsWith("P") ? v : "PT" + v);
    }

    private static String trimSlashes(String path) {
        return path.trim().replaceAll("^/+|/+$", "");
    }
}
