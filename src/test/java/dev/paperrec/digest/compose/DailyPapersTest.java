package dev.paperrec.digest.compose;

import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Today's papers reach the readers they fit: a reader's library on one topic, papers published today on that topic
 * and on another, nobody has read any of today's yet. "For you" is ranked from the digest's period only, the feed
 * restricted to today leads with the on-topic papers, and older papers show only in a section that says so.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class DailyPapersTest {

    private static final int OK = 200;
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    EntityManager em;

    private String word;
    /** On the topic, published long ago and read by the topic's readers. */
    private List<String> library;
    /** On the topic, published today, read by nobody. */
    private List<String> newOnTopic;
    /** On another topic, published today, read by nobody. */
    private List<String> newOffTopic;
    /** On the topic, published five days ago: inside a first weekly digest's period, not inside a daily one. */
    private String fiveDaysOld;
    private String reader;

    @BeforeEach
    void buildScenario() {
        // Words no other scenario shares, so that only this scenario's papers match this reader's library.
        word = "quokkaflux" + TestData.uniqueId("w").substring(2) + " tokamak" + TestData.uniqueId("t").substring(2);
        library = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            library.add(paper(word + " " + token(), TODAY.minusYears(2).plusDays(i)));
        }
        for (int u = 0; u < 3; u++) {
            String other = TestData.uniqueId("library-reader");
            library.forEach(p -> TestData.postEvent(other, p, "upvote"));
        }
        reader = TestData.uniqueId("daily-reader");
        TestData.postEvent(reader, library.get(0), "read");
        TestData.postEvent(reader, library.get(1), "upvote");
        newOnTopic = new ArrayList<>();
        newOffTopic = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            newOnTopic.add(paper(word + " " + token(), TODAY));
            newOffTopic.add(paper("Songbird migration over the " + TestData.uniqueId("sea") + " coast", TODAY));
        }
        fiveDaysOld = paper(word + " " + token(), TODAY.minusDays(5));
        given().queryParam("wait", 60).post("/api/v1/admin/model/rebuild").then().statusCode(OK);
    }

    @Test
    void shouldLeadAFirstDigestsForYouWithTodaysPapersOnTheReadersTopicsAndNothingOlderThanItsPeriod() {
        // No subscription: the preview is a first weekly digest, whose period is the last seven days.
        JsonPath digest = preview(reader);
        List<String> forYou = digest.getList("sections.find { it.key == 'for-you' }.entries.paperId");
        List<String> dates = digest.getList("sections.find { it.key == 'for-you' }.entries.publishedAt");

        assertThat(forYou).hasSizeGreaterThanOrEqualTo(4).doesNotContainAnyElementsOf(library);
        assertThat(forYou.subList(0, 4)).containsExactlyInAnyOrderElementsOf(withFiveDaysOld(newOnTopic));
        assertThat(dates).allSatisfy(d -> assertThat(LocalDate.parse(d)).isAfterOrEqualTo(TODAY.minusDays(7)));
        // Older papers come only in their own section, labelled as older.
        assertThat(digest.getList("sections.key")).containsExactly("for-you", "missed", "trending");
        assertThat(digest.getString("sections.find { it.key == 'missed' }.title")).isEqualTo("You may have missed");
        List<String> missed = digest.getList("sections.find { it.key == 'missed' }.entries.paperId");
        assertThat(missed.subList(0, 2)).containsExactlyInAnyOrder(library.get(2), library.get(3));
        assertThat(digest.getList("sections.find { it.key == 'missed' }.entries.publishedAt", String.class))
                .allSatisfy(d -> assertThat(d == null || LocalDate.parse(d).isBefore(TODAY.minusDays(7))).isTrue());
    }

    @Test
    void shouldCoverOnlyTheDaySinceTheLastDigestInALaterOne() {
        subscribeDaily(reader);
        recordSentDigest(reader, Instant.now().minus(1, ChronoUnit.HOURS));
        JsonPath digest = preview(reader);
        List<String> forYou = digest.getList("sections.find { it.key == 'for-you' }.entries.paperId");

        assertThat(forYou.subList(0, 3)).containsExactlyInAnyOrderElementsOf(newOnTopic);
        assertThat(forYou).doesNotContain(fiveDaysOld);
        LocalDate since = Instant.now().minus(1, ChronoUnit.HOURS).atZone(ZoneOffset.UTC).toLocalDate();
        assertThat(digest.getList("sections.find { it.key == 'for-you' }.entries.publishedAt", String.class))
                .allSatisfy(d -> assertThat(LocalDate.parse(d)).isAfterOrEqualTo(since));
        assertThat(digest.getList("sections.find { it.key == 'missed' }.entries.paperId")).contains(fiveDaysOld);
    }

    @Test
    void shouldSayWhenNothingNewFitsAndNeverPassOlderPapersOffAsNew() {
        subscribeDaily(reader);
        // The last digest, sent a moment ago, listed every paper published since: nothing in the period is left.
        recordSentDigest(reader, Instant.now(), publishedSince(TODAY.minusDays(1)).toArray(String[]::new));
        JsonPath digest = preview(reader);

        assertThat(digest.getList("sections.find { it.key == 'for-you' }.entries")).isEmpty();
        assertThat(digest.getString("sections.find { it.key == 'for-you' }.note"))
                .startsWith("No paper published since");
        assertThat(digest.getList("sections.find { it.key == 'missed' }.entries.paperId"))
                .contains(fiveDaysOld).doesNotContainAnyElementsOf(newOnTopic);
        given().queryParam("format", "text").get("/api/v1/users/" + reader + "/digest").then().statusCode(OK)
                .body(org.hamcrest.Matchers.containsString("== For you ==\nNo paper published since"))
                .body(org.hamcrest.Matchers.containsString("== You may have missed =="));
    }

    @Test
    void shouldLeadTheFeedOfWhatIsNewTodayWithTheReadersTopics() {
        List<String> today = given().queryParam("since", "P0D").queryParam("limit", 3)
                .get("/api/v1/users/" + reader + "/recommendations").then().statusCode(OK)
                .extract().path("items.paperId");
        assertThat(today).containsExactlyInAnyOrderElementsOf(newOnTopic);

        List<String> lastWeek = given().queryParam("since", "P7D").queryParam("limit", 100)
                .get("/api/v1/users/" + reader + "/recommendations").then().statusCode(OK)
                .extract().path("items.paperId");
        assertThat(lastWeek).contains(fiveDaysOld).doesNotContainAnyElementsOf(library);

        List<String> feed = given().queryParam("limit", 10).get("/api/v1/users/" + reader + "/recommendations")
                .then().statusCode(OK).extract().path("items.paperId");
        assertThat(feed).as("the default feed's first page").containsAll(newOnTopic);

        given().queryParam("since", "P-1D").get("/api/v1/users/" + reader + "/recommendations").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("since"));
    }

    @SuppressWarnings("unchecked")
    private List<String> publishedSince(LocalDate day) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT id FROM paper WHERE published_at >= ?1").setParameter(1, day).getResultList());
    }

    @Test
    void shouldListTodaysUnreadPapersToANewcomerWithoutAFalseTrendingReason() {
        JsonPath today = given().queryParam("since", "P0D").queryParam("limit", 100)
                .get("/api/v1/users/" + TestData.uniqueId("newcomer") + "/recommendations").then().statusCode(OK)
                .extract().jsonPath();
        List<String> ids = today.getList("items.paperId");
        assertThat(ids).containsAll(newOffTopic);
        for (String paper : newOffTopic) {
            assertThat(today.getList("items.find { it.paperId == '" + paper + "' }.reasons")).as(paper).isEmpty();
        }
        assertThat(today.getList("items.reasons.flatten().score", Float.class)).allSatisfy(
                score -> assertThat(score).isPositive());
    }

    private List<String> withFiveDaysOld(List<String> papers) {
        List<String> all = new ArrayList<>(papers);
        all.add(fiveDaysOld);
        return all;
    }

    /** A word no other paper has: titles share only the scenario's words. */
    private static String token() {
        return "x" + TestData.uniqueId("t").substring(2);
    }

    private static JsonPath preview(String user) {
        return given().get("/api/v1/users/" + user + "/digest").then().statusCode(OK).extract().jsonPath();
    }

    private static String paper(String title, LocalDate publishedAt) {
        String id = TestData.uniqueId("daily");
        given().contentType(ContentType.JSON)
                .body(Map.of("title", title, "publishedAt", publishedAt.toString()))
                .put("/api/v1/papers/" + id).then().statusCode(201);
        return id;
    }

    private static void subscribeDaily(String user) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", user + "@example.org");
        body.put("frequency", "daily");
        body.put("timezone", "UTC");
        body.put("sendHour", 7);
        given().contentType(ContentType.JSON).body(body).put("/api/v1/users/" + user + "/subscription")
                .then().statusCode(201);
    }

    /** A digest sent at {@code sentAt} that listed {@code papers}, as delivery records one. */
    private void recordSentDigest(String user, Instant sentAt, String... papers) {
        QuarkusTransaction.requiringNew().run(() -> {
            Number id = (Number) em.createNativeQuery("INSERT INTO digest (user_id, period_key, status, sent_at) "
                            + "VALUES (?1, ?2, 'SENT', ?3) RETURNING id")
                    .setParameter(1, user).setParameter(2, "daily:" + sentAt.toString().substring(0, 10))
                    .setParameter(3, sentAt).getSingleResult();
            for (int i = 0; i < papers.length; i++) {
                em.createNativeQuery("INSERT INTO digest_item (digest_id, user_id, paper_id, section, position) "
                                + "VALUES (?1, ?2, ?3, 'for-you', ?4)")
                        .setParameter(1, id.longValue()).setParameter(2, user).setParameter(3, papers[i])
                        .setParameter(4, i).executeUpdate();
            }
        });
    }
}
