package dev.paperrec.recommend.api;

import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import dev.paperrec.testsupport.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class ListRecommendationResourceTest {

    private static final String LISTS = "/api/v1/recommendations";
    private static final String PROBLEM = "application/problem+json";

    /** Two topics of papers sharing rare words, built into the model; the first paper has an arXiv URL. */
    private List<String> lattices;
    private List<String> glaciers;
    private String arxivId;

    @BeforeEach
    void buildTopics() {
        String suffix = TestData.uniqueId("w").substring(2);
        arxivId = "2401." + (10000 + (int) (Math.random() * 89999));
        lattices = topic("quillmoss" + suffix + " lattice spectra", "https://arxiv.org/abs/" + arxivId);
        glaciers = topic("frostvane" + suffix + " glacier melt", null);
        TestData.rebuildModel();
    }

    private static List<String> topic(String words, String firstUrl) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = TestData.uniqueId("p");
            Map<String, Object> paper = new java.util.HashMap<>(Map.of("title", words + " part " + i,
                    "abstract", "We study " + words + ", volume " + i));
            if (i == 0 && firstUrl != null) {
                paper.put("url", firstUrl);
            }
            given().contentType(ContentType.JSON).body(paper).put("/api/v1/papers/" + id).then().statusCode(201);
            ids.add(id);
        }
        return ids;
    }

    @Test
    void shouldRankLikeAReaderWithOnlyThoseUpvotes() {
        String reader = TestData.uniqueId("reader");
        List<String> upvoted = List.of(lattices.get(1), lattices.get(2), glaciers.get(0));
        upvoted.forEach(p -> TestData.postEvent(reader, p, "upvote"));

        List<String> own = given().queryParam("strategy", "content").queryParam("limit", 20)
                .get("/api/v1/users/" + reader + "/recommendations").then().statusCode(200)
                .extract().path("items.paperId");
        List<String> fromList = given().contentType(ContentType.JSON)
                .body(Map.of("positive", upvoted, "strategy", "content", "limit", 20)).post(LISTS)
                .then().statusCode(200).body("strategy", equalTo("content")).body("unknownIds", equalTo(List.of()))
                .extract().path("items.paperId");

        assertThat(fromList).hasSize(20).isEqualTo(own);
        assertThat(fromList).doesNotContainAnyElementsOf(upvoted);
    }

    @Test
    void shouldPushDownNegativesAndReportUnknownIds() {
        List<String> ids = given().header("X-API-Key", TestKeys.READ).contentType(ContentType.JSON)
                .body(Map.of("positive", List.of("arXiv:" + arxivId, "no-such-paper", "ftp:nope"),
                        "negative", List.of(glaciers.get(0)), "limit", 8)).post(LISTS)
                .then().statusCode(200).body("unknownIds", equalTo(List.of("no-such-paper", "ftp:nope")))
                .body("items.paperId", not(hasItem(lattices.get(0))))
                .body("items.paperId", not(hasItem(glaciers.get(0))))
                .extract().path("items.paperId");
        assertThat(ids.subList(0, 4)).containsExactlyInAnyOrderElementsOf(lattices.subList(1, 5));
    }

    @Test
    void shouldRefuseTooManyIdsOrTooMuchText() {
        List<String> many = Collections.nCopies(300, lattices.get(0));
        given().contentType(ContentType.JSON).body(Map.of("positive", many, "negative", many)).post(LISTS)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("positive"));
        given().contentType(ContentType.JSON)
                .body(Map.of("positive", List.of(lattices.get(0)), "text", "x".repeat(10_001))).post(LISTS)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("text"));
        given().contentType(ContentType.JSON).body(Map.of("positive", List.of(lattices.get(0)), "limit", 101))
                .post(LISTS).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("limit"));
        given().contentType(ContentType.JSON).body(Map.of("negative", List.of(lattices.get(0)))).post(LISTS)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("positive"));
    }

    @Test
    void shouldNeedOnlyTheReadRole() {
        Map<String, Object> body = Map.of("positive", List.of(lattices.get(0)));
        given().header("X-API-Key", TestKeys.READ).contentType(ContentType.JSON).body(body).post(LISTS)
                .then().statusCode(200);
        given().header(TestKeys.ANONYMOUS, "true").contentType(ContentType.JSON).body(body).post(LISTS)
                .then().statusCode(401).contentType(PROBLEM);
    }
}
