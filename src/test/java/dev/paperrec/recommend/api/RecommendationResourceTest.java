package dev.paperrec.recommend.api;

import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class RecommendationResourceTest {

    private static final String PROBLEM = "application/problem+json";

    /** A topic of five papers sharing rare words, read together by a few users; built into the model. */
    private List<String> topic;
    private String word;

    @Inject
    EntityManager em;

    @BeforeEach
    void buildTopic() {
        word = "glimmerfoil" + TestData.uniqueId("w").substring(2);
        topic = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = TestData.uniqueId("topic");
            given().contentType(ContentType.JSON)
                    .body(Map.of("title", word + " lattice methods part " + i,
                            "abstract", "We study " + word + " lattices and their spectra, volume " + i))
                    .put("/api/v1/papers/" + id).then().statusCode(201);
            topic.add(id);
        }
        for (int u = 0; u < 4; u++) {
            String reader = TestData.uniqueId("reader");
            for (String p : topic) {
                TestData.postEvent(reader, p, "upvote");
            }
        }
        TestData.rebuildModel();
    }

    @Test
    void shouldRecommendTheTopicToAReaderOfPartOfIt() {
        String user = TestData.uniqueId("u");
        TestData.postEvent(user, topic.get(0), "read");
        TestData.postEvent(user, topic.get(1), "upvote");

        List<String> ids = given().queryParam("limit", 10).get("/api/v1/users/" + user + "/recommendations")
                .then().statusCode(200).body("userId", equalTo(user)).body("strategy", equalTo("hybrid"))
                .body("modelVersion", notNullValue())
                .body("items.paperId", not(hasItem(topic.get(0)))).body("items.paperId", not(hasItem(topic.get(1))))
                .body("items.reasons.flatten().type", hasItem("similar-content"))
                .extract().path("items.paperId");
        assertThat(ids.subList(0, 3)).containsExactlyInAnyOrderElementsOf(topic.subList(2, 5));
    }

    @Test
    void shouldChangeTheNextResponseAfterAnEventWithoutARebuild() {
        String user = TestData.uniqueId("u");
        TestData.postEvent(user, topic.get(0), "upvote");
        List<String> before = given().get("/api/v1/users/" + user + "/recommendations")
                .then().statusCode(200).extract().path("items.paperId");
        String next = before.get(0);
        assertThat(topic).contains(next);

        TestData.postEvent(user, next, "read");
        given().get("/api/v1/users/" + user + "/recommendations")
                .then().statusCode(200).body("items.paperId", not(hasItem(next)));

        String dismissed = given().get("/api/v1/users/" + user + "/recommendations")
                .then().statusCode(200).extract().path("items[0].paperId");
        assertThat(dismissed).isNotNull();
        TestData.postEvent(user, dismissed, "dismiss");
        given().get("/api/v1/users/" + user + "/recommendations")
                .then().statusCode(200).body("items.paperId", not(hasItem(dismissed)));
    }

    @Test
    void shouldNeverReturnWithdrawnPapers() {
        String user = TestData.uniqueId("u");
        TestData.postEvent(user, topic.get(0), "upvote");
        String withdrawn = topic.get(3);
        // Listed before it is withdrawn: the checks below would pass on an empty or failed answer otherwise.
        given().queryParam("limit", 100).get("/api/v1/users/" + user + "/recommendations")
                .then().statusCode(200).body("items.paperId", hasItem(withdrawn));
        given().get("/api/v1/papers/" + topic.get(2) + "/similar")
                .then().statusCode(200).body("items.paperId", hasItem(withdrawn));
        given().delete("/api/v1/papers/" + withdrawn).then().statusCode(204);

        given().queryParam("limit", 100).get("/api/v1/users/" + user + "/recommendations")
                .then().statusCode(200).body("items.paperId", not(hasItem(withdrawn)));
        given().get("/api/v1/papers/" + topic.get(2) + "/similar")
                .then().statusCode(200).body("items.paperId", not(hasItem(withdrawn)));
        given().queryParam("limit", 100).get("/api/v1/papers/trending")
                .then().statusCode(200).body("items.paperId", not(hasItem(withdrawn)));
        given().get("/api/v1/papers/" + withdrawn + "/similar").then().statusCode(410).contentType(PROBLEM);
    }

    @Test
    void shouldFindSimilarPapersForAPaperAddedAfterTheBuild() {
        String fresh = TestData.uniqueId("fresh");
        given().contentType(ContentType.JSON)
                .body(Map.of("title", word + " lattice spectra revisited", "abstract", "More on " + word + " lattices"))
                .put("/api/v1/papers/" + fresh).then().statusCode(201);

        List<String> similar = given().queryParam("strategy", "content").get("/api/v1/papers/" + fresh + "/similar")
                .then().statusCode(200).body("paperId", equalTo(fresh)).body("strategy", equalTo("content"))
                .body("items.paperId", not(hasItem(fresh)))
                .extract().path("items.paperId");
        assertThat(similar.subList(0, 5)).containsExactlyInAnyOrderElementsOf(topic);

        String user = TestData.uniqueId("u");
        TestData.postEvent(user, topic.get(0), "upvote");
        given().queryParam("strategy", "content").queryParam("limit", 10)
                .get("/api/v1/users/" + user + "/recommendations")
                .then().body("items.paperId", hasItem(fresh));
    }

    @Test
    void shouldExplainCoReadsWithTrueReaderCounts() {
        given().queryParam("strategy", "collaborative").get("/api/v1/papers/" + topic.get(0) + "/similar")
                .then().statusCode(200)
                .body("items.findAll { it.paperId in " + groovyList(topic) + " }.reasons.flatten()"
                        + ".findAll { it.type == 'co-read' }.readers", everyItem(equalTo(4)));
    }

    @Test
    void shouldServeTrendingToANewUser() {
        List<String> trending = given().queryParam("limit", 100).get("/api/v1/papers/trending")
                .then().statusCode(200).body("window", equalTo("P7D")).extract().path("items.paperId");
        List<String> forNewUser = given().queryParam("limit", 5)
                .get("/api/v1/users/" + TestData.uniqueId("new") + "/recommendations")
                .then().statusCode(200).body("items.reasons.flatten().type", everyItem(equalTo("trending")))
                .extract().path("items.paperId");
        assertThat(forNewUser).hasSize(5);
        assertThat(trending).containsAll(forNewUser);
        given().queryParam("window", "P1D").get("/api/v1/papers/trending").then().statusCode(200)
                .body("window", equalTo("P1D"));
    }

    @Test
    void shouldKeepPagesStableForAModelVersion() {
        String user = TestData.uniqueId("u");
        TestData.postEvent(user, topic.get(0), "upvote");
        List<String> all = given().queryParam("limit", 6).get("/api/v1/users/" + user + "/recommendations")
                .then().extract().path("items.paperId");
        List<String> second = given().queryParam("limit", 3).queryParam("offset", 3)
                .get("/api/v1/users/" + user + "/recommendations").then().extract().path("items.paperId");
        assertThat(second).isEqualTo(all.subList(3, 6));
    }

    @Test
    void shouldRejectBadParameters() {
        String user = TestData.uniqueId("u");
        String path = "/api/v1/users/" + user + "/recommendations";
        given().queryParam("limit", 0).get(path).then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("limit"));
        given().queryParam("limit", 101).get(path).then().statusCode(400).contentType(PROBLEM);
        given().queryParam("strategy", "magic").get(path).then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("strategy"));
        given().queryParam("since", "last week").get(path).then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("since"));
        given().queryParam("offset", 5000).get(path).then().statusCode(400).contentType(PROBLEM);
        given().get("/api/v1/papers/" + TestData.uniqueId("nope") + "/similar").then().statusCode(404)
                .contentType(PROBLEM);
        given().queryParam("strategy", "trending").get("/api/v1/papers/" + topic.get(0) + "/similar")
                .then().statusCode(400).contentType(PROBLEM);
        given().queryParam("window", "forever").get("/api/v1/papers/trending").then().statusCode(400)
                .contentType(PROBLEM);
        given().queryParam("window", "P9999D").get("/api/v1/papers/trending").then().statusCode(400);
    }

    @Test
    void shouldAnswerEmptyWhenFiltersLeaveNoCandidateForAReader() {
        String user = TestData.uniqueId("u");
        TestData.postEvent(user, topic.get(0), "upvote");
        TestData.rebuildModel();
        // A reader with history, and a filter no paper passes: the re-ranking has nothing to start from.
        given().queryParam("since", "2999-01-01").get("/api/v1/users/" + user + "/recommendations")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void shouldForgetAnErasedUserAtOnce() {
        String user = TestData.uniqueId("u");
        TestData.postEvent(user, topic.get(0), "upvote");
        TestData.rebuildModel();
        given().get("/api/v1/users/" + user + "/recommendations").then().statusCode(200)
                .body("items.paperId", not(hasItem(topic.get(0))));

        given().delete("/api/v1/users/" + user).then().statusCode(200);

        // Nothing of theirs is left: no seen paper is excluded and nothing is personal any more.
        given().queryParam("limit", 100).get("/api/v1/users/" + user + "/recommendations")
                .then().statusCode(200).body("items.paperId", hasItem(topic.get(0)))
                .body("items.reasons.flatten().type", everyItem(equalTo("trending")));
    }

    @Test
    void shouldDescribeTheModelAndBeReady() {
        given().get("/api/v1/admin/model").then().statusCode(200).body("papers", notNullValue())
                .body("lastEventId", notNullValue());
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("Recommendation model loaded"));
        given().get("/q/metrics").then().body(containsString("paperrec_model_build_seconds_count"))
                .body(containsString("paperrec_model_papers"));
    }

    @Test
    void shouldTakeUnchangedTitlesFromTheModelAndChangedOnesFromTheDatabase() {
        // The topic's papers were last changed a day before the build: their titles come from the model.
        for (String id : topic) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "UPDATE paper SET updated_at = now() - interval '1 day' WHERE id = ?1").setParameter(1, id)
                    .executeUpdate());
        }
        TestData.rebuildModel();
        given().queryParam("strategy", "content").get("/api/v1/papers/" + topic.get(0) + "/similar").then()
                .statusCode(200)
                .body(titleOf(topic.get(1)), equalTo(word + " lattice methods part 1"));

        // A new title shows at once, before any rebuild; a withdrawn paper disappears at once.
        given().contentType(ContentType.JSON).body(Map.of("title", "Renamed " + word + " lattice methods",
                        "abstract", "We study " + word + " lattices and their spectra, volume 1"))
                .put("/api/v1/papers/" + topic.get(1)).then().statusCode(200);
        given().delete("/api/v1/papers/" + topic.get(2)).then().statusCode(204);
        given().queryParam("strategy", "content").get("/api/v1/papers/" + topic.get(0) + "/similar").then()
                .statusCode(200)
                .body(titleOf(topic.get(1)), equalTo("Renamed " + word + " lattice methods"))
                .body(titleOf(topic.get(3)), equalTo(word + " lattice methods part 3"))
                .body("items.paperId", not(hasItem(topic.get(2))));
    }

    @Test
    void shouldAnswerARebuildWithAModelBuiltAfterItWasAsked() {
        // A build is running; an event arrives; the rebuild asked for now must not answer with the running build.
        given().queryParam("wait", 0).post("/api/v1/admin/model/rebuild").then().statusCode(202);
        long before = ((Number) given().get("/api/v1/admin/model").then().statusCode(200).extract()
                .path("events")).longValue();
        TestData.postEvent(TestData.uniqueId("late"), topic.get(0), "read");
        long events = ((Number) given().queryParam("wait", 60).post("/api/v1/admin/model/rebuild").then()
                .statusCode(200).extract().path("events")).longValue();
        assertThat(events).isGreaterThan(before);
    }

    private static String titleOf(String paperId) {
        return "items.find { it.paperId == '" + paperId + "' }.title";
    }

    private static String groovyList(List<String> ids) {
        return "['" + String.join("','", ids) + "']";
    }
}
