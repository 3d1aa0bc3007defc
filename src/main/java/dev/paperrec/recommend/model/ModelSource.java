package dev.paperrec.recommend.model;

import dev.paperrec.common.api.ReferenceIds;
import dev.paperrec.common.db.DatabaseException;
import dev.paperrec.common.db.IdArrayQuery;
import dev.paperrec.interaction.EventType;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads what the engine needs from PostgreSQL: the whole catalogue and event log for a build, and small deltas. */
@ApplicationScoped
public class ModelSource {

    private static final String TEXT_COLUMNS = "id, title, abstract, authors, published_at, upvotes, tags, embedding, url";
    private static final String PAPER_COLUMNS = TEXT_COLUMNS
            + ", ARRAY(SELECT ref FROM paper_reference r WHERE r.paper_id = paper.id ORDER BY position) AS refs";

    /**
     * Served by the partial index {@code paper_unembedded_idx} (Flyway V5); keep the two in step. The embedder reads
     * the text only, so the references are left out.
     */
    static final String UNEMBEDDED = "SELECT " + TEXT_COLUMNS + ", NULL::text[] AS refs FROM paper "
            + "WHERE embedding IS NULL AND withdrawn_at IS NULL ORDER BY created_at, id LIMIT ?";

    private final AgroalDataSource dataSource;

    ModelSource(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Everything a build reads, and which events it saw.
     *
     * @param neighbours         the newest completed batch of precomputed collaborative neighbours, or null when it
     *                           was not asked for or no batch is completed
     * @param citationNeighbours the same for citation neighbours
     */
    public record Snapshot(List<PaperRecord> papers, EventLog interactions, EventHorizon horizon,
                           PrecomputedNeighbours neighbours, PrecomputedNeighbours citationNeighbours) {
    }

    /** A live paper for display: what the API shows next to a recommendation. */
    public record PaperSummary(String id, String title, LocalDate publishedAt) {
    }

    /**
     * Reads every live paper and every event in one repeatable-read transaction, streaming both; with
     * {@code withNeighbours} (and {@code withCitationNeighbours}), also the rows of the newest completed neighbour
     * batch of that kind, in the same transaction so that a writer deleting that batch meanwhile cannot cut the read
     * short. The events go straight into primitive columns ({@link EventLog}); {@code guard} is asked every few
     * thousand rows whether the read may go on.
     */
    public Snapshot snapshot(boolean withNeighbours, boolean withCitationNeighbours, BuildGuard guard) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                try (var st = c.createStatement()) {
                    // Reading millions of events may take longer than the request statement timeout.
                    st.execute("SET LOCAL statement_timeout = 0");
                }
                String visible;
                try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_current_snapshot()::text")) {
                    // Repeatable read: the snapshot taken here is the one every read below sees.
                    rs.next();
                    visible = rs.getString(1);
                }
                List<PaperRecord> papers = new ArrayList<>();
                try (PreparedStatement st = c.prepareStatement(
                        "SELECT " + PAPER_COLUMNS + " FROM paper WHERE withdrawn_at IS NULL")) {
                    st.setFetchSize(2000);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            papers.add(paper(rs));
                            if (papers.size() % 2000 == 0) {
                                guard.check("reading papers");
                            }
                        }
                    }
                }
                EventLog interactions = new EventLog();
                long lastId = 0;
                try (PreparedStatement st = c.prepareStatement(
                        "SELECT id, user_id, paper_id, type, occurred_at FROM interaction ORDER BY id")) {
                    st.setFetchSize(10_000);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            lastId = rs.getLong(1);
                            interactions.add(rs.getString(2), rs.getString(3), EventType.fromWireName(rs.getString(4)),
                                    rs.getTimestamp(5).toInstant());
                            if ((interactions.size() & 0x3FFF) == 0) {
                                guard.check("reading events");
                            }
                        }
                    }
                }
                return new Snapshot(papers, interactions, new EventHorizon(lastId, visible),
                        withNeighbours ? newestNeighbours(c, "collaborative") : null,
                        withCitationNeighbours ? newestNeighbours(c, "citation") : null);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /**
     * The planner's row estimates of the catalogue (withdrawn papers included) and the event log: free to read, and
     * close enough to tell beforehand whether a build can fit in memory; 0 for a table never analysed.
     */
    public Size estimatedSize() {
        try (Connection c = dataSource.getConnection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT reltuples FROM pg_class WHERE oid = 'paper'::regclass), "
                     + "(SELECT reltuples FROM pg_class WHERE oid = 'interaction'::regclass)")) {
            rs.next();
            return new Size(Math.max(0, rs.getLong(1)), Math.max(0, rs.getLong(2)));
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** How many papers and events a build would read. */
    public record Size(long papers, long events) {
    }

    /** The rows of the newest completed batch of a kind, or null when none is completed (docs/scaling.md). */
    private static PrecomputedNeighbours newestNeighbours(Connection c, String kind) throws SQLException {
        PrecomputedNeighbours batch;
        try (PreparedStatement st = c.prepareStatement("SELECT id, completed_at, row_count FROM neighbour_batch "
                + "WHERE kind = ? AND completed_at IS NOT NULL ORDER BY completed_at DESC, id DESC LIMIT 1")) {
            st.setString(1, kind);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                batch = new PrecomputedNeighbours(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                        rs.getObject(3, Long.class));
            }
        }
        try (PreparedStatement st = c.prepareStatement(
                "SELECT paper_id, neighbour_id, similarity, co_readers FROM paper_neighbour WHERE batch_id = ?")) {
            st.setFetchSize(10_000);
            st.setLong(1, batch.batchId());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    batch.add(rs.getString(1), rs.getString(2), rs.getFloat(3), rs.getInt(4));
                }
            }
        }
        return batch;
    }

    /** Live papers among {@code ids}, for the engine to learn about papers added after its build. */
    /**
     * The live catalogue papers that references such as {@code arXiv:2401.00001} or {@code doi:10.1/x} name, by
     * their id or URL, as the citation graph resolves them; a reference naming none is not in the answer.
     */
    public Map<String, String> catalogueIds(Collection<String> references) {
        List<String> patterns = references.stream()
                .map(r -> "%" + r.substring(r.indexOf(':') + 1).replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_") + "%").toList();
        Map<String, String> found = new HashMap<>();
        // Unindexed: a scan of the catalogue, done only for ids that are not catalogue ids.
        for (String[] row : query("SELECT id, url FROM paper WHERE withdrawn_at IS NULL "
                + "AND concat(id, ' ', url) ILIKE ANY(?)", patterns, rs -> new String[]{rs.getString(1), rs.getString(2)})) {
            for (String alias : ReferenceIds.aliases(row[0], row[1])) {
                if (references.contains(alias)) {
                    found.putIfAbsent(alias, row[0]);
                }
            }
        }
        return found;
    }

    public List<PaperRecord> papers(Collection<String> ids) {
        return query("SELECT " + PAPER_COLUMNS + " FROM paper WHERE id = ANY(?) AND withdrawn_at IS NULL", ids,
                ModelSource::paper);
    }

    /**
     * Live papers among {@code ids} with their titles and dates, in no particular order. The first query reads
     * the index only (id, date, last change); titles come from {@code knownTitles} for papers unchanged since
     * {@code unchangedSince}, and from the table for the others.
     */
    public Map<String, PaperSummary> liveSummaries(Collection<String> ids, Instant unchangedSince,
                                                   Function<String, String> knownTitles) {
        Map<String, PaperSummary> live = new HashMap<>();
        List<String> changed = new ArrayList<>();
        for (LiveRow row : query("SELECT id, published_at, updated_at FROM paper WHERE id = ANY(?) "
                + "AND withdrawn_at IS NULL", ids, rs -> new LiveRow(rs.getString(1),
                rs.getObject(2, LocalDate.class), rs.getTimestamp(3).toInstant()))) {
            String title = row.updatedAt().isBefore(unchangedSince) ? knownTitles.apply(row.id()) : null;
            if (title == null) {
                changed.add(row.id());
            } else {
                live.put(row.id(), new PaperSummary(row.id(), title, row.publishedAt()));
            }
        }
        liveSummaries(changed).forEach(summary -> live.put(summary.id(), summary));
        return live;
    }

    private record LiveRow(String id, LocalDate publishedAt, Instant updatedAt) {
    }

    /** Each of {@code ids} with its summary now, or null when it is withdrawn or does not exist. */
    public Map<String, PaperSummary> paperStates(Collection<String> ids) {
        Map<String, PaperSummary> states = new HashMap<>();
        ids.forEach(id -> states.put(id, null));
        liveSummaries(ids).forEach(summary -> states.put(summary.id(), summary));
        return states;
    }

    /** Summaries of the live papers among {@code ids}, read from the table. */
    private List<PaperSummary> liveSummaries(Collection<String> ids) {
        return query("SELECT id, title, published_at FROM paper WHERE id = ANY(?) AND withdrawn_at IS NULL", ids,
                ModelSource::summary);
    }

    /** A summary from the first three columns: id, title, published_at. */
    private static PaperSummary summary(ResultSet rs) throws SQLException {
        return new PaperSummary(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class));
    }

    /** Papers created, changed or withdrawn at or after {@code since}, with their summary now (null: withdrawn). */
    public Map<String, PaperSummary> changedSince(Instant since) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT id, title, published_at, withdrawn_at IS NULL "
                     + "FROM paper WHERE updated_at >= ? OR withdrawn_at >= ?")) {
            st.setTimestamp(1, java.sql.Timestamp.from(since));
            st.setTimestamp(2, java.sql.Timestamp.from(since));
            Map<String, PaperSummary> states = new HashMap<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1), rs.getBoolean(4) ? summary(rs) : null);
                }
            }
            return states;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /**
     * The user's events that {@code horizon}'s snapshot could not see, oldest first: events with a lower id than
     * the newest one it saw are among them when their transaction committed after the snapshot began.
     */
    public List<InteractionRecord> eventsSince(String userId, EventHorizon horizon) {
        String sql = horizon.snapshot() == null
                ? "SELECT paper_id, type, occurred_at FROM interaction WHERE user_id = ? ORDER BY id"
                : "SELECT paper_id, type, occurred_at FROM interaction WHERE user_id = ? "
                        + "AND tx >= pg_snapshot_xmin(?::pg_snapshot) AND NOT pg_visible_in_snapshot(tx, ?::pg_snapshot) "
                        + "ORDER BY id";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, userId);
            if (horizon.snapshot() != null) {
                st.setString(2, horizon.snapshot());
                st.setString(3, horizon.snapshot());
            }
            List<InteractionRecord> events = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    events.add(new InteractionRecord(userId, rs.getString(1), EventType.fromWireName(rs.getString(2)),
                            rs.getTimestamp(3).toInstant()));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** Papers with no stored embedding yet, oldest first. */
    public List<PaperRecord> unembedded(int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement(UNEMBEDDED)) {
            st.setInt(1, limit);
            List<PaperRecord> papers = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    papers.add(paper(rs));
                }
            }
            return papers;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /**
     * Stores embeddings, each only if the paper's text is still the one that was embedded (an edit in between
     * cleared the column and changed the text, so that paper waits for the next round).
     */
    public int storeEmbeddings(List<PaperRecord> papers, List<float[]> vectors) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("UPDATE paper SET embedding = ? WHERE id = ? "
                     + "AND embedding IS NULL AND title = ? AND coalesce(abstract, '') = ?")) {
            for (int i = 0; i < papers.size(); i++) {
                PaperRecord p = papers.get(i);
                float[] v = vectors.get(i);
                Float[] boxed = new Float[v.length];
                for (int k = 0; k < v.length; k++) {
                    boxed[k] = v[k];
                }
                st.setArray(1, c.createArrayOf("real", boxed));
                st.setString(2, p.id());
                st.setString(3, p.title());
                st.setString(4, p.abstractText());
                st.addBatch();
            }
            return Arrays.stream(st.executeBatch()).sum();
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private <T> List<T> query(String sql, Collection<String> ids, IdArrayQuery.RowMapper<T> mapper) {
        return IdArrayQuery.list(dataSource, sql, ids, mapper);
    }

    private static PaperRecord paper(ResultSet rs) throws SQLException {
        return new PaperRecord(rs.getString(1), rs.getString(2), rs.getString(3), strings(rs.getArray(4)),
                rs.getObject(5, LocalDate.class), rs.getLong(6), strings(rs.getArray(7)),
                floats(rs.getArray(8)), rs.getString(9), strings(rs.getArray(10)));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static float[] floats(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Float[] boxed = (Float[]) array.getArray();
        float[] v = new float[boxed.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = boxed[i];
        }
        return v;
    }
}
