package dev.paperrec.recommend;

import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A paper's references feed recommendations at once, with reasons that are true in the stored references. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class CitationRecommendationTest {

    private static final int OK = 200;

    @Test
    void shouldRecommendANewPaperThatOnlySharesAReferenceWithAPaperTheReaderRead() {
        String rare = "doi:10.5555/" + TestData.uniqueId("rare");
        String read = TestData.uniqueId("read");
        String citing = TestData.uniqueId("citing");
        put(read, "Basalt weathering rates in cold climates", List.of(rare, "arXiv:2101.00042"));
        put(citing, "Permafrost carbon release", List.of(read));
        TestData.rebuildModel();
        String reader = TestData.uniqueId("reader");
        TestData.postEvent(reader, read, "upvote");

        // Arrives after the build; no word in common with anything the reader read. The DOI differs only in case.
        String fresh = TestData.uniqueId("fresh");
        put(fresh, "Songbird migration timing", List.of(rare.toUpperCase().replace("DOI:", "doi:")));

        JsonPath feed = given().queryParam("limit", 50).get("/api/v1/users/" + reader + "/recommendations")
                .then().statusCode(OK).extract().jsonPath();
        Map<String, Object> shared = reason(feed, fresh, "shares-references");
        assertThat(shared).containsEntry("paperId", read).containsEntry("references", 1);
        assertThat(reason(feed, citing, "cites")).containsEntry("paperId", read);

        JsonPath similar = given().queryParam("strategy", "citation").get("/api/v1/papers/" + read + "/similar")
                .then().statusCode(OK).extract().jsonPath();
        assertThat(similar.getList("items.paperId", String.class)).contains(fresh, citing);
        assertThat(reason(similar, fresh, "shares-references")).containsEntry("references", 1);
    }

    @Test
    void shouldExplainANewPaperInTheDigestByTheReferenceItShares() {
        String rare = "doi:10.5555/" + TestData.uniqueId("digest");
        String read = TestData.uniqueId("read");
        put(read, "Tidal energy converters in shallow estuaries", List.of(rare));
        TestData.rebuildModel();
        String reader = TestData.uniqueId("reader");
        TestData.postEvent(reader, read, "upvote");
        String fresh = TestData.uniqueId("fresh");
        given().contentType(ContentType.JSON)
                .body(Map.of("title", "Lichen diversity on urban walls", "references", List.of(rare),
                        "publishedAt", LocalDate.now(ZoneOffset.UTC).toString()))
                .put("/api/v1/papers/" + fresh).then().statusCode(201);

        JsonPath digest = given().get("/api/v1/users/" + reader + "/digest").then().statusCode(OK)
                .extract().jsonPath();
        assertThat(digest.getString("sections.find { it.key == 'for-you' }.entries.find { it.paperId == '"
                + fresh + "' }.reason")).startsWith("1 reference in common with “Tidal energy converters");
    }

    private static void put(String id, String title, List<String> references) {
        given().contentType(ContentType.JSON).body(Map.of("title", title, "references", references))
                .put("/api/v1/papers/" + id).then().statusCode(201);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reason(JsonPath page, String paperId, String type) {
        Map<String, Object> reason = page.getMap("items.find { it.paperId == '" + paperId + "' }.reasons.find { "
                + "it.type == '" + type + "' }");
        assertThat(reason).as("a %s reason for %s in %s", type, paperId, page.getList("items")).isNotNull();
        return reason;
    }
}
