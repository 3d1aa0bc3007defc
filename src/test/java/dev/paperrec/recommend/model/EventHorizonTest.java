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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which events a build saw and which it did not, when two transactions commit out of id order: every committed
 * event is in the snapshot or among the events newer than it, never in neither and never in both.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class EventHorizonTest {

    @Inject
    ModelSource source;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldReadAnEventThatCommittedAfterTheSnapshotWithALowerIdAsNewer() throws SQLException {
        String paper = TestData.createPaper("Commit order of concurrent events");
        String slowUser = TestData.uniqueId("slow");
        String fastUser = TestData.uniqueId("fast");
        ModelSource.Snapshot snapshot;
        long slowId;
        long fastId;
        try (Connection slow = dataSource.getConnection(); Connection fast = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            fast.setAutoCommit(false);
            slowId = insert(slow, slowUser, paper);
            fastId = insert(fast, fastUser, paper);
            fast.commit();
            snapshot = source.snapshot(false, false, BuildGuard.NONE);
            slow.commit();
        }
        assertThat(slowId).as("the slow transaction took the lower id").isLessThan(fastId);
        assertThat(snapshot.horizon().lastEventId()).isGreaterThanOrEqualTo(fastId);
        assertThat(users(snapshot.interactions())).contains(fastUser).doesNotContain(slowUser);

        assertThat(source.eventsSince(slowUser, snapshot.horizon())).as("committed after the snapshot")
                .extracting(InteractionRecord::paperId).containsExactly(paper);
        assertThat(source.eventsSince(fastUser, snapshot.horizon())).as("already in the snapshot").isEmpty();
        assertThat(source.eventsSince(fastUser, EventHorizon.NOTHING)).hasSize(1);
    }

    @Test
    void shouldCountEventsStoredBeforeTransactionsWereRecordedAsSeen() throws SQLException {
        String paper = TestData.createPaper("An event from before the transaction column");
        String user = TestData.uniqueId("old");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            insert(c, user, paper);
            st.executeUpdate("UPDATE interaction SET tx = NULL WHERE user_id = '" + user + "'");
        }
        ModelSource.Snapshot snapshot = source.snapshot(false, false, BuildGuard.NONE);
        assertThat(users(snapshot.interactions())).contains(user);
        assertThat(source.eventsSince(user, snapshot.horizon())).isEmpty();
    }

    private static List<String> users(Iterable<InteractionRecord> events) {
        List<String> users = new java.util.ArrayList<>();
        events.forEach(e -> users.add(e.userId()));
        return users;
    }

    private static long insert(Connection c, String user, String paper) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO interaction (user_id, paper_id, type, occurred_at) "
                + "VALUES (?, ?, 'read', now()) RETURNING id")) {
            st.setString(1, user);
            st.setString(2, paper);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
