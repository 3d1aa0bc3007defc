package dev.paperrec.common.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepDataAcrossRestarts() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0);
             Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres");
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (v text)");
            st.execute("INSERT INTO kept VALUES ('survives')");
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0);
             Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("survives");
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
             Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres")) {
            assertThat(c.isValid(2)).isTrue();
        }
    }

    @Test
    void shouldRefuseADataDirectoryARunningInstanceServesAndLeaveThatServerAlone() throws Exception {
        try (EmbeddedDatabase running = EmbeddedDatabase.start(dir, 0)) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(dir, 0))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by another running instance");
            try (Connection c = DriverManager.getConnection(running.jdbcUrl(), "postgres", "postgres")) {
                assertThat(c.isValid(2)).as("the running server was not stopped").isTrue();
            }
        }
    }

    @Test
    void shouldTellLoopbackHostsWithoutLookingAnyNameUp() {
        assertThat(EmbeddedDatabase.isLoopback("127.0.0.1")).isTrue();
        assertThat(EmbeddedDatabase.isLoopback("localhost")).isTrue();
        assertThat(EmbeddedDatabase.isLoopback("::1")).isTrue();
        assertThat(EmbeddedDatabase.isLoopback("[::1]")).isTrue();
        assertThat(EmbeddedDatabase.isLoopback("0.0.0.0")).isFalse();
        assertThat(EmbeddedDatabase.isLoopback("192.0.2.2")).isFalse();
        assertThat(EmbeddedDatabase.isLoopback("::")).isFalse();
        assertThat(EmbeddedDatabase.isLoopback("cafe")).isFalse();
    }
}
