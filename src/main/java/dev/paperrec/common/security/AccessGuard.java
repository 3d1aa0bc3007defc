package dev.paperrec.common.security;

import dev.paperrec.common.error.Problem;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates every HTTP request by API key ({@code Authorization: Bearer <key>} or {@code X-API-Key}), checks
 * the role its path needs, and applies the key's token bucket. It runs as a router handler ahead of REST and
 * management routes alike, so metrics and OpenAPI are covered by the same rules.
 */
@ApplicationScoped
public class AccessGuard {

    /** Routing-context key holding the authenticated key's name, for audits. */
    public static final String CALLER = "paperrec.caller";
    private static final Logger LOG = Logger.getLogger(AccessGuard.class);

    private final SecurityConfig config;
    private final ApiKeys keys;
    private final AccessPolicy policy;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    AccessGuard(SecurityConfig config,
                @ConfigProperty(name = "paperrec.console.enabled", defaultValue = "false") boolean console) {
        this.config = config;
        this.keys = ApiKeys.parse(config.apiKeys().orElse(List.of()));
        this.policy = new AccessPolicy(config.publicMetrics(), config.publicOpenapi(), config.publicDigestPreview(),
                console);
    }

    void check(@Observes StartupEvent start) {
        if (keys.isEmpty() && LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("No API keys configured: set paperrec.security.api-keys "
                    + "(PAPERREC_SECURITY_API_KEYS) to name:sha256-hex:roles entries, or, to try the service on this "
                    + "machine, switch demo mode on (PAPERREC_DEMO_ENABLED=true); see README");
        }
        LOG.infof("API keys configured: %d", keys.size());
    }

    void install(@Observes Router router) {
        router.route().order(-90).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        Optional<Role> required = policy.required(ctx.request().method().name(), ctx.normalizedPath());
        if (required.isEmpty()) {
            ctx.next();
            return;
        }
        String presented = presentedKey(ctx);
        if (presented == null) {
            deny(ctx, 401, "Unauthorized", "An API key is required: send Authorization: Bearer <key> or X-API-Key");
            return;
        }
        Optional<ApiKeys.ApiKey> key = keys.match(presented);
        if (key.isEmpty()) {
            deny(ctx, 401, "Unauthorized", "The API key is not valid");
            return;
        }
        if (!key.get().roles().contains(required.get())) {
            deny(ctx, 403, "Forbidden", "This API key lacks the '" + required.get().wireName() + "' role");
            return;
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(key.get().name(), n -> bucket(key.get()))
                .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
            deny(ctx, 429, "Too Many Requests", "Rate limit of this API key exceeded; retry in " + seconds + " s");
            return;
        }
        ctx.put(CALLER, key.get().name());
        ctx.next();
    }

    private Bucket bucket(ApiKeys.ApiKey key) {
        double perSecond = key.perSecond() != null ? key.perSecond()
                : key.roles().contains(Role.READ) ? config.readPerSecond()
                : key.roles().contains(Role.INGEST) ? config.ingestPerSecond()
                : config.adminPerSecond();
        long capacity = Math.max(1, Math.round(perSecond * config.burstSeconds()));
        // Refill one token every 1/perSecond seconds, greedily, so a steady client never waits for a whole period.
        long refillTokens = Math.max(1, Math.round(perSecond));
        Duration period = Duration.ofNanos(Math.round(1e9 * refillTokens / perSecond));
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(refillTokens, period).build())
                .build();
    }

    private static String presentedKey(RoutingContext ctx) {
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        String header = ctx.request().getHeader("X-API-Key");
        return header == null || header.isBlank() ? null : header.trim();
    }

    private static void deny(RoutingContext ctx, int status, String title, String detail) {
        JsonObject problem = new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail).put("instance", ctx.normalizedPath());
        if (Problem.carriesError(ctx.normalizedPath())) {
            problem.put("error", detail);
        }
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(problem.encode());
    }
}
