package dev.paperrec.recommend.model;

import dev.paperrec.common.db.ChangeNotices;
import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;

/**
 * Writes made by another replica, played here by a plain JDBC connection that does what the repositories do: the
 * write and its change notice in one transaction. This replica answers from memory, so only the notice can tell it.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class ChangeFeedTest {

    private static final long NOTICE_DEADLINE_MILLIS = 10_000;

    private List<String> topic;
    private String word;

    @BeforeEach
    void buildTopic() {
        word = "quillback" + TestData.uniqueId("w").substring(2);
        topic = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = TestData.uniqueId("feed");
            given().contentType(ContentType.JSON)
                    .body(Map.of("title", word + " sediment transport part " + i,
                            "abstract", "Transport of " + word + " sediments in rivers, volume " + i))
                    .put("/api/v1/papers/" + id).then().statusCode(201);
            topic.add(id);
        }
        for (int u = 0; u < 3; u++) {
            String reader = TestData.uniqueId("reader");
            for (String p : topic) {
                TestData.postEvent(reader, p, "upvote");
            }
        }
        TestData.rebuildModel();
        awaitListening();
    }

    @Test
    void shouldAnswerFromMemoryUntilANoticeNamesTheUser() throws SQLException {
        String user = TestData.uniqueId("u");
        TestData.postEvent(user, topic.get(0), "upvote");
        assertThat(recommended(user)).contains(topic.get(1));

        // Stored without a notice: nothing tells this replica, and it does not read per request.
        otherReplica(c -> insertEvent(c, user, topic.get(1)));
        assertThat(recommended(user)).contains(topic.get(1));

        otherReplica(c -> ChangeNotices.publish(c, ChangeNotices.Kind.USER, List.of(user)));
        assertThat(await(() -> recommended(user), ids -> !ids.contains(topic.get(1))))
                .as("the noticed event excludes its paper").doesNotContain(topic.get(0), topic.get(1));
    }

    @Test
    void shouldFollowAnotherReplicasEventsWithdrawalsAndEdits() throws SQLException {
        String user = TestData.uniqueId("u");
        TestData.postEvent(user, topic.get(0), "upvote");
        assertThat(recommended(user)).contains(topic.get(1), topic.get(2));

        otherReplica(c -> {
            insertEvent(c, user, topic.get(1));
            ChangeNotices.publish(c, ChangeNotices.Kind.USER, List.of(user));
        });
        await(() -> recommended(user), ids -> !ids.contains(topic.get(1)));

        otherReplica(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE paper SET withdrawn_at = now() WHERE id = ?")) {
                st.setString(1, topic.get(2));
                st.executeUpdate();
            }
            ChangeNotices.publish(c, ChangeNotices.Kind.PAPER, List.of(topic.get(2)));
        });
        await(() -> recommended(user), ids -> !ids.contains(topic.get(2)));
        assertThat(similar(topic.get(0))).doesNotContain(topic.get(2));
        given().get("/api/v1/papers/" + topic.get(2) + "/similar").then().statusCode(410);

        String renamed = "Renamed " + word + " sediment transport";
        otherReplica(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE paper SET title = ?, updated_at = now() WHERE id = ?")) {
                st.setString(1, renamed);
                st.setString(2, topic.get(3));
                st.executeUpdate();
            }
            ChangeNotices.publish(c, ChangeNotices.Kind.PAPER, List.of(topic.get(3)));
        });
        await(() -> given().queryParam("strategy", "content").get("/api/v1/papers/" + topic.get(0) + "/similar")
                        .then().statusCode(200).extract().<String>path(
                                "items.find { it.paperId == '" + topic.get(3) + "' }.title"),
                renamed::equals);
    }

    @Test
    void shouldSeeAnEventThatCommitsAfterTheBuildBehindAHigherId() throws SQLException {
        String user = TestData.uniqueId("u");
        TestData.postEvent(user, topic.get(0), "upvote");
        try (Connection slow = PostgresResource.connect()) {
            slow.setAutoCommit(false);
            // Takes its id first, commits last: the build below sees a higher id but not this event.
            insertEvent(slow, user, topic.get(1));
            otherReplica(c -> insertEvent(c, TestData.uniqueId("other"), topic.get(2)));
            TestData.rebuildModel();
            assertThat(recommended(user)).as("not committed yet").contains(topic.get(1));
            ChangeNotices.publish(slow, ChangeNotices.Kind.USER, List.of(user));
            slow.commit();
        }
        await(() -> recommended(user), ids -> !ids.contains(topic.get(1)));
    }

    @Test
    void shouldForgetAUserErasedByAnotherReplica() throws SQLException {
        String user = TestData.uniqueId("u");
        TestData.postEvent(user, topic.get(0), "upvote");
        assertThat(recommended(user)).doesNotContain(topic.get(0));

        otherReplica(c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM interaction WHERE user_id = ?")) {
                st.setString(1, user);
                st.executeUpdate();
            }
            ChangeNotices.publish(c, ChangeNotices.Kind.ERASED, List.of(user));
        });
        // Forgotten: no reason speaks of the user's history any more (the trending list itself is shared by every
        // test of the run, so whether topic.get(0) makes its first page says nothing).
        await(() -> given().queryParam("limit", 20).get("/api/v1/users/" + user + "/recommendations").then()
                        .statusCode(200).extract().<List<String>>path("items.reasons.flatten().type"),
                types -> types.stream().noneMatch(t -> t.equals("similar-content") || t.equals("co-read")));
        given().queryParam("limit", 100).get("/api/v1/users/" + user + "/recommendations").then()
                .body("items.reasons.flatten().type", everyItem(equalTo("trending")));
    }

    @Test
    void shouldCountTheNoticesItHears() throws SQLException {
        double before = noticesHeard();
        otherReplica(c -> ChangeNotices.publish(c, ChangeNotices.Kind.USER, List.of(TestData.uniqueId("u"))));
        assertThat(await(ChangeFeedTest::noticesHeard, n -> n > before)).isGreaterThan(before);
        given().get("/q/metrics").then().body(containsString("paperrec_changes_listening 1.0"));
    }

    private static double noticesHeard() {
        String metrics = given().get("/q/metrics").then().extract().asString();
        return metrics.lines().filter(l -> l.startsWith("paperrec_changes_notices_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static List<String> recommended(String user) {
        return given().queryParam("limit", 20).get("/api/v1/users/" + user + "/recommendations")
                .then().statusCode(200).extract().path("items.paperId");
    }

    private static List<String> similar(String paper) {
        return given().get("/api/v1/papers/" + paper + "/similar").then().statusCode(200)
                .extract().path("items.paperId");
    }

    private static void insertEvent(Connection c, String user, String paper) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO interaction (user_id, paper_id, type, "
                + "occurred_at) VALUES (?, ?, 'read', now())")) {
            st.setString(1, user);
            st.setString(2, paper);
            st.executeUpdate();
        }
    }

    private interface Write {
        void run(Connection c) throws SQLException;
    }

    private static void otherReplica(Write write) throws SQLException {
        try (Connection c = PostgresResource.connect()) {
            c.setAutoCommit(false);
            write.run(c);
            c.commit();
        }
    }

    private static <T> T await(Supplier<T> read, Predicate<T> done) {
        long deadline = System.currentTimeMillis() + NOTICE_DEADLINE_MILLIS;
        T value = read.get();
        while (!done.test(value) && System.currentTimeMillis() < deadline) {
            sleep();
            value = read.get();
        }
        assertThat(done.test(value)).as("within %d ms of the notice: %s", NOTICE_DEADLINE_MILLIS, value).isTrue();
        return value;
    }

    /** The feed starts listening shortly after start-up and after any outage another test caused. */
    private static void awaitListening() {
        await(() -> given().get("/q/metrics").then().extract().asString(),
                m -> m.contains("paperrec_changes_listening 1.0"));
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
