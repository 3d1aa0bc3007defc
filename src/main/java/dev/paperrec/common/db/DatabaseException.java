package dev.paperrec.common.db;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/** A failed JDBC call from the bulk paths, which talk SQL directly; carries whether retrying can help. */
public class DatabaseException extends RuntimeException {

    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /**
     * True when the database was unreachable, shutting down, out of resources, or the pool timed out: a retry
     * later can succeed (SQLSTATE classes 08, 53, 57 and transient exceptions).
     */
    public boolean isTransient() {
        return isTransient((SQLException) getCause());
    }

    /** See {@link #isTransient()}; also used for failures that reach us through Hibernate. */
    public static boolean isTransient(SQLException sql) {
        String state = sql.getSQLState();
        return sql instanceof SQLTransientException
                || state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57"))
                || state == null && sql.getMessage() != null && sql.getMessage().contains("acquisition timeout");
    }
}
