package dev.paperrec.search;

import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import dev.paperrec.testsupport.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class SearchResourceTest {

    private static final String PAPERS = "/api/v1/papers/";
    private static final String SEARCH = "/api/v1/papers/search";
    private static final String PROBLEM = "application/problem+json";

    @Inject
    SearchService service;

    @BeforeEach
    void waitForIndex() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!service.ready() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static String word() {
        return "qorvex" + (int) (Math.random() * 1_000_000);
    }

    private static void put(String id, Map<String, Object> paper) {
        given().contentType(ContentType.JSON).body(paper).put(PAPERS + id).then().statusCode(201);
    }

    private static ValidatableResponse search(String q) {
        return given().queryParam("q", q).get(SEARCH).then();
    }

    @Test
    void shouldRankTheTitleMatchFirstAndHighlightIt() {
        String w = word();
        String inTitle = TestData.uniqueId("title");
        String inAbstract = TestData.uniqueId("abstract");
        put(inAbstract, Map.of("title", "Graph networks", "abstract", "We compare " + w + " with sparse attention",
                "publishedAt", "2024-01-01"));
        put(inTitle, Map.of("title", "Sparse attention for " + w, "abstract", "A study", "publishedAt", "2020-01-01"));

        search(w + " sparse attention").statusCode(200).body("total", equalTo(2))
                .body("items.id", equalTo(List.of(inTitle, inAbstract)))
                .body("items[0].highlights.title", equalTo("<b>Sparse</b> <b>attention</b> for <b>" + w + "</b>"))
                .body("items[1].highlights.abstractText", containsString("<b>" + w + "</b>"));
    }

    @Test
    void shouldMatchPhrasesOrAndExclusions() {
        String w = word();
        String ordered = TestData.uniqueId("ordered");
        String shuffled = TestData.uniqueId("shuffled");
        put(ordered, Map.of("title", w + " deep belief networks"));
        put(shuffled, Map.of("title", w + " networks of deep belief"));

        search(w + " \"deep belief networks\"").statusCode(200).body("items.id", equalTo(List.of(ordered)));
        search(w + " -\"deep belief networks\"").statusCode(200).body("items.id", equalTo(List.of(shuffled)));
        search(w + " \"deep belief networks\" OR \"networks of deep\"").statusCode(200).body("total", equalTo(2));
    }

    @Test
    void shouldFilterByAuthorTagAndDate() {
        String w = word();
        String hinton = TestData.uniqueId("hinton");
        String lecun = TestData.uniqueId("lecun");
        put(hinton, Map.of("title", w + " capsules", "authors", List.of("Geoffrey Hinton", "Sara Sabour"),
                "tags", List.of("neural-nets"), "publishedAt", "2017-10-26"));
        put(lecun, Map.of("title", w + " convolutions", "authors", List.of("Yann LeCun"),
                "tags", List.of("vision"), "publishedAt", "1998-11-01"));

        search(w + " author:hinton").statusCode(200).body("items.id", equalTo(List.of(hinton)))
                .body("items[0].authors", equalTo(List.of("Geoffrey Hinton", "Sara Sabour")));
        search(w + " author:\"yann lecun\"").statusCode(200).body("items.id", equalTo(List.of(lecun)));
        // A phrase never spans two authors.
        search(w + " author:\"hinton sara\"").statusCode(200).body("total", equalTo(0));
        search(w + " tag:neural-nets").statusCode(200).body("items.id", equalTo(List.of(hinton)));
        given().queryParam("q", w).queryParam("from", "2000-01-01").get(SEARCH)
                .then().statusCode(200).body("items.id", equalTo(List.of(hinton)))
                .body("items[0].publishedAt", equalTo("2017-10-26"));
        given().queryParam("q", w).queryParam("to", "1999-12-31").get(SEARCH)
                .then().statusCode(200).body("items.id", equalTo(List.of(lecun)));
    }

    @Test
    void shouldFollowWritesAndWithdrawals() {
        String w = word();
        String id = TestData.uniqueId("moving");
        put(id, Map.of("title", "First " + w));
        search(w).statusCode(200).body("items.id", equalTo(List.of(id)));
        given().contentType(ContentType.JSON).body(Map.of("title", "Renamed paper")).put(PAPERS + id)
                .then().statusCode(200);
        search(w).statusCode(200).body("total", equalTo(0));
        search("renamed paper").statusCode(200).body("items.id", hasItem(id));
        given().delete(PAPERS + id).then().statusCode(204);
        search("renamed paper").statusCode(200).body("items.id", org.hamcrest.Matchers.not(hasItem(id)));
    }

    @Test
    void shouldPageThroughMatches() {
        String w = word();
        for (int i = 0; i < 3; i++) {
            put(TestData.uniqueId("page"), Map.of("title", w + " part " + i));
        }
        given().queryParam("q", w).queryParam("limit", 2).queryParam("offset", 2).get(SEARCH)
                .then().statusCode(200).body("total", equalTo(3)).body("items.size()", equalTo(1))
                .body("limit", equalTo(2)).body("offset", equalTo(2));
    }

    @Test
    void shouldRefuseQueriesItCannotTakeAs400NamingTheParameter() {
        for (String refused : List.of("-only -excluded", "author:", "deep OR", "OR deep", "the of and")) {
            search(refused).statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("q"));
        }
        given().get(SEARCH).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("q"));
        search("x".repeat(501)).statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("q"));
        given().queryParam("q", "deep").queryParam("from", "yesterday").get(SEARCH)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("from"));
        given().queryParam("q", "deep").queryParam("from", "2024-01-02").queryParam("to", "2024-01-01").get(SEARCH)
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void shouldTreatAnUnknownPrefixAsText() {
        String w = word();
        String id = TestData.uniqueId("colon");
        put(id, Map.of("title", "Dropout: a simple way to stop " + w));
        search("Dropout: a simple way to stop " + w).statusCode(200).body("items[0].id", equalTo(id));
    }

    @Test
    void shouldNeedAReadKey() {
        given().header(TestKeys.ANONYMOUS, "true").queryParam("q", "deep").get(SEARCH)
                .then().statusCode(401).contentType(PROBLEM);
        given().header("X-API-Key", TestKeys.READ).queryParam("q", "deep").get(SEARCH).then().statusCode(200);
    }
}
