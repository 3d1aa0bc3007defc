package dev.paperrec.common.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepDataAndPasswordAcrossRestarts() throws Exception {
        String password;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0);
             Connection c = connect(db);
             Statement st = c.createStatement()) {
            password = db.password();
            st.execute("CREATE TABLE kept (v text)");
            st.execute("INSERT INTO kept VALUES ('survives')");
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0);
             Connection c = connect(db);
             ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
            assertThat(db.password()).isEqualTo(password);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("survives");
        }
    }

    @Test
    void shouldSignDigestLinksWithASecretOfItsOwnKeptAcrossRestarts(@TempDir Path other) throws Exception {
        String secret = EmbeddedDatabase.linkSecret(dir);

        assertThat(secret).hasSizeGreaterThanOrEqualTo(48);
        assertThat(EmbeddedDatabase.linkSecret(dir)).as("read back, as after a restart").isEqualTo(secret);
        assertThat(EmbeddedDatabase.linkSecret(other)).as("another data directory").isNotEqualTo(secret);
        assertThat(Files.getPosixFilePermissions(dir.resolve(EmbeddedDatabase.LINK_SECRET_FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void shouldRefuseConnectionsWithoutTheGeneratedPassword() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0)) {
            assertRequiresPassword(db);
            assertThat(db.password()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo("postgres");
            assertThat(EmbeddedDatabase.trustsConnections(dir)).isFalse();
            assertThat(Files.getPosixFilePermissions(dir.resolve(EmbeddedDatabase.PASSWORD_FILE)))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        try (EmbeddedDatabase restarted = EmbeddedDatabase.start(dir, 0)) {
            assertRequiresPassword(restarted);
        }
    }

    @Test
    void shouldRequireThePasswordOnADirectoryThatTrustedEveryConnection() throws Exception {
        // What earlier versions left: initdb -A trust, no password.
        try (EmbeddedPostgres trusting = EmbeddedPostgres.builder().setDataDirectory(dir)
                .setCleanDataDirectory(false).start();
             Connection c = trusting.getPostgresDatabase().getConnection();
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (v text)");
            st.execute("INSERT INTO kept VALUES ('survives')");
        }
        assertThat(EmbeddedDatabase.trustsConnections(dir)).isTrue();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0)) {
            assertRequiresPassword(db);
            try (Connection c = connect(db); ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("survives");
            }
        }
        assertThat(EmbeddedDatabase.trustsConnections(dir)).isFalse();
        try (EmbeddedDatabase restarted = EmbeddedDatabase.start(dir, 0)) {
            assertRequiresPassword(restarted);
        }
    }

    @Test
    void shouldStartDespiteAStaleLockWhosePidWasReused() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0)) {
            assertThat(db.port()).isPositive();
        }
        // The PID of this JVM: alive, but not a postgres process, as after a SIGKILL and PID reuse.
        Files.writeString(dir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + dir + "\n");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0);
             Connection c = connect(db)) {
            assertThat(c.isValid(2)).isTrue();
        }
    }

    @Test
    void shouldRefuseADataDirectoryARunningInstanceServesAndLeaveThatServerAlone() throws Exception {
        try (EmbeddedDatabase running = EmbeddedDatabase.start(dir, 0)) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(dir, 0))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by another running instance");
            try (Connection c = connect(running)) {
                assertThat(c.isValid(2)).as("the running server was not stopped").isTrue();
            }
        }
    }

    private static Connection connect(EmbeddedDatabase db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, db.password());
    }

    /** Over TCP, no password and a wrong one are refused; the generated one works. */
    private static void assertRequiresPassword(EmbeddedDatabase db) throws SQLException {
        assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl()).close())
                .as("no password").isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, "postgres").close())
                .as("a wrong password").isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        try (Connection c = connect(db)) {
            assertThat(c.isValid(2)).isTrue();
        }
    }
}
