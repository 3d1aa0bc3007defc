package dev.paperrec.interaction;

import dev.paperrec.common.db.ChangeNotices;
import dev.paperrec.common.db.DatabaseException;
import dev.paperrec.paper.PaperRepository;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

@ApplicationScoped
public class InteractionRepository implements PanacheRepositoryBase<Interaction, Long> {

    // One statement per chunk; ON CONFLICT makes a user's replayed eventId a no-op, RETURNING tells what was stored.
    private static final String INSERT = """
            INSERT INTO interaction (event_id, user_id, paper_id, type, occurred_at)
            SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[])
            ON CONFLICT (user_id, event_id) DO NOTHING
            RETURNING type
            """;

    private final AgroalDataSource dataSource;
    private final PaperRepository papers;

    InteractionRepository(AgroalDataSource dataSource, PaperRepository papers) {
        this.dataSource = dataSource;
        this.papers = papers;
    }

    /** What became of a chunk: accepted counts by type, and the events refused for their paper. */
    record Stored(Map<EventType, Long> acceptedByType, List<EventInput> unknownPaper) {
        long accepted() {
            return acceptedByType.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Inserts events (eventIds distinct per user within the list) in the caller's transaction. Events naming an unknown or
     * withdrawn paper are returned, not stored.
     */
    Stored insert(List<EventInput> events) {
        try (Connection c = dataSource.getConnection()) {
            Set<String> paperIds = new HashSet<>();
            events.forEach(e -> paperIds.add(e.paperId()));
            Set<String> live = papers.liveIds(paperIds, c);
            List<EventInput> unknown = new ArrayList<>();
            List<EventInput> valid = new ArrayList<>(events.size());
            for (EventInput e : events) {
                (live.contains(e.paperId()) ? valid : unknown).add(e);
            }
            Map<EventType, Long> byType = new EnumMap<>(EventType.class);
            if (!valid.isEmpty()) {
                try (PreparedStatement st = c.prepareStatement(INSERT)) {
                    int n = valid.size();
                    String[] eventIds = new String[n];
                    String[] users = new String[n];
                    String[] paperCol = new String[n];
                    String[] types = new String[n];
                    Timestamp[] times = new Timestamp[n];
                    for (int i = 0; i < n; i++) {
                        EventInput e = valid.get(i);
                        eventIds[i] = e.eventId();
                        users[i] = e.userId();
                        paperCol[i] = e.paperId();
                        types[i] = e.type().wireName();
                        times[i] = Timestamp.from(e.occurredAt());
                    }
                    st.setArray(1, c.createArrayOf("varchar", eventIds));
                    st.setArray(2, c.createArrayOf("varchar", users));
                    st.setArray(3, c.createArrayOf("varchar", paperCol));
                    st.setArray(4, c.createArrayOf("varchar", types));
                    st.setArray(5, c.createArrayOf("timestamptz", times));
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            byType.merge(EventType.parse(rs.getString(1)).orElseThrow(), 1L, Long::sum);
                        }
                    }
                }
                if (!byType.isEmpty()) {
                    Set<String> users = new LinkedHashSet<>();
                    valid.forEach(e -> users.add(e.userId()));
                    ChangeNotices.publish(c, ChangeNotices.Kind.USER, users);
                }
            }
            return new Stored(byType, unknown);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    List<Interaction> history(String userId, int limit, int offset) {
        return find("userId", Sort.descending("occurredAt", "id"), userId)
                .range(offset, offset + limit - 1).list();
    }

    List<Interaction> all(String userId) {
        return list("userId", Sort.ascending("occurredAt", "id"), userId);
    }

    long eraseUser(String userId) {
        long erased = delete("userId", userId);
        try (Connection c = dataSource.getConnection()) {
            ChangeNotices.publish(c, ChangeNotices.Kind.ERASED, List.of(userId));
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
        return erased;
    }
}
