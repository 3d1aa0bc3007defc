package dev.paperrec.user;

import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class UserResourceTest {

    @Inject
    EntityManager em;

    @Test
    void shouldExportThenEraseEverythingAboutAUser() {
        String paper = TestData.createPaper("Privacy paper");
        String user = TestData.uniqueId("subject");
        String bystander = TestData.uniqueId("bystander");
        TestData.postEvent(user, paper, "read");
        TestData.postEvent(user, paper, "upvote");
        TestData.postEvent(bystander, paper, "read");

        given().get("/api/v1/users/" + user + "/export").then().statusCode(200)
                .body("userId", equalTo(user)).body("data.events.type", equalTo(List.of("read", "upvote")));

        given().delete("/api/v1/users/" + user).then().statusCode(200).body("erased.events", equalTo(2));

        given().get("/api/v1/users/" + user + "/export").then().body("data.events.size()", equalTo(0));
        given().get("/api/v1/users/" + user + "/events").then().body("items.size()", equalTo(0));
        given().get("/api/v1/users/" + bystander + "/events").then().body("items.size()", equalTo(1));
        Number audited = (Number) em.createNativeQuery(
                        "SELECT count(*) FROM erasure_audit WHERE subject_hash = ?1 AND events_erased = 2")
                .setParameter(1, UserService.sha256(user)).getSingleResult();
        assertThat(audited.longValue()).isEqualTo(1);
        Number clear = (Number) em.createNativeQuery(
                "SELECT count(*) FROM erasure_audit WHERE subject_hash = ?1 OR requested_by = ?1")
                .setParameter(1, user).getSingleResult();
        assertThat(clear.longValue()).as("the audit never stores the user id in clear").isZero();
    }

    @Test
    void shouldRejectInvalidUserIds() {
        given().get("/api/v1/users/" + "x".repeat(129) + "/export").then().statusCode(400)
                .contentType("application/problem+json");
        given().urlEncodingEnabled(false).get("/api/v1/users/%09tab/events").then().statusCode(400).contentType("application/problem+json");
    }
}
