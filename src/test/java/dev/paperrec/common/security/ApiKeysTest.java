package dev.paperrec.common.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

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
        AccessPolicy policy = new AccessPolicy(true, false, false);
        assertThat(policy.required("GET", "/q/health/ready")).isEmpty();
        assertThat(policy.required("GET", "/q/metrics")).isEmpty();
        assertThat(policy.required("GET", "/q/openapi")).contains(Role.READ);
        assertThat(policy.required("GET", "/unsubscribe")).isEmpty();
        assertThat(policy.required("GET", "/r/abc")).isEmpty();
        assertThat(policy.required("POST", "/api/v1/events")).contains(Role.INGEST);
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
        assertThat(new AccessPolicy(false, true, false).required("GET", "/q/metrics")).contains(Role.ADMIN);
        AccessPolicy demo = new AccessPolicy(true, true, true);
        assertThat(demo.required("GET", "/api/v1/users/demo-reader-1/digest")).isEmpty();
        assertThat(demo.required("GET", "/api/v1/users/demo-reader-1/recommendations")).contains(Role.READ);
        assertThat(demo.required("PUT", "/api/v1/users/demo-reader-1/subscription")).contains(Role.INGEST);
    }
}
