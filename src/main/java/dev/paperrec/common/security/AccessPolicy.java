package dev.paperrec.common.security;

import dev.paperrec.common.error.Problem;

import java.util.Optional;
import java.util.Set;

/**
 * Which role a request needs, from its method and path; empty means public. Public paths are listed on purpose:
 * health (and metrics and OpenAPI where configured), the pages digest e-mails link to, and single catalogue papers.
 * Anything else, known or not, needs a key.
 */
public final class AccessPolicy {

    /** Pages outside the API that e-mails link to: they carry their own signed tokens. */
    static final Set<String> EMAIL_PAGES = Set.of("/unsubscribe", "/confirm");
    static final String CLICK_PREFIX = "/r/";
    /**
     * Literal sub-paths of {@code /api/v1/papers/}: collections and actions, never a paper id, so never public. A
     * test checks that every literal path of the paper resources is here.
     */
    public static final Set<String> PAPER_ROUTES = Set.of("trending", "import", "citations", "search");
    /** POSTs that only read: their body is a question, too long for a query string. Exact paths only. */
    static final Set<String> READING_POSTS = Set.of("/api/v1/recommendations");
    /**
     * The Semantic Scholar Recommendations API as this service mirrors it: recommendations, so the read role for
     * every method (its POST reads, like {@link #READING_POSTS}), never public, whether the console is on or not.
     */
    static final String SEMANTIC_SCHOLAR = Problem.SEMANTIC_SCHOLAR_PATHS;

    private final boolean publicMetrics;
    private final boolean publicOpenApi;
    private final boolean publicDigestPreview;
    private final boolean console;

    /** {@code console}: the web console is served, so its page shells and assets are public (see {@link #console}). */
    public AccessPolicy(boolean publicMetrics, boolean publicOpenApi, boolean publicDigestPreview, boolean console) {
        this.publicMetrics = publicMetrics;
        this.publicOpenApi = publicOpenApi;
        this.publicDigestPreview = publicDigestPreview;
        this.console = console;
    }

    public Optional<Role> required(String method, String path) {
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        if (path.startsWith("/q/")) {
            if (path.startsWith("/q/health")) {
                return Optional.empty();
            }
            if (path.startsWith("/q/metrics")) {
                return publicMetrics ? Optional.empty() : Optional.of(Role.ADMIN);
            }
            if (path.startsWith("/q/openapi") || path.startsWith("/q/swagger-ui")) {
                return publicOpenApi ? Optional.empty() : Optional.of(Role.READ);
            }
            return Optional.of(Role.ADMIN);
        }
        if (EMAIL_PAGES.contains(path) || path.startsWith(CLICK_PREFIX) && path.indexOf('/', CLICK_PREFIX.length()) < 0) {
            return Optional.empty();
        }
        if (path.startsWith(SEMANTIC_SCHOLAR) || "POST".equals(method) && READING_POSTS.contains(path)) {
            return Optional.of(Role.READ);
        }
        if (!path.startsWith("/api/")) {
            return console ? console(read, path) : Optional.of(Role.READ);
        }
        if (read && isSinglePaper(path)) {
            // Catalogue entries are public facts, and digest links land here for papers without a URL of their own.
            return Optional.empty();
        }
        if (path.startsWith("/api/v1/admin/")) {
            return Optional.of(Role.ADMIN);
        }
        if (path.startsWith("/api/v1/users/")) {
            String rest = path.substring("/api/v1/users/".length());
            int slash = rest.indexOf('/');
            String sub = slash < 0 ? "" : rest.substring(slash + 1);
            if (sub.isEmpty() || sub.startsWith("export")) {
                return Optional.of(Role.ADMIN);
            }
            if (sub.startsWith("subscription") && !read) {
                return Optional.of(Role.INGEST);
            }
            if (publicDigestPreview && read && sub.equals("digest")) {
                return Optional.empty();
            }
            return Optional.of(Role.READ);
        }
        return Optional.of(read ? Role.READ : Role.INGEST);
    }

    /**
     * The console's page shells, paper pages and assets carry no reader data: public (all of {@code /papers/} is a
     * paper's page: an id may hold slashes, {@code hep-th/9901001}). What they load with the key kept in the browser
     * tab is under {@code /ui/}: operator fragments need admin, other reads read, writes ingest.
     * Framed views of mailed messages ({@code /views/}) carry their own signed, short-lived tokens.
     */
    private static Optional<Role> console(boolean read, String path) {
        if (path.startsWith("/ui/admin/")) {
            return Optional.of(Role.ADMIN);
        }
        if (path.startsWith("/ui/")) {
            return Optional.of(read ? Role.READ : Role.INGEST);
        }
        boolean shell = path.equals("/") || path.equals("/console") || path.startsWith("/assets/")
                || path.startsWith("/webjars/") || path.startsWith("/views/")
                || path.startsWith("/papers/");
        return read && shell ? Optional.empty() : Optional.of(Role.READ);
    }

    private static boolean isSinglePaper(String path) {
        String prefix = "/api/v1/papers/";
        if (!path.startsWith(prefix)) {
            return false;
        }
        String id = path.substring(prefix.length());
        return !id.isEmpty() && !id.contains("/") && !PAPER_ROUTES.contains(id);
    }
}
