package dev.paperrec.testsupport;

import io.restassured.http.ContentType;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Builders for the rows API tests need; every id is unique so tests sharing one database never collide. */
public final class TestData {

    private TestData() {
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> paper(String title) {
        return Map.of("title", title, "abstract", "An abstract about " + title, "authors", List.of("Ada Lovelace"),
                "publishedAt", "2024-05-01", "tags", List.of("ml"), "url", "https://example.org/" + title.hashCode(),
                "upvotes", 3);
    }

    public static String createPaper(String title) {
        String id = uniqueId("p");
        given().contentType(ContentType.JSON).body(paper(title)).put("/api/v1/papers/" + id).then().statusCode(201);
        return id;
    }

    public static void postEvent(String userId, String paperId, String type) {
        given().contentType(ContentType.JSON)
                .body(Map.of("userId", userId, "paperId", paperId, "type", type))
                .post("/api/v1/events").then().statusCode(201);
    }

    /** Rebuilds the model now and waits for it, as an operator's rebuild does. */
    public static void rebuildModel() {
        given().queryParam("wait", 60).post("/api/v1/admin/model/rebuild").then().statusCode(200);
    }
}
