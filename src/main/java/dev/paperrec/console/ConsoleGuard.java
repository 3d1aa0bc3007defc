package dev.paperrec.console;

import dev.paperrec.common.error.Problem;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The console's HTTP rules, ahead of its resources and after the API key check: its paths answer 404 while it is
 * switched off; its pages get a strict Content-Security-Policy and anti-framing headers; and every write needs the
 * CSRF token of the tab's page (double submit: an HttpOnly, SameSite=Strict cookie and the same value in a header
 * the console's script sends).
 */
@ApplicationScoped
public class ConsoleGuard {

    /** Routing-context key of the request's CSRF token, for the pages to embed. */
    public static final String CSRF = "paperrec.csrf";
    static final String CSRF_COOKIE = "paperrec-csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** No inline script or style anywhere; data: images for nothing but the charts' absence of them. */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'";
    /**
     * A sent message or digest preview, shown as it is mailed: its inline styles apply, nothing runs (sandbox
     * without scripts), and only the console itself may frame it.
     */
    static final String MAIL_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; "
            + "frame-ancestors 'self'";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final ConsoleConfig config;
    private final SecureRandom random = new SecureRandom();

    ConsoleGuard(ConsoleConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route().order(-80).handler(this::handle);
    }

    /** Whether a path is one of the console's: pages, fragments, framed messages. */
    static boolean isConsolePath(String path) {
        return path.equals("/") || path.equals("/console") || path.startsWith("/papers/") || path.startsWith("/ui/")
                || path.startsWith("/views/");
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!isConsolePath(path)) {
            ctx.next();
            return;
        }
        if (!config.enabled()) {
            deny(ctx, 404, "Not Found", "The web console is switched off (paperrec.console.enabled)");
            return;
        }
        boolean mail = path.startsWith("/views/");
        ctx.response().headers()
                .set("Content-Security-Policy", mail ? MAIL_POLICY : PAGE_POLICY)
                .set("X-Frame-Options", mail ? "SAMEORIGIN" : "DENY")
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("Cache-Control", "no-store");
        Cookie cookie = ctx.request().getCookie(CSRF_COOKIE);
        String token = cookie != null && TOKEN.matcher(cookie.getValue()).matches() ? cookie.getValue() : null;
        String method = ctx.request().method().name();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            String sent = ctx.request().getHeader(CSRF_HEADER);
            if (token == null || sent == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII),
                    sent.getBytes(StandardCharsets.US_ASCII))) {
                deny(ctx, 403, "Forbidden", "The CSRF token is missing or wrong: reload the page and try again");
                return;
            }
        } else if (token == null) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            ctx.response().addCookie(Cookie.cookie(CSRF_COOKIE, token).setPath("/").setHttpOnly(true)
                    .setSameSite(CookieSameSite.STRICT));
        }
        ctx.put(CSRF, token);
        ctx.next();
    }

    private static void deny(RoutingContext ctx, int status, String title, String detail) {
        JsonObject problem = new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail).put("instance", ctx.normalizedPath());
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(problem.encode());
    }
}
