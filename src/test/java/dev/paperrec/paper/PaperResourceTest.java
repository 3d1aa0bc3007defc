package dev.paperrec.paper;

import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import dev.paperrec.testsupport.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class PaperResourceTest {

    private static final String PAPERS = "/api/v1/papers/";
    private static final String PROBLEM = "application/problem+json";
    private static final String CITATIONS = PAPERS + "citations";
    private static final String CSV = "text/csv";

    private static Map<String, Object> paperCiting(String title, List<String> references) {
        Map<String, Object> paper = new HashMap<>(TestData.paper(title));
        paper.put("references", references);
        return paper;
    }

    private static io.restassured.response.ValidatableResponse postCitations(String csv) {
        return given().contentType(CSV).body(csv.getBytes(StandardCharsets.UTF_8)).post(CITATIONS).then();
    }

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
        given().get("/api/v1/papers").then().statusCode(200).body("items.id", not(hasItem(id)));
    }

    @Test
    void shouldStoreReferencesNormalisedInOrderWithoutDuplicates() {
        String word = "citeword" + (int) (Math.random() * 100000);
        String id = TestData.uniqueId("refs");
        List<String> given = List.of("arXiv:2410.12345v3", "https://doi.org/10.1038/Nature14539", "citeulike-1",
                "ARXIV:2410.12345", "doi:10.1038/NATURE14539", "https://arxiv.org/abs/hep-th/9901001v2");
        List<String> stored = List.of("arXiv:2410.12345", "doi:10.1038/nature14539", "citeulike-1",
                "arXiv:hep-th/9901001");
        given().contentType(ContentType.JSON).body(paperCiting("Cites " + word, given)).put(PAPERS + id)
                .then().statusCode(201).body("references", equalTo(stored));
        given().get(PAPERS + id).then().statusCode(200).body("references", equalTo(stored));
        given().queryParam("q", word).get("/api/v1/papers")
                .then().statusCode(200).body("items.id", equalTo(List.of(id)))
                .body("items[0].references", equalTo(stored));
        given().contentType(ContentType.JSON).body(paperCiting("Cites " + word, List.of("citeulike-2", "citeulike-1")))
                .put(PAPERS + id).then().statusCode(200).body("references", equalTo(List.of("citeulike-2", "citeulike-1")));
    }

    @Test
    void shouldKeepReferencesWhenAbsentAndClearThemWhenEmpty() {
        String id = TestData.uniqueId("keep");
        given().contentType(ContentType.JSON).body(paperCiting("Keeps", List.of("citeulike-3"))).put(PAPERS + id)
                .then().statusCode(201);
        given().contentType(ContentType.JSON).body(TestData.paper("Keeps, retitled")).put(PAPERS + id)
                .then().statusCode(200).body("references", equalTo(List.of("citeulike-3")));
        given().get(PAPERS + id).then().body("title", equalTo("Keeps, retitled"))
                .body("references", equalTo(List.of("citeulike-3")));
        given().contentType(ContentType.JSON).body(paperCiting("Keeps", List.of())).put(PAPERS + id)
                .then().statusCode(200).body("references", empty());
        given().get(PAPERS + id).then().body("references", empty());
        String plain = TestData.createPaper("No references");
        given().get(PAPERS + plain).then().body("references", empty());
    }

    @Test
    void shouldRejectBadReferencesNamingTheirPosition() {
        String id = "2410." + (10000 + (int) (Math.random() * 89999));
        given().contentType(ContentType.JSON).body(paperCiting("Bad refs", List.of("citeulike-1", "isbn:12345")))
                .put(PAPERS + id)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", equalTo(List.of("references[1]")))
                .body("errors[0].message", containsString("unknown scheme"))
                .body("detail", containsString("references[1]"));
        given().contentType(ContentType.JSON)
                .body(paperCiting("Self", List.of("citeulike-1", "doi:10.1000/1", "arXiv:" + id + "v2")))
                .put(PAPERS + id)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", equalTo(List.of("references[2]")))
                .body("errors[0].message", equalTo("a paper cannot cite itself"));
        List<String> tooMany = IntStream.range(0, 2001).mapToObj(i -> "ref-" + i).toList();
        given().contentType(ContentType.JSON).body(paperCiting("Too many", tooMany)).put(PAPERS + id)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", equalTo(List.of("references")));
        given().get(PAPERS + id).then().statusCode(404);
    }

    @Test
    void shouldImportReferencesFromJsonLines() {
        String a = TestData.uniqueId("jref");
        String b = TestData.uniqueId("jref");
        String body = String.join("\n",
                "{\"id\": \"" + a + "\", \"title\": \"A\", \"references\": [\"" + b + "\", \"arXiv:2401.00001v1\"]}",
                "{\"id\": \"" + b + "\", \"title\": \"B\", \"references\": [\"" + a + "\", \"doi:nope\"]}",
                "{\"id\": \"" + b + "\", \"title\": \"B\", \"references\": [\"" + b + "\"]}",
                "{\"id\": \"" + b + "\", \"title\": \"B\", \"references\": [\"" + a + "\"]}");
        given().contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8)).post(PAPERS + "import")
                .then().statusCode(200).body("created", equalTo(2)).body("rejectedCount", equalTo(2))
                .body("rejected.line", equalTo(List.of(2, 3)))
                .body("rejected[0].error", containsString("references[1]: 'nope' is not a DOI"))
                .body("rejected[1].error", containsString("references[0]: a paper cannot cite itself"));
        given().get(PAPERS + a).then().body("references", equalTo(List.of(b, "arXiv:2401.00001")));
        given().get(PAPERS + b).then().body("references", equalTo(List.of(a)));

        // A catalogue re-import without references leaves them alone.
        given().contentType(ContentType.JSON).body("[{\"id\": \"" + a + "\", \"title\": \"A again\"}]")
                .post(PAPERS + "import").then().statusCode(200).body("updated", equalTo(1));
        given().get(PAPERS + a).then().body("title", equalTo("A again"))
                .body("references", equalTo(List.of(b, "arXiv:2401.00001")));
    }

    @Test
    void shouldImportCitationsFromCsvReportingCounts() {
        String a = TestData.uniqueId("cite");
        String b = TestData.createPaper("Cited");
        String withdrawn = TestData.createPaper("Withdrawn");
        given().delete(PAPERS + withdrawn).then().statusCode(204);
        String before = given().contentType(ContentType.JSON).body(paperCiting("Citing", List.of("doi:10.1000/182")))
                .put(PAPERS + a).then().statusCode(201).extract().path("updatedAt");
        String csv = "\uFEFFcited_paper_id,paper_id\n"
                + "arXiv:2410.00001v2," + a + "\n"
                + b + "," + a + "\n"
                + b + "," + TestData.uniqueId("unknown") + "\n"
                + "isbn:1," + a + "\n"
                + "\"unclosed," + a + "\n"
                + a + "," + a + "\n"
                + "\n"
                + b + "," + a + "\n"
                + a + "," + b + "\n"
                + a + "," + withdrawn + "\n"
                + "DOI:10.1000/182," + a + "\n";
        postCitations(csv).statusCode(200).contentType(ContentType.JSON)
                .body("added", equalTo(3)).body("alreadyKnown", equalTo(2)).body("rejectedCount", equalTo(5))
                .body("rejected.line", equalTo(List.of(4, 5, 6, 7, 11)))
                .body("rejected[0].error", containsString("does not exist"))
                .body("rejected[1].error", containsString("cited_paper_id: 'isbn:1' has the unknown scheme"))
                .body("rejected[2].error", containsString("malformed CSV"))
                .body("rejected[3].error", containsString("cannot cite itself"))
                .body("rejected[4].error", containsString("paper '" + withdrawn + "' does not exist"));
        given().get(PAPERS + a).then().body("references", equalTo(List.of("doi:10.1000/182", "arXiv:2410.00001", b)))
                .body("updatedAt", not(equalTo(before)));
        given().get(PAPERS + b).then().body("references", equalTo(List.of(a)));

        postCitations(csv).statusCode(200)
                .body("added", equalTo(0)).body("alreadyKnown", equalTo(5)).body("rejectedCount", equalTo(5));
        given().get(PAPERS + a).then().body("references", equalTo(List.of("doi:10.1000/182", "arXiv:2410.00001", b)));
    }

    @Test
    void shouldRefuseCitationsBeyondTheLimit() {
        String id = TestData.uniqueId("full");
        List<String> full = IntStream.range(0, 2000).mapToObj(i -> "ref-" + i).toList();
        given().contentType(ContentType.JSON).body(paperCiting("Full", full)).put(PAPERS + id)
                .then().statusCode(201).body("references.size()", equalTo(2000));
        postCitations("paper_id,cited_paper_id\n" + id + ",ref-0\n" + id + ",ref-2000\n").statusCode(200)
                .body("added", equalTo(0)).body("alreadyKnown", equalTo(1)).body("rejected.line", equalTo(List.of(3)))
                .body("rejected[0].error", containsString("2000 references"));
    }

    @Test
    void shouldRefuseMalformedCitationBodies() {
        postCitations("paper_id,cited_paper_id,weight\nx,y,1\n").statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("'weight'"));
        postCitations("paper_id\nx\n").statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("'cited_paper_id'"));
        postCitations("").statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("[]").post(CITATIONS).then().statusCode(415).contentType(PROBLEM);
        String rows = ("p-1,p-2\n").repeat(200_000);
        postCitations("paper_id,cited_paper_id\n" + rows).statusCode(413).contentType(PROBLEM);
    }

    @Test
    void shouldRequireTheIngestRoleForCitations() {
        String citing = TestData.createPaper("Guarded citing");
        String csv = "paper_id,cited_paper_id\n" + citing + ",citeulike-9\n";
        given().header(TestKeys.ANONYMOUS, "true").contentType(CSV).body(csv).post(CITATIONS)
                .then().statusCode(401).contentType(PROBLEM);
        given().header("X-API-Key", TestKeys.READ).contentType(CSV).body(csv).post(CITATIONS)
                .then().statusCode(403).contentType(PROBLEM);
        given().header(TestKeys.ANONYMOUS, "true").get(CITATIONS).then().statusCode(401);
        given().header("X-API-Key", TestKeys.INGEST).contentType(CSV).body(csv).post(CITATIONS)
                .then().statusCode(200).body("added", equalTo(1));
        given().header(TestKeys.ANONYMOUS, "true").get(PAPERS + citing)
                .then().statusCode(200).body("references", contains("citeulike-9"));
    }
}
