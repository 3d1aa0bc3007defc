package dev.paperrec.common.security;

import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import dev.paperrec.testsupport.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class AccessGuardTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    EntityManager em;

    private String paper;

    @BeforeEach
    void createPaper() {
        paper = TestData.createPaper("Guarded paper");
    }

    private static RequestSpecification anonymous() {
        return given().header(TestKeys.ANONYMOUS, "true");
    }

    @Test
    void shouldRefuseRequestsWithoutAValidKey() {
        anonymous().get("/api/v1/papers").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer").body("detail", containsString("API key"));
        given().header("Authorization", "Bearer wrong").get("/api/v1/papers").then().statusCode(401)
                .contentType(PROBLEM);
        given().header("X-API-Key", TestKeys.ADMIN + "x").get("/api/v1/papers").then().statusCode(401);
        given().header("Authorization", "Basic " + TestKeys.ADMIN).get("/api/v1/papers").then().statusCode(401);
    }

    @Test
    void shouldAcceptBearerAndHeaderKeys() {
        given().header("Authorization", "Bearer " + TestKeys.READ).get("/api/v1/papers").then().statusCode(200);
        given().header("X-API-Key", TestKeys.READ).get("/api/v1/papers/" + paper + "/similar").then().statusCode(200);
        anonymous().get("/api/v1/papers/" + paper).then().statusCode(200);
    }

    @Test
    void shouldEnforceRoles() {
        Map<String, String> event = Map.of("userId", "guarded", "paperId", paper, "type", "read");
        given().header("X-API-Key", TestKeys.READ).contentType(ContentType.JSON).body(event).post("/api/v1/events")
                .then().statusCode(403).contentType(PROBLEM).body("detail", containsString("'ingest'"));
        given().header("X-API-Key", TestKeys.INGEST).contentType(ContentType.JSON).body(event).post("/api/v1/events")
                .then().statusCode(201);
        given().header("X-API-Key", TestKeys.INGEST).get("/api/v1/users/guarded/recommendations")
                .then().statusCode(403);
        given().header("X-API-Key", TestKeys.READ).get("/api/v1/users/guarded/export").then().statusCode(403)
                .body("detail", containsString("'admin'"));
        given().header("X-API-Key", TestKeys.INGEST).delete("/api/v1/users/guarded").then().statusCode(403);
        given().header("X-API-Key", TestKeys.READ).get("/api/v1/admin/model").then().statusCode(403);
        given().header("X-API-Key", TestKeys.READ).delete("/api/v1/papers/" + paper).then().statusCode(403);
        // A dot-segment path never reaches the admin endpoint with a read key.
        given().urlEncodingEnabled(false).header("X-API-Key", TestKeys.READ).get("/api/v1/papers/%2E%2E/admin/model")
                .then().statusCode(anyOf(equalTo(403), equalTo(404)));
    }

    @Test
    void shouldAuditErasureWithTheCallersKeyName() {
        String user = TestData.uniqueId("audited");
        given().header("X-API-Key", TestKeys.INGEST).contentType(ContentType.JSON)
                .body(Map.of("userId", user, "paperId", paper, "type", "read")).post("/api/v1/events")
                .then().statusCode(201);
        given().header("X-API-Key", TestKeys.ADMIN).delete("/api/v1/users/" + user).then().statusCode(200);
        Object by = em.createNativeQuery("SELECT requested_by FROM erasure_audit WHERE subject_hash = ?1")
                .setParameter(1, ApiKeys.sha256Hex(user)).getSingleResult();
        assertThat(by).isEqualTo("test-admin");
    }

    @Test
    void shouldKeepHealthMetricsAndOpenApiPublic() {
        anonymous().get("/q/health/live").then().statusCode(200);
        anonymous().get("/q/health/ready").then().statusCode(200);
        anonymous().get("/q/metrics").then().statusCode(200);
        anonymous().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void shouldRateLimitPerKeyWithRetryAfter() throws Exception {
        // Sent at once, so that a slow machine does not refill the bucket between them.
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Response> responses = new ArrayList<>();
        try {
            Callable<Response> call = () -> given().header("X-API-Key", TestKeys.THROTTLED).get("/api/v1/papers");
            for (Future<Response> f : pool.invokeAll(Collections.nCopies(6, call))) {
                responses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<Response> limited = responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(limited).as("requests beyond the burst of 2 at 1/s").hasSizeGreaterThanOrEqualTo(2);
        for (Response response : limited) {
            assertThat(response.contentType()).startsWith(PROBLEM);
            assertThat(Integer.parseInt(response.header("Retry-After"))).isBetween(1, 2);
        }
        // Another key is not affected by the throttled one.
        given().header("X-API-Key", TestKeys.READ).get("/api/v1/papers").then().statusCode(200);
    }
}
