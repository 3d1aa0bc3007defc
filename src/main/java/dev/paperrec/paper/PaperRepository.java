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

    /**
     * Creates or replaces papers (ids must be distinct) in the caller's transaction, reinstating withdrawn ones.
     * Returns, per id, whether the row was created (true) or updated (false).
     */
    public Map<String, Boolean> upsert(List<PaperInput> papers) {
        List<Row> rows = papers.stream().map(Row::of).toList();
        Map<String, Boolean> outcome = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(UPSERT)) {
            st.setString(1, json.writeValueAsString(rows));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    outcome.put(rs.getString(1), rs.getBoolean(2));
                }
            }
            ChangeNotices.publish(c, ChangeNotices.Kind.PAPER, outcome.keySet());
        } catch (SQLException e) {
            throw new DatabaseException(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Papers could not be serialised", e);
        }
        return outcome;
    }

    /** The JSON shape {@code jsonb_to_recordset} reads. */
    record Row(String id, String title, @JsonProperty("abstract") String abstractText, List<String> authors,
               @JsonProperty("published_at") LocalDate publishedAt, List<String> tags, String url, Long upvotes) {
        static Row of(PaperInput p) {
            return new Row(p.id(), p.title(), p.abstractText(), p.authors(), p.publishedAt(), p.tags(), p.url(),
                    p.upvotes());
        }
    }
}
