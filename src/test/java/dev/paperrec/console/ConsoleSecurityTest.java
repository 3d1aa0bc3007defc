package dev.paperrec.console;

import dev.paperrec.common.api.PaperLinks;
import dev.paperrec.digest.link.LinkTokens;
import dev.paperrec.testsupport.GreenMailResource;
import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import dev.paperrec.testsupport.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** The console's HTTP rules: public shells only, keys and roles, CSRF on writes, headers against framing and XSS. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(GreenMailResource.class)
class ConsoleSecurityTest {

    private static final int OK = 200;
    private static final int UNAUTHORIZED = 401;
    private static final int FORBIDDEN = 403;
    private static final String PROBLEM = "application/problem+json";

    @Test
    void shouldServeTheShellsWithoutAKeyAndWithStrictHeaders() {
        for (String page : new String[] {"/", "/console"}) {
            given().header(TestKeys.ANONYMOUS, "").get(page).then().statusCode(OK)
                    .contentType(containsString("text/html"))
                    .header("Content-Security-Policy", containsString("script-src 'self';"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", not(containsString("unsafe")))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Set-Cookie", containsString("SameSite=Strict"))
                    .header("Set-Cookie", containsStringIgnoringCase("HttpOnly"))
                    .body(not(containsString("<script>")), not(containsString("style=")));
        }
    }

    @Test
    void shouldNeedTheRightRoleForEachFragment() {
        given().header(TestKeys.ANONYMOUS, "").get("/ui/reader/someone").then().statusCode(UNAUTHORIZED)
                .contentType(PROBLEM);
        given().header("X-API-Key", TestKeys.READ).get("/ui/reader/someone").then().statusCode(OK);
        given().header("X-API-Key", TestKeys.READ).get("/ui/admin/overview").then().statusCode(FORBIDDEN)
                .contentType(PROBLEM).body("detail", containsString("admin"));
        given().header("X-API-Key", TestKeys.ADMIN).get("/ui/admin/overview").then().statusCode(OK);
    }

    @Test
    void shouldRefuseAWriteWithoutTheTabsCsrfToken() {
        String paper = TestData.createPaper("CSRF target");
        String reader = TestData.uniqueId("csrf-reader");
        Response page = given().header(TestKeys.ANONYMOUS, "").get("/");
        String token = page.getCookie("paperrec-csrf");

        given().header("X-API-Key", TestKeys.ADMIN).formParam("userId", reader).formParam("paperId", paper)
                .formParam("type", "upvote").post("/ui/events").then().statusCode(FORBIDDEN).contentType(PROBLEM)
                .body("detail", containsString("CSRF"));
        given().header("X-API-Key", TestKeys.ADMIN).cookie("paperrec-csrf", token).header("X-CSRF-Token", "x" + token)
                .formParam("userId", reader).formParam("paperId", paper).formParam("type", "upvote")
                .post("/ui/events").then().statusCode(FORBIDDEN).contentType(PROBLEM);
        given().header("X-API-Key", TestKeys.ADMIN).get("/api/v1/users/" + reader + "/events").then()
                .body("items.size()", equalTo(0));

        given().header("X-API-Key", TestKeys.READ).cookie("paperrec-csrf", token).header("X-CSRF-Token", token)
                .formParam("userId", reader).formParam("paperId", paper).formParam("type", "upvote")
                .post("/ui/events").then().statusCode(FORBIDDEN).body("detail", containsString("ingest"));
        given().header("X-API-Key", TestKeys.ADMIN).cookie("paperrec-csrf", token).header("X-CSRF-Token", token)
                .formParam("userId", reader).formParam("paperId", paper).formParam("type", "upvote")
                .post("/ui/events").then().statusCode(OK).body(containsString("upvote"));
        given().header("X-API-Key", TestKeys.ADMIN).cookie("paperrec-csrf", token).header("X-CSRF-Token", token)
                .formParam("userId", reader).formParam("paperId", paper).formParam("type", "delete-everything")
                .post("/ui/events").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void shouldRefuseABadSubscriptionAddressAsAProblem() {
        String token = given().header(TestKeys.ANONYMOUS, "").get("/").getCookie("paperrec-csrf");
        given().header("X-API-Key", TestKeys.ADMIN).cookie("paperrec-csrf", token).header("X-CSRF-Token", token)
                .formParam("userId", "someone").formParam("email", "not an address").post("/ui/subscription")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("email"));
    }

    @Test
    void shouldRenderAPaperPageAndAnErrorPageForAnUnknownOne() {
        String paper = TestData.createPaper("A readable page");
        given().header(TestKeys.ANONYMOUS, "").get("/papers/" + paper).then().statusCode(OK)
                .body(containsString("<h1>A readable page</h1>"), containsString("Ada Lovelace"));
        given().header(TestKeys.ANONYMOUS, "").get("/papers/no-such-paper").then().statusCode(404)
                .contentType(containsString("text/html")).body(containsString("No such paper"));
        given().header(TestKeys.ANONYMOUS, "").get("/papers/" + "%3Cbad%3E").then().statusCode(404);
    }

    @Test
    void shouldReachThePageOfEveryIdTheCatalogueAcceptsFromTheConsolesLinks() {
        String reader = TestData.uniqueId("slash-reader");
        for (String id : new String[] {"10.1145/" + TestData.uniqueId("abc"),
                "doi:10.1038/" + TestData.uniqueId("N") + "/a.b_c-d", "arXiv:hep-th/" + TestData.uniqueId("99")}) {
            String title = "Page of " + id;
            given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(TestData.paper(title))
                    .put("/api/v1/papers/" + PaperLinks.segment(id)).then().statusCode(201);
            TestData.postEvent(reader, id, "read");
            String link = "/papers/" + PaperLinks.segment(id);
            given().header("X-API-Key", TestKeys.READ).get("/ui/reader/" + reader).then().statusCode(OK)
                    .body(containsString("href=\"" + link + "\""));
            given().header(TestKeys.ANONYMOUS, "").urlEncodingEnabled(false).get(link).then().statusCode(OK)
                    .body(containsString("<h1>" + title + "</h1>"),
                            containsString("hx-get=\"/ui/papers/" + PaperLinks.segment(id) + "/similar\""));
            // Typed by hand, with its slashes as they are.
            given().header(TestKeys.ANONYMOUS, "").urlEncodingEnabled(false).get("/papers/" + id).then()
                    .statusCode(OK).body(containsString("<h1>" + title + "</h1>"));
        }
        // No path could address these two: the catalogue refuses them.
        given().contentType("application/x-ndjson").body("{\"id\":\"..\",\"title\":\"Dots\"}\n{\"id\":\".\",\"title\":\"Dot\"}\n"
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/papers/import").then().statusCode(OK).body("created", equalTo(0))
                .body("rejectedCount", equalTo(2));
    }

    @Test
    void shouldOpenAMailViewSignedWithTheLinkSecretWithoutStateOfItsOwn() {
        // Signed elsewhere (another replica, or before a restart): nothing but the configured link secret shared.
        LinkTokens elsewhere = new LinkTokens(ConfigProvider.getConfig().getValue("paperrec.digest.token-secret",
                String.class), Duration.ofMinutes(10));
        String user = TestData.uniqueId("framed");
        TestData.rebuildModel();
        given().header(TestKeys.ANONYMOUS, "").queryParam("user", user)
                .queryParam("t", elsewhere.view("digest:" + user, Instant.now())).get("/views/digest").then()
                .statusCode(OK).header("Content-Security-Policy", startsWith("default-src 'none'"));
        given().header(TestKeys.ANONYMOUS, "").queryParam("user", user + "x")
                .queryParam("t", elsewhere.view("digest:" + user, Instant.now())).get("/views/digest").then()
                .statusCode(FORBIDDEN);
    }

    @Test
    void shouldRefuseAnUnsignedMailView() {
        given().header(TestKeys.ANONYMOUS, "").get("/views/outbox/1?t=123.abc").then().statusCode(FORBIDDEN)
                .contentType(PROBLEM);
        given().header(TestKeys.ANONYMOUS, "").get("/views/digest?user=x").then().statusCode(FORBIDDEN)
                .header("Content-Security-Policy", startsWith("default-src 'none'"));
    }
}
