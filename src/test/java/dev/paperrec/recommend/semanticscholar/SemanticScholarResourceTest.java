package dev.paperrec.recommend.semanticscholar;

import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import dev.paperrec.testsupport.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class SemanticScholarResourceTest {

    private static final String LISTS = "/recommendations/v1/papers/";
    private static final String FOR_PAPER = "/recommendations/v1/papers/forpaper/";
    private static final String PROBLEM = "application/problem+json";
    private static final int OK = 200;
    private static final int BAD_REQUEST = 400;
    private static final int UNAUTHORIZED = 401;
    private static final int FORBIDDEN = 403;
    private static final int NOT_FOUND = 404;
    private static final int TOO_MANY_REQUESTS = 429;
    /** The fields the Python client of that API asks for when its caller names none. */
    private static final String CLIENT_DEFAULT_FIELDS = "abstract,authors,citationCount,corpusId,externalIds,"
            + "fieldsOfStudy,influentialCitationCount,isOpenAccess,journal,openAccessPdf,paperId,publicationDate,"
            + "publicationTypes,publicationVenue,referenceCount,s2FieldsOfStudy,title,url,venue,year";

    /** Two topics of papers sharing rare words; the first paper has an arXiv URL, the third a doi.org one. */
    private List<String> lattices;
    private List<String> glaciers;
    private String arxivId;
    private String doi;

    @BeforeEach
    void buildTopics() {
        String suffix = TestData.uniqueId("w").substring(2);
        arxivId = "2402." + (10000 + (int) (Math.random() * 89999));
        doi = "10.1145/Lattice." + suffix;
        lattices = topic("pellucid" + suffix + " lattice spectra", "https://arxiv.org/abs/" + arxivId + "v2",
                "https://doi.org/" + doi);
        glaciers = topic("rimefall" + suffix + " glacier melt", null, null);
        TestData.rebuildModel();
    }

    private static List<String> topic(String words, String firstUrl, String thirdUrl) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = TestData.uniqueId("p");
            Map<String, Object> paper = new HashMap<>(Map.of("title", words + " part " + i,
                    "abstract", "We study " + words + ", volume " + i, "authors", List.of("Ada Byron", "Alan Turing"),
                    "publishedAt", "2024-0" + (i + 1) + "-15"));
            if (i == 0 && firstUrl != null) {
                paper.put("url", firstUrl);
            }
            if (i == 2 && thirdUrl != null) {
                paper.put("url", thirdUrl);
                paper.put("references", List.of("arXiv:1706.03762", "doi:10.1145/3292500.3330701"));
            }
            given().contentType(ContentType.JSON).body(paper).put("/api/v1/papers/" + id).then().statusCode(201);
            ids.add(id);
        }
        return ids;
    }

    /** The request exactly as that API documents it: a JSON body of prefixed ids, with fields and limit. */
    @Test
    void shouldAnswerTheApisOwnRequestInItsOwnShape() {
        String body = """
                {"positivePaperIds": ["ARXIV:%s", "%s"], "negativePaperIds": ["%s"]}
                """.formatted(arxivId, lattices.get(1), glaciers.get(0));
        given().contentType(ContentType.JSON).body(body)
                .queryParam("fields", "title,url,abstract,authors,year,externalIds,publicationDate,citationCount,venue")
                .queryParam("limit", 3)
                .post(LISTS).then().statusCode(OK).contentType(ContentType.JSON)
                .body("$", aMapWithSize(1))
                .body("recommendedPapers.paperId", containsInAnyOrder(lattices.subList(2, 5).toArray()))
                .body("recommendedPapers", everyItem(aMapWithSize(10)))
                .body("recommendedPapers.paperId", everyItem(instanceOf(String.class)))
                .body("recommendedPapers.title", everyItem(instanceOf(String.class)))
                .body("recommendedPapers.year", everyItem(instanceOf(Integer.class)))
                .body("recommendedPapers.authors", everyItem(hasSize(2)))
                .body("recommendedPapers[0].authors[0].name", equalTo("Ada Byron"))
                .body("recommendedPapers[0].authors[0]", hasKey("authorId"))
                .body("recommendedPapers[0].authors[0].authorId", nullValue())
                .body("recommendedPapers[0].citationCount", nullValue())
                .body("recommendedPapers[0].venue", nullValue())
                .body("recommendedPapers.find { it.paperId == '%s' }.externalIds.DOI".formatted(lattices.get(2)),
                        equalTo(doi.toLowerCase()))
                .body("recommendedPapers.find { it.paperId == '%s' }.year".formatted(lattices.get(2)), equalTo(2024))
                .body("recommendedPapers.find { it.paperId == '%s' }.publicationDate".formatted(lattices.get(2)),
                        equalTo("2024-03-15"))
                .body("recommendedPapers.find { it.paperId == '%s' }.externalIds".formatted(lattices.get(3)),
                        aMapWithSize(0));
    }

    /** That client's forpaper call as it sends it: the key in x-api-key, its default fields, from=recent. */
    @Test
    void shouldAnswerThePythonClientsDefaultRequest() {
        given().header("x-api-key", TestKeys.READ).queryParam("fields", CLIENT_DEFAULT_FIELDS).queryParam("limit", 4)
                .queryParam("from", "recent")
                .get(FOR_PAPER + "ARXIV:" + arxivId).then().statusCode(OK)
                .body("recommendedPapers", hasSize(4))
                .body("recommendedPapers", everyItem(aMapWithSize(20)))
                .body("recommendedPapers.referenceCount", everyItem(instanceOf(Integer.class)))
                .body("recommendedPapers.find { it.paperId == '%s' }.referenceCount".formatted(lattices.get(2)),
                        equalTo(2))
                .body("recommendedPapers.find { it.paperId == '%s' }.url".formatted(lattices.get(2)),
                        equalTo("https://doi.org/" + doi))
                .body("recommendedPapers[0].abstract", instanceOf(String.class))
                .body("recommendedPapers[0].journal", nullValue())
                .body("recommendedPapers[0].fieldsOfStudy", nullValue());
    }

    @Test
    void shouldAnswerPaperIdAndTitleByDefaultWithOrWithoutTheTrailingSlash() {
        for (String path : List.of(LISTS, "/recommendations/v1/papers")) {
            given().contentType(ContentType.JSON).body(Map.of("positivePaperIds", List.of(lattices.get(1))))
                    .post(path).then().statusCode(OK)
                    .body("recommendedPapers", everyItem(aMapWithSize(2)))
                    .body("recommendedPapers[0]", hasKey("paperId"))
                    .body("recommendedPapers[0]", hasKey("title"));
        }
    }

    @Test
    void shouldRecommendForAnArxivPrefixedPaperAsForAListOfIt() {
        List<String> forPaper = given().queryParam("fields", "title,externalIds").queryParam("limit", 4)
                .queryParam("from", "recent")
                .get(FOR_PAPER + "ARXIV:" + arxivId).then().statusCode(OK)
                .body("recommendedPapers", hasSize(4))
                .extract().path("recommendedPapers.paperId");
        assertThat(forPaper).containsExactlyInAnyOrderElementsOf(lattices.subList(1, 5));
        List<String> fromList = given().contentType(ContentType.JSON)
                .body(Map.of("positivePaperIds", List.of("arxiv:" + arxivId))).queryParam("limit", 4)
                .post(LISTS).then().statusCode(OK).extract().path("recommendedPapers.paperId");
        assertThat(fromList).isEqualTo(forPaper);
        List<String> byUrl = given().queryParam("limit", 4).get(FOR_PAPER + "URL:https://arxiv.org/abs/" + arxivId)
                .then().statusCode(OK).extract().path("recommendedPapers.paperId");
        assertThat(byUrl).isEqualTo(forPaper);
        // A DOI keeps its slashes in the path and matches whatever its case.
        List<String> byDoi = given().queryParam("limit", 4).get(FOR_PAPER + "DOI:" + doi.toUpperCase())
                .then().statusCode(OK).extract().path("recommendedPapers.paperId");
        assertThat(byDoi).hasSize(4).doesNotContain(lattices.get(2))
                .containsAnyElementsOf(List.of(lattices.get(0), lattices.get(1)));
    }

    @Test
    void shouldRankAsOurOwnListRecommendations() {
        List<String> positive = List.of(lattices.get(1), glaciers.get(2));
        List<String> negative = List.of(glaciers.get(3));
        List<String> own = given().contentType(ContentType.JSON)
                .body(Map.of("positive", positive, "negative", negative, "limit", 8)).post("/api/v1/recommendations")
                .then().statusCode(OK).extract().path("items.paperId");
        List<String> mirrored = given().contentType(ContentType.JSON)
                .body(Map.of("positivePaperIds", positive, "negativePaperIds", negative)).queryParam("limit", 8)
                .post(LISTS).then().statusCode(OK).extract().path("recommendedPapers.paperId");
        assertThat(mirrored).hasSize(8).isEqualTo(own);
    }

    @Test
    void shouldRefuseLimitsAbove500AndUnknownFields() {
        Map<String, Object> body = Map.of("positivePaperIds", List.of(lattices.get(1)));
        given().contentType(ContentType.JSON).body(body).queryParam("limit", 501).post(LISTS)
                .then().statusCode(BAD_REQUEST).contentType(PROBLEM).body("errors[0].field", equalTo("limit"))
                .body("error", containsString("500"));
        given().queryParam("limit", 501).get(FOR_PAPER + lattices.get(1))
                .then().statusCode(BAD_REQUEST).contentType(PROBLEM).body("errors[0].field", equalTo("limit"));
        given().queryParam("limit", "many").get(FOR_PAPER + lattices.get(1))
                .then().statusCode(BAD_REQUEST).contentType(PROBLEM).body("errors[0].field", equalTo("limit"));
        given().contentType(ContentType.JSON).body(body).queryParam("fields", "title,garbage,author.creditCardNumber")
                .post(LISTS).then().statusCode(BAD_REQUEST).contentType(PROBLEM)
                .body("errors[0].field", equalTo("fields"))
                .body("detail", containsString("[garbage, author.creditCardNumber]"))
                .body("error", containsString("garbage"));
        given().queryParam("from", "everything").get(FOR_PAPER + lattices.get(1))
                .then().statusCode(BAD_REQUEST).contentType(PROBLEM).body("errors[0].field", equalTo("from"));
        given().contentType(ContentType.JSON).body(Map.of("negativePaperIds", List.of(lattices.get(1)))).post(LISTS)
                .then().statusCode(BAD_REQUEST).contentType(PROBLEM)
                .body("errors[0].field", equalTo("positivePaperIds"));
        given().contentType(ContentType.JSON).body("{\"positivePaperIds\": \"ARXIV:1\"}").post(LISTS)
                .then().statusCode(BAD_REQUEST).contentType(PROBLEM);
    }

    @Test
    void shouldReportUnknownIdsAndRefuseWhenNoPositiveIdIsKnown() {
        given().contentType(ContentType.JSON)
                .body(Map.of("positivePaperIds", List.of("ARXIV:" + arxivId, "CorpusId:215416146", "no-such-paper"),
                        "negativePaperIds", List.of("DOI:10.9999/none")))
                .queryParam("limit", 3)
                .post(LISTS).then().statusCode(OK).body("recommendedPapers", hasSize(3))
                .body("unknownIds", equalTo(List.of("CorpusId:215416146", "no-such-paper", "DOI:10.9999/none")));
        given().contentType(ContentType.JSON)
                .body(Map.of("positivePaperIds", List.of("CorpusId:215416146", "MAG:112218234"),
                        "negativePaperIds", List.of(lattices.get(1))))
                .post(LISTS).then().statusCode(NOT_FOUND).contentType(PROBLEM)
                .body("detail", containsString("CorpusId ids are not supported"))
                .body("detail", containsString("MAG ids are not supported"))
                .body("error", containsString("CorpusId"));
        given().get(FOR_PAPER + "ARXIV:2402.00000").then().statusCode(NOT_FOUND).contentType(PROBLEM)
                .body("detail", equalTo("Paper 'ARXIV:2402.00000' is not in the catalogue"));
        given().get(FOR_PAPER + "DOI:10.9999/none/deeper").then().statusCode(NOT_FOUND).contentType(PROBLEM);
    }

    @Test
    void shouldNeedTheReadRole() {
        Map<String, Object> body = Map.of("positivePaperIds", List.of(lattices.get(1)));
        given().header(TestKeys.ANONYMOUS, "true").contentType(ContentType.JSON).body(body).post(LISTS)
                .then().statusCode(UNAUTHORIZED).contentType(PROBLEM);
        given().header(TestKeys.ANONYMOUS, "true").get(FOR_PAPER + lattices.get(1))
                .then().statusCode(UNAUTHORIZED).contentType(PROBLEM);
        given().header("X-API-Key", TestKeys.INGEST).contentType(ContentType.JSON).body(body).post(LISTS)
                .then().statusCode(FORBIDDEN).contentType(PROBLEM);
        given().header("X-API-Key", TestKeys.INGEST).get(FOR_PAPER + lattices.get(1))
                .then().statusCode(FORBIDDEN).contentType(PROBLEM);
        // The Python client of that API sends its key as a lower-case x-api-key header.
        given().header("x-api-key", TestKeys.READ).contentType(ContentType.JSON).body(body).post(LISTS)
                .then().statusCode(OK);
        given().header("x-api-key", TestKeys.READ).get(FOR_PAPER + lattices.get(1)).then().statusCode(OK);
    }

    /** Rate-limited like every other listing: the throttled key allows a burst of two, then 429. */
    @Test
    void shouldCountAgainstTheKeysRateLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Response> responses = new ArrayList<>();
        try {
            // At once, as a slow machine would otherwise refill the bucket between sequential requests.
            Callable<Response> call = () -> given().header("x-api-key", TestKeys.THROTTLED).queryParam("limit", 1)
                    .get(FOR_PAPER + lattices.get(1));
            for (Future<Response> f : pool.invokeAll(Collections.nCopies(6, call))) {
                responses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<Response> limited = responses.stream().filter(r -> r.statusCode() == TOO_MANY_REQUESTS).toList();
        assertThat(limited).as("requests beyond the burst of 2 at 1/s").isNotEmpty();
        assertThat(limited.get(0).contentType()).startsWith(PROBLEM);
        assertThat(limited.get(0).header("Retry-After")).isNotNull();
        assertThat(limited.get(0).jsonPath().getString("error")).contains("Rate limit");
    }
}
