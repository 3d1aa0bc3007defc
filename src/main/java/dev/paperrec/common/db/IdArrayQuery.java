package dev.paperrec.common.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Rows for a set of ids in one round trip: the ids bound as one array to the query's single {@code ANY(?)}. */
public final class IdArrayQuery {

    /** Reads one row. */
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private IdArrayQuery() {
    }

    public static <T> List<T> list(DataSource dataSource, String sql, Collection<String> ids, RowMapper<T> mapper) {
        if (ids.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }
}
