package dev.paperrec.recommend.model;

import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * Collaborative and citation neighbours loaded from the newest completed batch of their kind in
 * {@code paper_neighbour}, as a distributed job would write them; a profile of its own because the sources are
 * chosen at boot.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestProfile(PrecomputedNeighboursResourceTest.FromDatabase.class)
class PrecomputedNeighboursResourceTest {

    public static class FromDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("paperrec.recommend.collaborative-source", "database",
                    "paperrec.recommend.citation-source", "database");
        }
    }

    /** One row of {@code paper_neighbour}. */
    private record Row(String paper, String neighbour, float similarity, int coReaders) {
    }

    @Inject
    AgroalDataSource dataSource;

    private final List<Long> batches = new ArrayList<>();

    @AfterEach
    void deleteBatches() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("DELETE FROM neighbour_batch WHERE id = ANY(?)")) {
            st.setArray(1, c.createArrayOf("bigint", batches.toArray()));
            st.executeUpdate();
        }
    }

    @Test
    void shouldServeTheNeighboursOfTheNewestCompletedBatchOnly() throws SQLException {
        // Papers nobody read together: computed neighbours could never link them.
        String seed = TestData.createPaper("Tidal locking of exoplanets");
        String first = TestData.createPaper("Sourdough fermentation kinetics");
        String second = TestData.createPaper("Medieval trade routes of the Baltic");
        String third = TestData.createPaper("Compiler optimisation for stack machines");
        String withdrawn = TestData.createPaper("Coral reef acoustics");
        String older = TestData.createPaper("Glacier retreat in the Andes");
        String unfinished = TestData.createPaper("Quantum dots in displays");
        given().delete("/api/v1/papers/" + withdrawn).then().statusCode(204);

        insertBatch(List.of(new Row(seed, older, 0.99f, 8)), Instant.now().minus(Duration.ofHours(1)));
        long current = insertBatch(List.of(
                new Row(seed, third, 0.3f, 2),
                new Row(seed, first, 0.9f, 4),
                new Row(seed, second, 0.6f, 0),
                new Row(seed, withdrawn, 0.95f, 6),
                new Row(seed, TestData.uniqueId("unknown"), 0.97f, 1),
                new Row(seed, seed, 5f, 9)), Instant.now());
        insertBatch(List.of(new Row(seed, unfinished, 0.99f, 3), new Row(seed, first, 0.1f, 1)), null);

        rebuildAfterWrites();

        given().get("/api/v1/admin/model").then().statusCode(200)
                .body("collaborativeSource", equalTo("database"))
                .body("neighbourBatch", equalTo((int) current));
        List<String> similar = given().queryParam("strategy", "collaborative")
                .get("/api/v1/papers/" + seed + "/similar").then().statusCode(200)
                .body("items[0].reasons[0].type", equalTo("co-read"))
                .body("items[0].reasons[0].readers", equalTo(4))
                .body("items[1].reasons[0].type", equalTo("also-read"))
                .body("items[1].reasons[0].paperId", equalTo(seed))
                .body("items[1].reasons[0].readers", nullValue())
                .body("items[2].reasons[0].readers", equalTo(2))
                .extract().path("items.paperId");
        assertThat(similar).containsExactly(first, second, third);

        String reader = TestData.uniqueId("u");
        TestData.postEvent(reader, seed, "read");
        List<String> recommended = given().queryParam("strategy", "collaborative").queryParam("limit", 3)
                .get("/api/v1/users/" + reader + "/recommendations").then().statusCode(200)
                .extract().path("items.paperId");
        assertThat(recommended).containsExactly(first, second, third);

        // Erasure works as in computed mode: nothing personal is left for the reader.
        given().delete("/api/v1/users/" + reader).then().statusCode(200);
        given().queryParam("strategy", "collaborative").get("/api/v1/users/" + reader + "/recommendations")
                .then().statusCode(200).body("items.reasons.flatten().type", everyItem(equalTo("trending")));
    }

    @Test
    void shouldComputeTheNeighboursWhenNoBatchIsCompleted() throws SQLException {
        String seed = TestData.createPaper("Bird song dialects");
        String unfinished = TestData.createPaper("Volcanic ash and aviation");
        insertBatch(List.of(new Row(seed, unfinished, 0.8f, 2)), null);

        rebuildAfterWrites();

        given().get("/api/v1/admin/model").then().statusCode(200)
                .body("collaborativeSource", equalTo("computed"))
                .body("neighbourBatch", nullValue());
        given().queryParam("strategy", "collaborative").get("/api/v1/papers/" + seed + "/similar")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void shouldServeCitationNeighboursFromTheNewestCitationBatchWithReasonsFromTheReferences() throws SQLException {
        String seed = TestData.createPaper("Wind loads on tall timber buildings");
        String cited = TestData.createPaper("Cross-laminated timber stiffness");
        String unrelated = TestData.createPaper("Honey bee navigation");
        String collaborativeOnly = TestData.createPaper("Snow avalanche forecasting");
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement(
                     "INSERT INTO paper_reference (paper_id, ref, position) VALUES (?, ?, 0)")) {
            st.setString(1, seed);
            st.setString(2, cited);
            st.executeUpdate();
        }
        long collaborative = insertBatch(List.of(new Row(seed, collaborativeOnly, 0.9f, 3)),
                Instant.now().minus(Duration.ofMinutes(5)));
        long citation = insertBatch("citation", List.of(new Row(seed, unrelated, 0.4f, 0),
                new Row(seed, cited, 0.8f, 0)), Instant.now());

        rebuildAfterWrites();

        given().get("/api/v1/admin/model").then().statusCode(200)
                .body("neighbourBatch", equalTo((int) collaborative))
                .body("citationBatch", equalTo((int) citation));
        List<String> similar = given().queryParam("strategy", "citation")
                .get("/api/v1/papers/" + seed + "/similar").then().statusCode(200)
                .body("items[0].reasons.type", org.hamcrest.Matchers.hasItem("cited-by"))
                .body("items[1].reasons.type", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("cited-by")))
                .extract().path("items.paperId");
        assertThat(similar).containsExactly(cited, unrelated);
        given().queryParam("strategy", "collaborative").get("/api/v1/papers/" + seed + "/similar")
                .then().statusCode(200).body("items.paperId", equalTo(List.of(collaborativeOnly)));
    }

    /**
     * A build already running when the rows were written (such as the one at start-up) answers the first call;
     * the second answers with a build that began after it, so it read them.
     */
    private static void rebuildAfterWrites() {
        TestData.rebuildModel();
        TestData.rebuildModel();
    }

    private long insertBatch(List<Row> rows, Instant completedAt) throws SQLException {
        return insertBatch("collaborative", rows, completedAt);
    }

    /** Writes a batch as the contract asks (docs/scaling.md): the batch, its rows, then its completion. */
    private long insertBatch(String kind, List<Row> rows, Instant completedAt) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long id;
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO neighbour_batch (kind) VALUES (?) RETURNING id")) {
                st.setString(1, kind);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            batches.add(id);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO paper_neighbour "
                    + "(batch_id, paper_id, neighbour_id, similarity, co_readers) VALUES (?, ?, ?, ?, ?)")) {
                for (Row r : rows) {
                    st.setLong(1, id);
                    st.setString(2, r.paper());
                    st.setString(3, r.neighbour());
                    st.setFloat(4, r.similarity());
                    st.setInt(5, r.coReaders());
                    st.addBatch();
                }
                st.executeBatch();
            }
            if (completedAt != null) {
                try (PreparedStatement st = c.prepareStatement(
                        "UPDATE neighbour_batch SET completed_at = ?, row_count = ? WHERE id = ?")) {
                    st.setTimestamp(1, Timestamp.from(completedAt));
                    st.setLong(2, rows.size());
                    st.setLong(3, id);
                    st.executeUpdate();
                }
            }
            return id;
        }
    }
}
