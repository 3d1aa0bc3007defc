package dev.paperrec.recommend.model;

import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The embedder's poll: what it picks up, and that PostgreSQL can answer it from the partial index. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class UnembeddedPollTest {

    @Inject
    ModelSource source;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldPickUpLivePapersWithoutEmbeddingOldestFirst() {
        String first = TestData.createPaper("Waiting for an embedding, first");
        String second = TestData.createPaper("Waiting for an embedding, second");
        String withdrawn = TestData.createPaper("Withdrawn before it was embedded");
        given().delete("/api/v1/papers/" + withdrawn).then().statusCode(204);

        List<String> waiting = source.unembedded(100_000).stream().map(PaperRecord::id).toList();

        assertThat(waiting).contains(first, second).doesNotContain(withdrawn);
        assertThat(waiting.indexOf(first)).isLessThan(waiting.indexOf(second));
    }

    @Test
    void shouldBeAnsweredFromThePartialIndexRatherThanAScanOfTheCatalogue() throws Exception {
        // A test catalogue is small enough for a sequential scan to be cheapest; with it priced out, the planner
        // still picks the index only if the index's predicate and order match the query.
        StringBuilder plan = new StringBuilder();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL enable_seqscan = off");
            }
            try (PreparedStatement st = c.prepareStatement("EXPLAIN " + ModelSource.UNEMBEDDED)) {
                st.setInt(1, 64);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }
            c.rollback();
        }
        assertThat(plan.toString()).contains("paper_unembedded_idx").doesNotContain("Sort");
    }
}
