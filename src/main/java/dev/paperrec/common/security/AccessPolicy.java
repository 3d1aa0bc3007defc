package dev.paperrec.common.security;

import java.util.Optional;

/** Which role a request needs, from its method and path; empty means public. */
public final class AccessPolicy {

    private final boolean publicMetrics;
    private final boolean publicOpenApi;
    private final boolean publicDigestPreview;

    public AccessPolicy(boolean publicMetrics, boolean publicOpenApi, boolean publicDigestPreview) {
        this.publicMetrics = publicMetrics;
        this.publicOpenApi = publicOpenApi;
        this.publicDigestPreview = publicDigestPreview;
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
        if (!path.startsWith("/api/")) {
            // Unsubscribe pages and click-back links are reached from e-mails, without a key.
            return Optional.empty();
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

    private static boolean isSinglePaper(String path) {
        String prefix = "/api/v1/papers/";
        if (!path.startsWith(prefix)) {
            return false;
        }
        String id = path.substring(prefix.length());
        return !id.isEmpty() && !id.contains("/") && !id.equals("trending") && !id.equals("import")
                && !id.equals("citations");
    }
}
