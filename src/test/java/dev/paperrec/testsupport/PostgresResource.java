package dev.paperrec.testsupport;

import dev.paperrec.common.db.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * One real PostgreSQL per test JVM (the embedded server of the application itself), shared by every
 * Quarkus test: starting it takes seconds, and each test cleans the rows it depends on.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedDatabase database;

    public static synchronized EmbeddedDatabase database() {
        if (database == null) {
            try {
                database = EmbeddedDatabase.start(Files.createTempDirectory("paperrec-test-pg"), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return database;
    }

    /** A connection of its own to the shared server, outside the application's pool. */
    public static Connection connect() throws SQLException {
        EmbeddedDatabase db = database();
        return DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, db.password());
    }

    /** Stops the shared server, as in a database outage; {@link #restart()} brings it back on the same port. */
    public static synchronized void stopServer() {
        database().close();
    }

    public static synchronized void restart() {
        EmbeddedDatabase stopped = database();
        database = EmbeddedDatabase.start(stopped.dataDir(), stopped.port());
    }

    @Override
    public Map<String, String> start() {
        EmbeddedDatabase db = database();
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", EmbeddedDatabase.USER,
                "quarkus.datasource.password", db.password());
    }

    @Override
    public void stop() {
        // Kept for the next Quarkus test class; the JVM shutdown hook stops it.
    }
}
