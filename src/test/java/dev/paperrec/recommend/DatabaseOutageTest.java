package dev.paperrec.recommend;

import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

/** Stops the real PostgreSQL server under the running service and starts it again. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class DatabaseOutageTest {

    private boolean stopped;

    @AfterEach
    void bringTheDatabaseBack() {
        if (stopped) {
            PostgresResource.restart();
        }
    }

    @Test
    void shouldServeReadsFromMemoryRefuseWritesAndRecoverWithoutARestart() {
        List<String> topic = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            topic.add(TestData.createPaper("Outage tolerant lattice spectra " + i));
        }
        String user = TestData.uniqueId("u");
        TestData.postEvent(user, topic.get(0), "upvote");
        given().queryParam("wait", 60).post("/api/v1/admin/model/rebuild").then().statusCode(200);

        String before = given().get("/api/v1/admin/model").then().statusCode(200).extract().path("version");
        PostgresResource.stopServer();
        stopped = true;
        // Answers come from memory until the change feed notices it lost the database, then say stale.
        long noticed = System.currentTimeMillis() + 10_000;
        while (!given().get("/q/metrics").asString().contains("paperrec_changes_listening 0.0")
                && System.currentTimeMillis() < noticed) {
            Thread.onSpinWait();
        }

        given().get("/api/v1/users/" + user + "/recommendations").then().statusCode(200)
                .body("stale", equalTo(true)).body("items.size()", greaterThan(0))
                .body("items[0].title", notNullValue());
        given().get("/api/v1/papers/" + topic.get(1) + "/similar").then().statusCode(200)
                .body("stale", equalTo(true));
        given().get("/api/v1/papers/trending").then().statusCode(200).body("stale", equalTo(true));

        given().contentType(ContentType.JSON)
                .body(Map.of("userId", user, "paperId", topic.get(1), "type", "read", "eventId", "outage-1"))
                .post("/api/v1/events")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("title", "x")).put("/api/v1/papers/" + TestData.uniqueId("o"))
                .then().statusCode(503).contentType("application/problem+json");
        given().get("/api/v1/papers").then().statusCode(503).contentType("application/problem+json");
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Database' }.data.mode", containsString("degraded"));

        PostgresResource.restart();
        stopped = false;

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int status = 0;
        while (status != 201 && Instant.now().isBefore(deadline)) {
            status = given().contentType(ContentType.JSON)
                    .body(Map.of("userId", user, "paperId", topic.get(1), "type", "read", "eventId", "outage-1"))
                    .post("/api/v1/events").statusCode();
        }
        assertThat(status).as("writes succeed again once PostgreSQL is back").isEqualTo(201);
        given().get("/api/v1/users/" + user + "/recommendations").then().statusCode(200)
                .body("stale", equalTo(false));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Database' }.data.database", equalTo("reachable"));

        // Back on the change feed, the replica rebuilds: an erasure announced while it was away reaches no cache.
        Instant rebuilt = Instant.now().plus(Duration.ofSeconds(60));
        String after = before;
        while (after.equals(before) && Instant.now().isBefore(rebuilt)) {
            after = given().get("/api/v1/admin/model").then().statusCode(200).extract().path("version");
        }
        assertThat(after).as("a model built after the feed reconnected").isNotEqualTo(before);
    }
}
