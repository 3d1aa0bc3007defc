package dev.paperrec.paper;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperrec.common.db.ChangeNotices;
import dev.paperrec.common.db.DatabaseException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@ApplicationScoped
public class PaperRepository implements PanacheRepositoryBase<Paper, String> {

    private static final String LIVE = "withdrawn_at IS NULL";
    private static final String SEARCH = "search @@ websearch_to_tsquery('english', :q)";
    private static final String NEWEST_FIRST = " ORDER BY published_at DESC NULLS LAST, created_at DESC, id";

    // One statement per chunk: the rows travel as one JSON array, which PostgreSQL expands with their arrays.
    // A changed title or abstract clears the stored embedding so the background embedder recomputes it.
    private static final String UPSERT = """
            INSERT INTO paper (id, title, abstract, authors, published_at, tags, url, upvotes)
            SELECT id, title, abstract, coalesce(authors, '{}'), published_at, coalesce(tags, '{}'), url,
                   coalesce(upvotes, 0)
            FROM jsonb_to_recordset(?::jsonb) AS x(id varchar, title text, abstract text, authors text[],
                 published_at date, tags text[], url text, upvotes bigint)
            ON CONFLICT (id) DO UPDATE SET
                title = excluded.title, abstract = excluded.abstract, authors = excluded.authors,
                published_at = excluded.published_at, tags = excluded.tags, url = excluded.url,
                upvotes = excluded.upvotes, updated_at = now(), withdrawn_at = NULL,
                embedding = CASE WHEN paper.title IS DISTINCT FROM excluded.title
                                   OR paper.abstract IS DISTINCT FROM excluded.abstract
                                 THEN NULL ELSE paper.embedding END
            RETURNING id, (xmax = 0) AS created
            """;
    // Replacing a list is one delete and one insert per chunk, whatever the number of references.
    private static final String CLEAR_REFERENCES = """
            DELETE FROM paper_reference
            WHERE paper_id IN (SELECT id FROM jsonb_to_recordset(?::jsonb) AS x(id varchar))
            """;
    private static final String INSERT_REFERENCES = """
            INSERT INTO paper_reference (paper_id, ref, position)
            SELECT x.id, r.ref, r.n - 1
            FROM jsonb_to_recordset(?::jsonb) AS x(id varchar, refs text[])
            CROSS JOIN LATERAL unnest(x.refs) WITH ORDINALITY AS r(ref, n)
            """;

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    PaperRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public Optional<Paper> findLive(String id) {
        return find("id = ?1 and withdrawnAt is null", id).firstResultOptional();
    }

    @SuppressWarnings("unchecked")
    public List<Paper> listLive(String q, int limit, int offset) {
        String where = q == null ? LIVE : LIVE + " AND " + SEARCH;
        Query query = getEntityManager().createNativeQuery(
                "SELECT * FROM paper WHERE " + where + NEWEST_FIRST + " LIMIT :limit OFFSET :offset", Paper.class);
        if (q != null) {
            query.setParameter("q", q);
        }
        return query.setParameter("limit", limit).setParameter("offset", offset).getResultList();
    }

    public long countLive(String q) {
        String where = q == null ? LIVE : LIVE + " AND " + SEARCH;
        Query query = getEntityManager().createNativeQuery("SELECT count(*) FROM paper WHERE " + where, Long.class);
        if (q != null) {
            query.setParameter("q", q);
        }
        return ((Number) query.getSingleResult()).longValue();
    }

    /** Marks a paper withdrawn; returns false when no such paper exists. */
    public boolean withdraw(String id) {
        boolean found = getEntityManager().createNativeQuery(
                        "UPDATE paper SET withdrawn_at = coalesce(withdrawn_at, now()) WHERE id = :id")
                .setParameter("id", id).executeUpdate() > 0;
        if (found) {
            try (Connection c = dataSource.getConnection()) {
                ChangeNotices.publish(c, ChangeNotices.Kind.PAPER, List.of(id));
            } catch (SQLException e) {
                throw new DatabaseException(e);
            }
        }
        return found;
    }

    /** Ids among {@code ids} that name a paper that exists and is not withdrawn. */
    public Set<String> liveIds(Collection<String> ids, Connection connection) throws SQLException {
        Set<String> live = new HashSet<>();
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT id FROM paper WHERE id = ANY(?) AND withdrawn_at IS NULL")) {
            st.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    live.add(rs.getString(1));
                }
            }
        }
        return live;
    }

    /** Each paper's references in their stored order; papers without any are absent from the map. */
    @SuppressWarnings("unchecked")
    public Map<String, List<String>> references(Collection<String> paperIds) {
        Map<String, List<String>> byPaper = new LinkedHashMap<>();
        if (paperIds.isEmpty()) {
            return byPaper;
        }
        List<Object[]> rows = getEntityManager().createNativeQuery(
                        "SELECT paper_id, ref FROM paper_reference WHERE paper_id IN (:ids) ORDER BY paper_id, position")
                .setParameter("ids", paperIds).getResultList();
        for (Object[] row : rows) {
            byPaper.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((String) row[1]);
        }
        return byPaper;
    }

    /**
     * Creates or replaces papers (ids must be distinct) in the caller's transaction, reinstating withdrawn ones.
     * A paper's references, when given (in stored form, distinct), replace its stored ones. Returns, per id,
     * whether the row was created (true) or updated (false).
     */
    public Map<String, Boolean> upsert(List<PaperInput> papers) {
        List<Row> rows = papers.stream().map(Row::of).toList();
        List<ReferenceRow> references = papers.stream().filter(p -> p.references() != null)
                .map(p -> new ReferenceRow(p.id(), p.references())).toList();
        Map<String, Boolean> outcome = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(UPSERT)) {
            st.setString(1, json.writeValueAsString(rows));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    outcome.put(rs.getString(1), rs.getBoolean(2));
                }
            }
            if (!references.isEmpty()) {
                String referencesJson = json.writeValueAsString(references);
                execute(c, CLEAR_REFERENCES, referencesJson);
                execute(c, INSERT_REFERENCES, referencesJson);
            }
            ChangeNotices.publish(c, ChangeNotices.Kind.PAPER, outcome.keySet());
        } catch (SQLException e) {
            throw new DatabaseException(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Papers could not be serialised", e);
        }
        return outcome;
    }

    /** A work a paper cites, in stored form. */
    public record Citation(String paperId, String ref) {
    }

    /** How many references a paper has, and the position after its last one. */
    public record ReferenceCount(int count, int nextPosition) {
    }

    /**
     * The URLs (possibly null) of the live papers among {@code ids}. Their rows stay locked until the transaction
     * ends, so that concurrent appends to one paper's references queue up instead of racing for positions and
     * the limit.
     */
    public Map<String, String> lockLive(Collection<String> ids) {
        Map<String, String> urls = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT id, url FROM paper WHERE id = ANY(?) AND withdrawn_at IS NULL ORDER BY id FOR UPDATE")) {
            st.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    urls.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
        return urls;
    }

    /** Counts of the papers among {@code paperIds} that have references. */
    public Map<String, ReferenceCount> referenceCounts(Collection<String> paperIds) {
        Map<String, ReferenceCount> counts = new HashMap<>();
        // A join rather than "= ANY(?)": with a chunk's worth of ids, ANY made PostgreSQL compare every row of the
        // table with the whole array.
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("""
                SELECT r.paper_id, count(*), max(r.position)
                FROM paper_reference r JOIN unnest(?::varchar[]) AS x(paper_id) ON r.paper_id = x.paper_id
                GROUP BY r.paper_id
                """)) {
            st.setArray(1, c.createArrayOf("varchar", paperIds.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), new ReferenceCount(rs.getInt(2), rs.getInt(3) + 1));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
        return counts;
    }

    /** The citations among {@code citations} that are already stored. */
    public Set<Citation> stored(Collection<Citation> citations) {
        Set<Citation> stored = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("""
                SELECT r.paper_id, r.ref FROM paper_reference r
                JOIN unnest(?::varchar[], ?::varchar[]) AS x(paper_id, ref) ON r.paper_id = x.paper_id AND r.ref = x.ref
                """)) {
            st.setArray(1, c.createArrayOf("varchar", citations.stream().map(Citation::paperId).toArray()));
            st.setArray(2, c.createArrayOf("varchar", citations.stream().map(Citation::ref).toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    stored.add(new Citation(rs.getString(1), rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
        return stored;
    }

    /**
     * Stores new citations (not stored yet) at the given positions, marks the citing papers changed as an upsert
     * does (a replica catching up after a missed notice reads {@code updated_at}) and announces them.
     */
    public void append(Map<Citation, Integer> positions) {
        if (positions.isEmpty()) {
            return;
        }
        List<Citation> citations = List.copyOf(positions.keySet());
        List<String> citing = citations.stream().map(Citation::paperId).distinct().toList();
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO paper_reference (paper_id, ref, position) "
                     + "SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::int[])");
             PreparedStatement touch = c.prepareStatement("UPDATE paper p SET updated_at = now() "
                     + "FROM unnest(?::varchar[]) AS x(id) WHERE p.id = x.id")) {
            insert.setArray(1, c.createArrayOf("varchar", citations.stream().map(Citation::paperId).toArray()));
            insert.setArray(2, c.createArrayOf("varchar", citations.stream().map(Citation::ref).toArray()));
            insert.setArray(3, c.createArrayOf("int4", citations.stream().map(positions::get).toArray()));
            insert.executeUpdate();
            touch.setArray(1, c.createArrayOf("varchar", citing.toArray()));
            touch.executeUpdate();
            ChangeNotices.publish(c, ChangeNotices.Kind.PAPER, citing);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private static void execute(Connection c, String sql, String jsonParameter) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, jsonParameter);
            st.executeUpdate();
        }
    }

    /** The JSON shape {@code jsonb_to_recordset} reads. */
    record Row(String id, String title, @JsonProperty("abstract") String abstractText, List<String> authors,
               @JsonProperty("published_at") LocalDate publishedAt, List<String> tags, String url, Long upvotes) {
        static Row of(PaperInput p) {
            return new Row(p.id(), p.title(), p.abstractText(), p.authors(), p.publishedAt(), p.tags(), p.url(),
                    p.upvotes());
        }
    }

    /** A paper's new reference list, as {@code INSERT_REFERENCES} reads it. */
    record ReferenceRow(String id, List<String> refs) {
    }
}
