package dev.paperrec.digest.subscription;

import dev.paperrec.testsupport.GreenMailResource;
import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(GreenMailResource.class)
class SubscriptionResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final int CREATED = 201;
    private static final int OK = 200;
    private static final int NO_CONTENT = 204;
    private static final int BAD_REQUEST = 400;
    private static final int NOT_FOUND = 404;

    static Map<String, Object> subscription(String email, String frequency, String timezone, Object sendHour) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("frequency", frequency);
        body.put("timezone", timezone);
        body.put("sendHour", sendHour);
        return body;
    }

    private static String path(String user) {
        return "/api/v1/users/" + user + "/subscription";
    }

    @Test
    void shouldCreateReadUpdateAndDeleteASubscription() {
        String user = TestData.uniqueId("sub");
        given().get(path(user)).then().statusCode(NOT_FOUND).contentType(PROBLEM);

        given().contentType(ContentType.JSON).body(subscription("reader@example.org", "daily", "Europe/Paris", 8))
                .put(path(user)).then().statusCode(CREATED).header("Location", endsWith(path(user)))
                .body("userId", equalTo(user)).body("frequency", equalTo("daily")).body("sendHour", equalTo(8))
                .body("weekday", nullValue()).body("nextDigestAt", notNullValue());

        Map<String, Object> weekly = subscription("reader@example.org", "weekly", "America/New_York", 18);
        given().contentType(ContentType.JSON).body(weekly).put(path(user)).then().statusCode(OK)
                .body("frequency", equalTo("weekly")).body("weekday", equalTo("MONDAY"));
        weekly.put("weekday", "friday");
        given().contentType(ContentType.JSON).body(weekly).put(path(user)).then().statusCode(OK)
                .body("weekday", equalTo("FRIDAY"));
        given().get(path(user)).then().statusCode(OK).body("timezone", equalTo("America/New_York"))
                .body("weekday", equalTo("FRIDAY"));

        given().delete(path(user)).then().statusCode(NO_CONTENT);
        given().get(path(user)).then().statusCode(NOT_FOUND);
        given().delete(path(user)).then().statusCode(NO_CONTENT);
    }

    @Test
    void shouldRejectBadEmailsAsProblemJson() {
        String user = TestData.uniqueId("sub");
        for (String email : new String[]{"not-an-address", "reader@localhost", "read er@example.org",
                "reader@@example.org", "reader@example.org\n", "", "\"quoted\"@example.org"}) {
            given().contentType(ContentType.JSON).body(subscription(email, "daily", "UTC", 8)).put(path(user))
                    .then().statusCode(BAD_REQUEST).contentType(PROBLEM).body("errors.field", hasItem("email"));
        }
        given().get(path(user)).then().statusCode(NOT_FOUND);
    }

    @Test
    void shouldRejectZonesThatAreNotIanaRegions() {
        String user = TestData.uniqueId("sub");
        for (String zone : new String[]{"+02:00", "UTC+2", "Mars/Olympus_Mons", "europe/paris", "CEST"}) {
            given().contentType(ContentType.JSON).body(subscription("r@example.org", "daily", zone, 8)).put(path(user))
                    .then().statusCode(BAD_REQUEST).contentType(PROBLEM).body("errors.field", hasItem("timezone"))
                    .body("detail", containsString("IANA"));
        }
    }

    @Test
    void shouldRejectHoursOutsideTheDayAndUnknownFrequencies() {
        String user = TestData.uniqueId("sub");
        given().contentType(ContentType.JSON).body(subscription("r@example.org", "daily", "UTC", 24)).put(path(user))
                .then().statusCode(BAD_REQUEST).contentType(PROBLEM).body("errors.field", hasItem("sendHour"));
        given().contentType(ContentType.JSON).body(subscription("r@example.org", "daily", "UTC", -1)).put(path(user))
                .then().statusCode(BAD_REQUEST).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(subscription("r@example.org", "hourly", "UTC", 8)).put(path(user))
                .then().statusCode(BAD_REQUEST).contentType(PROBLEM).body("detail", containsString("frequency"));
        given().contentType(ContentType.JSON).body(subscription("r@example.org", "daily", "UTC", "8")).put(path(user))
                .then().statusCode(BAD_REQUEST).contentType(PROBLEM);
        Map<String, Object> dailyWithWeekday = subscription("r@example.org", "daily", "UTC", 8);
        dailyWithWeekday.put("weekday", "MONDAY");
        given().contentType(ContentType.JSON).body(dailyWithWeekday).put(path(user))
                .then().statusCode(BAD_REQUEST).body("errors.field", hasItem("weekday"));
        Map<String, Object> badWeekday = subscription("r@example.org", "weekly", "UTC", 8);
        badWeekday.put("weekday", "Caturday");
        given().contentType(ContentType.JSON).body(badWeekday).put(path(user))
                .then().statusCode(BAD_REQUEST).body("errors.field", hasItem("weekday"));
        given().get(path(user)).then().statusCode(NOT_FOUND);
    }

    @Test
    void shouldListEveryBadFieldAtOnce() {
        given().contentType(ContentType.JSON).body(subscription("nope", "daily", "Nowhere/City", 99))
                .put(path(TestData.uniqueId("sub"))).then().statusCode(BAD_REQUEST).contentType(PROBLEM)
                .body("errors.field", hasItems("email", "timezone", "sendHour"));
        given().contentType(ContentType.JSON).body("{}").put(path(TestData.uniqueId("sub"))).then()
                .statusCode(BAD_REQUEST).contentType(PROBLEM)
                .body("errors.field", hasItems("email", "frequency", "timezone", "sendHour"));
    }
}
