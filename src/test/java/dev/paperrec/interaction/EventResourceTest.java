package dev.paperrec.interaction;

import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class EventResourceTest {

    private static final String EVENTS = "/api/v1/events";
    private static final String PROBLEM = "application/problem+json";

    private String paper;
    private String other;
    private String user;

    @BeforeEach
    void createPapers() {
        paper = TestData.createPaper("Events paper");
        other = TestData.createPaper("Other paper");
        user = TestData.uniqueId("user");
    }

    @Test
    void shouldStoreAnEventIdOnceAndAnswerTheReplayAsDuplicate() {
        String eventId = TestData.uniqueId("evt");
        Map<String, String> event = Map.of("userId", user, "paperId", paper, "type", "upvote", "eventId", eventId);
        given().contentType(ContentType.JSON).body(event).post(EVENTS)
                .then().statusCode(201).body("accepted", equalTo(1)).body("duplicates", equalTo(0));
        given().contentType(ContentType.JSON).body(event).post(EVENTS)
                .then().statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(1));
        given().contentType(ContentType.JSON).body(List.of(event, event)).post(EVENTS)
                .then().statusCode(200).body("duplicates", equalTo(2));

        given().get("/api/v1/users/" + user + "/events").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].eventId", equalTo(eventId))
                .body("items[0].type", equalTo("upvote"));
    }

    @Test
    void shouldKeepEveryUsersEventWhenTwoUsersChooseTheSameEventId() {
        String eventId = TestData.uniqueId("evt");
        String other = TestData.uniqueId("other");
        given().contentType(ContentType.JSON)
                .body(Map.of("userId", user, "paperId", paper, "type", "read", "eventId", eventId))
                .post(EVENTS).then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body(Map.of("userId", other, "paperId", paper, "type", "upvote", "eventId", eventId))
                .post(EVENTS).then().statusCode(201).body("accepted", equalTo(1)).body("duplicates", equalTo(0));
        // In one body too: the same id under two users is two events, under one user one.
        String shared = TestData.uniqueId("evt");
        given().contentType(ContentType.JSON).body(List.of(
                        Map.of("userId", user, "paperId", paper, "type", "read", "eventId", shared),
                        Map.of("userId", other, "paperId", paper, "type", "read", "eventId", shared),
                        Map.of("userId", other, "paperId", paper, "type", "read", "eventId", shared)))
                .post(EVENTS).then().statusCode(200).body("accepted", equalTo(2)).body("duplicates", equalTo(1));

        given().get("/api/v1/users/" + other + "/events").then().statusCode(200)
                .body("items.eventId", hasItems(eventId, shared)).body("items.size()", equalTo(2));
        given().get("/api/v1/users/" + user + "/events").then().statusCode(200)
                .body("items.eventId", hasItems(eventId, shared));
    }

    @Test
    void shouldCountAcceptedDuplicateAndRejectedInABatch() {
        String dup = TestData.uniqueId("evt");
        List<Map<String, String>> batch = List.of(
                Map.of("userId", user, "paperId", paper, "type", "read", "eventId", dup),
                Map.of("userId", user, "paperId", paper, "type", "read", "eventId", dup),
                Map.of("userId", user, "paperId", "no-such-paper", "type", "read"),
                Map.of("userId", user, "paperId", other, "type", "bogus"),
                Map.of("userId", user, "paperId", other, "type", "dismiss", "occurredAt", "2024-02-03T04:05:06Z"));
        given().contentType(ContentType.JSON).body(batch).post(EVENTS)
                .then().statusCode(200)
                .body("accepted", equalTo(2)).body("duplicates", equalTo(1)).body("rejectedCount", equalTo(2))
                .body("rejected.line", equalTo(List.of(3, 4)))
                .body("rejected[0].error", containsString("no-such-paper"))
                .body("rejected[1].error", containsString("unknown event type 'bogus'"));
        given().get("/api/v1/users/" + user + "/events").then()
                .body("items.type", equalTo(List.of("read", "dismiss")))
                .body("items[1].occurredAt", equalTo("2024-02-03T04:05:06Z"));
    }

    @Test
    void shouldReadCsvAndJsonLines() {
        String csv = "user_id,paper_id,type,occurred_at,event_id\n"
                + user + "," + paper + ",upvote,2024-01-01T00:00:00Z,\n"
                + user + "," + other + ",unupvote,2024-01-02T00:00:00Z,\n"
                + user + "," + other + ",wat,,\n"
                + user + ",\"" + other + "\",read,not-a-date,\n"
                + "\"unclosed," + other + ",read,,\n";
        given().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post(EVENTS)
                .then().statusCode(200).body("accepted", equalTo(2)).body("rejectedCount", equalTo(3))
                .body("rejected.line", equalTo(List.of(4, 5, 6)));

        String lines = "{\"userId\": \"" + user + "\", \"paperId\": \"" + paper + "\", \"type\": \"read\"}\n"
                + "{\"userId\": \"" + user + "\", \"paperId\": \"" + paper + "\"}\n";
        given().contentType("application/x-ndjson").body(lines.getBytes(StandardCharsets.UTF_8)).post(EVENTS)
                .then().statusCode(200).body("accepted", equalTo(1)).body("rejected[0].line", equalTo(2))
                .body("rejected[0].error", containsString("type"));
        given().get("/api/v1/users/" + user + "/events").then().body("items.size()", equalTo(3))
                .body("items[0].type", equalTo("read"));
    }

    @Test
    void shouldRejectMalformedBodiesAndHeaders() {
        given().contentType("text/csv").body("user,paper\nx,y\n".getBytes(StandardCharsets.UTF_8)).post(EVENTS)
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("column"));
        given().contentType(ContentType.JSON).body("{\"userId\": ").post(EVENTS)
                .then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("\"just a string\"").post(EVENTS)
                .then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(Map.of("userId", "x".repeat(129), "paperId", paper, "type", "read"))
                .post(EVENTS).then().statusCode(422).contentType(PROBLEM).body("detail", containsString("userId"));
        given().contentType(ContentType.JSON)
                .body(Map.of("userId", user, "paperId", paper, "type", "read", "occurredAt", "2999-01-01T00:00:00Z"))
                .post(EVENTS).then().statusCode(422).body("detail", containsString("occurredAt"));
        given().contentType(ContentType.JSON).body(Map.of("userId", user, "paperId", paper, "type", 3))
                .post(EVENTS).then().statusCode(422).contentType(PROBLEM);
        given().contentType("application/xml").body("<e/>").post(EVENTS).then().statusCode(415).contentType(PROBLEM);
        byte[] badUtf8 = {'u', 's', 'e', 'r', '_', 'i', 'd', ',', 'p', 'a', 'p', 'e', 'r', '_', 'i', 'd', ',', 't',
                'y', 'p', 'e', '\n', (byte) 0xC3, (byte) 0x28, ',', 'x', ',', 'r', 'e', 'a', 'd', '\n'};
        given().contentType("text/csv").body(badUtf8).post(EVENTS)
                .then().statusCode(200).body("rejected[0].error", containsString("UTF-8"));
        given().queryParam("limit", 501).get("/api/v1/users/" + user + "/events").then().statusCode(400)
                .contentType(PROBLEM);
    }

    @Test
    void shouldRefuseALineOverTheConfiguredLengthNamingIt() {
        // 64 KiB per line in tests: a body far below the body limit, with one line too long.
        String jsonLines = "{\"userId\":\"" + user + "\",\"paperId\":\"" + paper + "\",\"type\":\"read\"}\n"
                + "{\"userId\":\"" + user + "\",\"paperId\":\"" + "p".repeat(70_000) + "\",\"type\":\"read\"}\n";
        given().contentType("application/x-ndjson").body(jsonLines.getBytes(StandardCharsets.UTF_8)).post(EVENTS)
                .then().statusCode(413).contentType(PROBLEM)
                .body("detail", containsString("Line 2 is longer than 65536 characters"));
        String csv = "user_id,paper_id,type\n" + user + "," + paper + ",read\n" + user + ",x" + "q".repeat(70_000)
                + ",read\n";
        given().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post(EVENTS)
                .then().statusCode(413).contentType(PROBLEM)
                .body("detail", containsString("Line 3 is longer than 65536 characters"));
        // Neither body's first event was in a committed chunk: nothing is stored.
        given().get("/api/v1/users/" + user + "/events").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void shouldRefuseBodiesOverTheConfiguredLimit() {
        String big = "user_id,paper_id,type\n" + (user + "," + paper + ",read\n").repeat(60_000);
        given().contentType("text/csv").body(big.getBytes(StandardCharsets.UTF_8)).post(EVENTS)
                .then().statusCode(413).contentType(PROBLEM).body("detail", containsString("limit"));
        given().get("/api/v1/users/" + user + "/events").then().body("items.size()", equalTo(0));
    }

    @Test
    void shouldExposeEventCountsAsMetrics() {
        TestData.postEvent(user, paper, "upvote");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("paperrec_events_accepted_total{type=\"upvote\"}"));
        given().get("/q/metrics").then().body(containsString("http_server_requests_seconds_count"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/events"))
                .body(containsString("/api/v1/papers/import"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().body("checks.name", hasItem("Database"));
    }
}
