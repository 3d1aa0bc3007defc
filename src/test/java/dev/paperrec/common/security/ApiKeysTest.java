package dev.paperrec.common.security;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysTest {

    @Test
    void shouldMatchAPresentedKeyByItsDigest() {
        ApiKeys keys = ApiKeys.parse(List.of(
                "ops:" + ApiKeys.sha256Hex("secret-1") + ":admin",
                "app:" + ApiKeys.sha256Hex("secret-2") + ":read+ingest:25"));

        assertThat(keys.match("secret-2")).hasValueSatisfying(k -> {
            assertThat(k.name()).isEqualTo("app");
            assertThat(k.roles()).isEqualTo(Set.of(Role.READ, Role.INGEST));
            assertThat(k.perSecond()).isEqualTo(25.0);
        });
        assertThat(keys.match("secret-1")).hasValueSatisfying(k -> assertThat(k.perSecond()).isNull());
        assertThat(keys.match("secret-3")).isEmpty();
        assertThat(keys.match(ApiKeys.sha256Hex("secret-1"))).as("the digest itself is not a key").isEmpty();
    }

    @Test
    void shouldRejectMalformedEntries() {
        assertThatThrownBy(() -> ApiKeys.parse(List.of("ops:plaintext:admin"))).hasMessageContaining("SHA-256");
        assertThatThrownBy(() -> ApiKeys.parse(List.of("ops:" + ApiKeys.sha256Hex("x") + ":root")))
                .hasMessageContaining("unknown role");
        assertThatThrownBy(() -> ApiKeys.parse(List.of("ops"))).hasMessageContaining("name:sha256-hex");
    }

    @Test
    void shouldMapPathsToRoles() {
        AccessPolicy policy = new AccessPolicy(true, false, false, false);
        assertThat(policy.required("GET", "/q/health/ready")).isEmpty();
        assertThat(policy.required("GET", "/q/metrics")).isEmpty();
        assertThat(policy.required("GET", "/q/openapi")).contains(Role.READ);
        assertThat(policy.required("GET", "/unsubscribe")).isEmpty();
        assertThat(policy.required("GET", "/r/abc")).isEmpty();
        assertThat(policy.required("POST", "/unsubscribe")).isEmpty();
        assertThat(policy.required("POST", "/confirm")).isEmpty();
        // Nothing else outside the API is public, known or not.
        assertThat(policy.required("GET", "/")).contains(Role.READ);
        assertThat(policy.required("GET", "/r/abc/more")).contains(Role.READ);
        assertThat(policy.required("GET", "/unsubscribe/x")).contains(Role.READ);
        assertThat(policy.required("GET", "/anything.html")).contains(Role.READ);
        assertThat(policy.required("GET", "/api/v1/papers/search")).contains(Role.READ);
        assertThat(policy.required("GET", "/api/v1/papers/import")).contains(Role.READ);
        assertThat(policy.required("POST", "/api/v1/events")).contains(Role.INGEST);
        // Recommendations from lists only read; anything else under it, or another method, is not widened.
        assertThat(policy.required("POST", "/api/v1/recommendations")).contains(Role.READ);
        assertThat(policy.required("POST", "/api/v1/recommendations/x")).contains(Role.INGEST);
        assertThat(policy.required("PUT", "/api/v1/recommendations")).contains(Role.INGEST);
        assertThat(policy.required("POST", "/api/v1/papers/search")).contains(Role.INGEST);
        assertThat(policy.required("PUT", "/api/v1/papers/x")).contains(Role.INGEST);
        assertThat(policy.required("GET", "/api/v1/papers/x/similar")).contains(Role.READ);
        assertThat(policy.required("GET", "/api/v1/papers/2410.12345")).isEmpty();
        assertThat(policy.required("GET", "/api/v1/papers")).contains(Role.READ);
        assertThat(policy.required("GET", "/api/v1/papers/trending")).contains(Role.READ);
        assertThat(policy.required("GET", "/api/v1/papers/citations")).contains(Role.READ);
        assertThat(policy.required("POST", "/api/v1/papers/citations")).contains(Role.INGEST);
        assertThat(policy.required("GET", "/api/v1/users/u/recommendations")).contains(Role.READ);
        assertThat(policy.required("GET", "/api/v1/users/u/digest")).contains(Role.READ);
        assertThat(policy.required("PUT", "/api/v1/users/u/subscription")).contains(Role.INGEST);
        assertThat(policy.required("GET", "/api/v1/users/u/export")).contains(Role.ADMIN);
        assertThat(policy.required("DELETE", "/api/v1/users/u")).contains(Role.ADMIN);
        assertThat(policy.required("DELETE", "/api/v1/users/a%2Fb")).contains(Role.ADMIN);
        assertThat(policy.required("POST", "/api/v1/admin/digests/run")).contains(Role.ADMIN);
        assertThat(new AccessPolicy(false, true, false, false).required("GET", "/q/metrics")).contains(Role.ADMIN);
        AccessPolicy demo = new AccessPolicy(true, true, true, false);
        assertThat(demo.required("GET", "/api/v1/users/demo-reader-1/digest")).isEmpty();
        assertThat(demo.required("GET", "/api/v1/users/demo-reader-1/recommendations")).contains(Role.READ);
        assertThat(demo.required("PUT", "/api/v1/users/demo-reader-1/subscription")).contains(Role.INGEST);
    }

    /** The Semantic Scholar compatible API sits outside /api/ and is neither public nor writing, console or not. */
    @Test
    void shouldNeedTheReadRoleForTheSemanticScholarPaths() {
        for (AccessPolicy policy : List.of(new AccessPolicy(true, true, true, false),
                new AccessPolicy(true, true, true, true))) {
            assertThat(policy.required("POST", "/recommendations/v1/papers")).contains(Role.READ);
            assertThat(policy.required("POST", "/recommendations/v1/papers/")).contains(Role.READ);
            assertThat(policy.required("GET", "/recommendations/v1/papers/forpaper/ARXIV:2410.12345"))
                    .contains(Role.READ);
            assertThat(policy.required("GET", "/recommendations/v1/papers/forpaper/DOI:10.1145/3292500.3330701"))
                    .contains(Role.READ);
        }
    }

    @Test
    void shouldOpenOnlyTheConsoleShellsAndAssetsWhenTheConsoleIsServed() {
        AccessPolicy console = new AccessPolicy(true, true, false, true);
        assertThat(console.required("GET", "/")).isEmpty();
        assertThat(console.required("GET", "/console")).isEmpty();
        assertThat(console.required("GET", "/papers/2410.12345")).isEmpty();
        assertThat(console.required("GET", "/assets/console.js")).isEmpty();
        assertThat(console.required("GET", "/views/outbox/1")).isEmpty();
        assertThat(console.required("POST", "/")).contains(Role.READ);
        assertThat(console.required("GET", "/papers/hep-th/9901001")).isEmpty();
        assertThat(console.required("POST", "/papers/hep-th/9901001")).contains(Role.READ);
        assertThat(console.required("GET", "/ui/reader/u")).contains(Role.READ);
        assertThat(console.required("POST", "/ui/events")).contains(Role.INGEST);
        assertThat(console.required("GET", "/ui/admin/overview")).contains(Role.ADMIN);
        assertThat(console.required("POST", "/ui/admin/rebuild")).contains(Role.ADMIN);
        assertThat(console.required("GET", "/anything.html")).contains(Role.READ);
        assertThat(new AccessPolicy(true, true, false, false).required("GET", "/console")).contains(Role.READ);
    }

    /** A new literal route under /api/v1/papers/ must not be mistaken for a public paper id. */
    @Test
    void shouldKnowEveryLiteralRouteUnderThePapersPath() throws Exception {
        Path classes = Path.of(AccessPolicy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> literals = new TreeSet<>();
        int resources = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (root == null || !root.value().equals("/api/v1/papers")) {
                    continue;
                }
                resources++;
                for (Method method : type.getDeclaredMethods()) {
                    jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                    String first = sub == null ? "" : sub.value().replaceFirst("^/", "").split("/")[0];
                    if (!first.isEmpty() && !first.startsWith("{")) {
                        literals.add(first);
                    }
                }
            }
        }
        assertThat(resources).as("resources under /api/v1/papers").isGreaterThanOrEqualTo(2);
        assertThat(literals).contains("trending", "import", "citations");
        assertThat(AccessPolicy.PAPER_ROUTES).containsAll(literals);
    }
}
