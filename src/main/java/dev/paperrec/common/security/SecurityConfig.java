package dev.paperrec.common.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** API keys, what is public, and per-key rate limits. */
@ConfigMapping(prefix = "paperrec.security")
public interface SecurityConfig {

    /**
     * API keys as {@code name:sha256-hex:role[+role...][:requests-per-second]}, comma-separated; roles are ingest,
     * read and admin. The service refuses to start in production without any.
     */
    Optional<List<String>> apiKeys();

    /** Serve /q/metrics without a key (for Prometheus scrapes inside the cluster). */
    @WithDefault("true")
    boolean publicMetrics();

    /** Serve /q/openapi and /q/swagger-ui without a key. */
    @WithDefault("true")
    boolean publicOpenapi();

    /**
     * Serve digest previews ({@code GET /api/v1/users/{id}/digest}) without a key, so they open in a browser.
     * Demo mode turns it on when it hands out the demo key; never on a deployment with real readers.
     */
    @WithDefault("false")
    boolean publicDigestPreview();

    /** Sustained requests per second per key holding the read role (the most generous of a key's roles applies). */
    @WithDefault("200")
    double readPerSecond();

    /** Sustained requests per second per key holding the ingest role. */
    @WithDefault("50")
    double ingestPerSecond();

    /** Sustained requests per second per key holding only the admin role. */
    @WithDefault("10")
    double adminPerSecond();

    /** Burst allowance: a key may send this many seconds' worth of requests at once. */
    @WithDefault("2")
    double burstSeconds();
}
