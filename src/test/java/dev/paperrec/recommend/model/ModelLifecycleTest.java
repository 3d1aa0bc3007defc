package dev.paperrec.recommend.model;

import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Start-up without a model, then the background embedder; a profile of its own because both need a fresh boot. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestProfile(ModelLifecycleTest.NoModelAtStart.class)
class ModelLifecycleTest {

    public static class NoModelAtStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("paperrec.recommend.build-at-startup", "false",
                    "paperrec.recommend.embeddings-enabled", "true",
                    "paperrec.recommend.embedding-poll-interval", "PT1S");
        }
    }

    @Inject
    EntityManager em;

    @Test
    void shouldStayUnreadyUntilAModelIsLoadedAndEmbedPapersInTheBackground() throws Exception {
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Recommendation model loaded' }.status", equalTo("DOWN"));
        given().get("/api/v1/users/anyone/recommendations").then().statusCode(503)
                .contentType("application/problem+json");
        given().get("/q/health/live").then().statusCode(200);

        String id = TestData.uniqueId("emb");
        String neighbour = TestData.uniqueId("emb");
        given().contentType(ContentType.JSON).body(Map.of("title", "Molecular property prediction with graph networks"))
                .put("/api/v1/papers/" + neighbour).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("title", "Bird migration over the Alps in autumn"))
                .put("/api/v1/papers/" + TestData.uniqueId("emb")).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("title", "Graph neural networks for molecules",
                "abstract", "Message passing over atoms and bonds")).put("/api/v1/papers/" + id)
                .then().statusCode(201);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        Integer dimensions = null;
        while (dimensions == null && Instant.now().isBefore(deadline)) {
            dimensions = (Integer) em.createNativeQuery("SELECT array_length(embedding, 1) FROM paper WHERE id = ?1")
                    .setParameter(1, id).getSingleResult();
            Thread.sleep(500);
        }
        assertThat(dimensions).as("embedding stored for the new paper").isEqualTo(384);

        // The embedder asks for a rebuild once it stored vectors; wait for a model that holds them.
        deadline = Instant.now().plus(Duration.ofSeconds(60));
        int embedded = 0;
        while (embedded == 0 && Instant.now().isBefore(deadline)) {
            var response = given().get("/api/v1/admin/model");
            embedded = response.statusCode() == 200 ? response.path("embeddedPapers") : 0;
            Thread.sleep(500);
        }
        assertThat(embedded).isGreaterThan(0);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("Recommendation model loaded"));
        given().get("/api/v1/papers/" + id + "/similar").then().statusCode(200)
                .body("items.paperId", hasItem(neighbour));
    }
}
