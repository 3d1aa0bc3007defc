package dev.paperrec.search;

import dev.paperrec.common.db.DatabaseException;
import dev.paperrec.common.db.IdArrayQuery;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads the live catalogue for the search index: all of it for a build, changed papers afterwards. */
@ApplicationScoped
public class SearchSource {

    private static final String COLUMNS = "id, title, abstract, authors, published_at, tags, url, updated_at";
    private static final int BATCH = 2_000;

    private final AgroalDataSource dataSource;

    SearchSource(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every live paper, handed over in batches. */
    public void allLive(Consumer<List<IndexedPaper>> batches) {
        try (Connection c = dataSource.getConnection()) {
            // PostgreSQL streams with a fetch size only inside a transaction.
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM paper WHERE withdrawn_at IS NULL")) {
                st.setFetchSize(BATCH);
                try (ResultSet rs = st.executeQuery()) {
                    List<IndexedPaper> batch = new ArrayList<>(BATCH);
                    while (rs.next()) {
                        batch.add(paper(rs));
                        if (batch.size() == BATCH) {
                            batches.accept(batch);
                            batch = new ArrayList<>(BATCH);
                        }
                    }
                    batches.accept(batch);
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** The live ones of {@code ids}; an id missing from the answer is withdrawn or unknown. */
    public List<IndexedPaper> live(Collection<String> ids) {
        return IdArrayQuery.list(dataSource, "SELECT " + COLUMNS + " FROM paper WHERE id = ANY(?) AND withdrawn_at IS NULL",
                ids, SearchSource::paper);
    }

    /** Papers written or withdrawn since {@code since}: their version, or null when withdrawn. */
    public Map<String, Instant> changedSince(Instant since) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT id, CASE WHEN withdrawn_at IS NULL THEN updated_at END FROM paper "
                        + "WHERE updated_at >= ? OR withdrawn_at >= ?")) {
            st.setTimestamp(1, Timestamp.from(since));
            st.setTimestamp(2, Timestamp.from(since));
            Map<String, Instant> changed = new HashMap<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Timestamp version = rs.getTimestamp(2);
                    changed.put(rs.getString(1), version == null ? null : version.toInstant());
                }
            }
            return changed;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private static IndexedPaper paper(ResultSet rs) throws SQLException {
        return new IndexedPaper(rs.getString(1), rs.getString(2), rs.getString(3), strings(rs.getArray(4)),
                rs.getObject(5, LocalDate.class), strings(rs.getArray(6)), rs.getString(7),
                rs.getTimestamp(8).toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
