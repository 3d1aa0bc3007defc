package dev.paperrec.paper;

import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class PaperResourceTest {

    private static final String PAPERS = "/api/v1/papers/";
    private static final String PROBLEM = "application/problem+json";

    @Test
    void shouldCreateThenReplaceAPaper() {
        String id = "2410." + (10000 + (int) (Math.random() * 89999));
        given().contentType(ContentType.JSON).body(TestData.paper("Sparse attention"))
                .put(PAPERS + id)
                .then().statusCode(201).header("Location", endsWith(PAPERS + id))
                .body("id", equalTo(id)).body("title", equalTo("Sparse attention"))
                .body("authors", equalTo(List.of("Ada Lovelace"))).body("publishedAt", equalTo("2024-05-01"))
                .body("upvotes", equalTo(3));

        Map<String, Object> changed = new HashMap<>(TestData.paper("Dense attention"));
        changed.put("upvotes", 9);
        given().contentType(ContentType.JSON).body(changed).put(PAPERS + id)
                .then().statusCode(200).body("title", equalTo("Dense attention")).body("upvotes", equalTo(9));
        given().get(PAPERS + id).then().statusCode(200).body("title", equalTo("Dense attention"))
                .body("abstract", equalTo("An abstract about Dense attention"));
    }

    @Test
    void shouldSearchTitleAndAbstractNewestFirst() {
        String word = "zyxolith" + (int) (Math.random() * 100000);
        String older = TestData.uniqueId("old");
        String newer = TestData.uniqueId("new");
        given().contentType(ContentType.JSON).body(Map.of("title", "Old " + word, "publishedAt", "2020-01-01"))
                .put(PAPERS + older).then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body(Map.of("title", "Newer work", "abstract", "We study " + word + " at scale",
                        "publishedAt", "2023-01-01"))
                .put(PAPERS + newer).then().statusCode(201);

        given().queryParam("q", word).get("/api/v1/papers")
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.id", equalTo(List.of(newer, older)));
        given().queryParam("q", word).queryParam("limit", 1).queryParam("offset", 1).get("/api/v1/papers")
                .then().statusCode(200).body("items.id", equalTo(List.of(older))).body("limit", equalTo(1));
    }

    @Test
    void shouldHideWithdrawnPapers() {
        String word = "quorblex" + (int) (Math.random() * 100000);
        String id = TestData.uniqueId("w");
        given().contentType(ContentType.JSON).body(Map.of("title", "Paper on " + word)).put(PAPERS + id)
                .then().statusCode(201);

        given().delete(PAPERS + id).then().statusCode(204);

        given().get(PAPERS + id).then().statusCode(410).contentType(PROBLEM)
                .body("detail", containsString("withdrawn"));
        given().queryParam("q", word).get("/api/v1/papers").then().body("total", equalTo(0));
        given().contentType(ContentType.JSON).body(Map.of("userId", "u1", "paperId", id, "type", "read"))
                .post("/api/v1/events").then().statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("withdrawn"));
        given().delete(PAPERS + id).then().statusCode(204);
        given().delete(PAPERS + "never-existed-" + id).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void shouldImportJsonLinesKeepingGoodLinesAndReportingBadOnes() {
        String a = TestData.uniqueId("imp");
        String b = TestData.uniqueId("imp");
        String body = String.join("\n",
                "{\"id\": \"" + a + "\", \"title\": \"First\", \"authorCount\": 3, \"upvotes\": 4}",
                "{\"id\": \"" + b + "\", \"title\": \"\"}",
                "not json at all",
                "",
                "{\"id\": \"bad id!\", \"title\": \"x\"}",
                "{\"id\": \"" + b + "\", \"title\": \"Second\", \"publishedAt\": \"2024-13-45\"}",
                "{\"id\": \"" + b + "\", \"title\": \"Second\", \"tags\": [\"a\", \"b\"]}",
                "{\"id\": \"" + a + "\", \"title\": \"First again\"}");
        given().contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8)).post(PAPERS + "import")
                .then().statusCode(200)
                .body("created", equalTo(2)).body("updated", equalTo(1)).body("rejectedCount", equalTo(4))
                .body("rejected.line", equalTo(List.of(2, 3, 5, 6)))
                .body("rejected[0].error", containsString("title"))
                .body("rejected[1].error", containsString("malformed JSON"))
                .body("rejected[2].error", containsString("id"))
                .body("rejected[3].error", containsString("publishedAt"));
        given().get(PAPERS + a).then().body("title", equalTo("First again"));
        given().get(PAPERS + b).then().body("tags", equalTo(List.of("a", "b")));
    }

    @Test
    void shouldImportAJsonArray() {
        String a = TestData.uniqueId("arr");
        given().contentType(ContentType.JSON)
                .body("[{\"id\": \"" + a + "\", \"title\": \"Array paper\"}, {\"title\": \"no id\"}, 7]")
                .post(PAPERS + "import")
                .then().statusCode(200).body("created", equalTo(1)).body("rejectedCount", equalTo(2))
                .body("rejected.line", equalTo(List.of(2, 3)));
        given().get(PAPERS + a).then().statusCode(200);
    }

    @Test
    void shouldRejectBadInputWithProblemDetails() {
        String id = TestData.uniqueId("bad");
        given().contentType(ContentType.JSON).body("{\"title\": 5}").put(PAPERS + id)
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("title"));
        given().contentType(ContentType.JSON).body("{\"title\": \"t\", \"upvotes\": -1, \"url\": \"javascript:alert(1)\"}")
                .put(PAPERS + id)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("upvotes"))
                .body("errors.field", hasItem("url"));
        given().contentType(ContentType.JSON).body("{\"title\": \"t\", \"publishedAt\": \"yesterday\"}").put(PAPERS + id)
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("publishedAt"));
        given().contentType(ContentType.JSON).body("{\"title\": \"t\", \"upvotes\": 99999999999999999999999}")
                .put(PAPERS + id).then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("{\"title\": \"" + "x".repeat(1001) + "\"}").put(PAPERS + id)
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("1000"));
        given().contentType(ContentType.JSON).body("{broken").put(PAPERS + id)
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("malformed JSON"));
        // Content after the JSON value means the body is not what the client thinks it sent.
        given().contentType(ContentType.JSON).body("{\"title\": \"t\"}}").put(PAPERS + id)
                .then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("{\"title\": \"t\"} trailing").put(PAPERS + id)
                .then().statusCode(400).contentType(PROBLEM);
        given().get(PAPERS + id).then().statusCode(404);
        // PostgreSQL text cannot hold NUL: refused up front, not a failed statement.
        given().contentType(ContentType.JSON).body("{\"title\": \"a\\u0000b\"}").put(PAPERS + id)
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("title"));
        given().contentType(ContentType.JSON).body("{\"title\": \"t\", \"authors\": [\"a\\u0000\"]}").put(PAPERS + id)
                .then().statusCode(400).contentType(PROBLEM);
        given().urlEncodingEnabled(false).get("/api/v1/papers?q=a%00b").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("q"));
        given().contentType(ContentType.JSON).body(TestData.paper("x")).put(PAPERS + "bad%20id")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("id"));
        given().contentType(ContentType.JSON).body(Map.of("id", "other", "title", "t")).put(PAPERS + id)
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("differs"));
        given().contentType(ContentType.TEXT).body("title").put(PAPERS + id)
                .then().statusCode(415).contentType(PROBLEM);
        given().queryParam("limit", 0).get("/api/v1/papers").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("limit"));
        given().queryParam("limit", "ten").get("/api/v1/papers").then().statusCode(400).contentType(PROBLEM);
        given().queryParam("offset", -1).get("/api/v1/papers").then().statusCode(400).contentType(PROBLEM);
        given().get(PAPERS + TestData.uniqueId("missing")).then().statusCode(404).contentType(PROBLEM);
        given().get("/api/v1/no-such-route").then().statusCode(404).contentType(PROBLEM);
        given().post("/api/v1/papers").then().statusCode(405).contentType(PROBLEM);
        given().get(PAPERS + id).then().statusCode(404);
        given().get("/api/v1/papers").then().body("items.id", not(hasItem(id)));
    }
}
