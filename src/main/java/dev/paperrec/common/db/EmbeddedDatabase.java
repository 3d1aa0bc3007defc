package dev.paperrec.common.db;

import dev.paperrec.common.config.LaunchSettings;
import io.quarkus.runtime.Application;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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
 * Every connection, TCP or unix socket, needs the password of the {@code postgres} user (scram-sha-256), generated
 * at the first start and kept in {@value #PASSWORD_FILE} inside the data directory, readable by its owner only.
 * Digest links are signed, unless the operator set a secret, with one generated the same way and kept in
 * {@value #LINK_SECRET_FILE}, so that links of digests already sent keep working after a restart.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";
    public static final String USER = "postgres";
    /** The password of {@link #USER}, in the data directory: a restart on that directory reads it back. */
    static final String PASSWORD_FILE = "paperrec-password";
    private static final String SCRAM = "scram-sha-256";
    /** Key of digest links on the embedded database when the operator set none, in the data directory. */
    static final String LINK_SECRET_FILE = "paperrec-link-secret";
    /** The scram-only rules initdb writes for a fresh directory, for one an earlier version left trusting. */
    private static final String PG_HBA = """
            # Every connection needs the password of the postgres user (written by paper-recommender).
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    /** The library's own lock file in the data directory, held by the JVM that runs the server. */
    static final String OWNER_LOCK = "epg-lock";
    /** Longer than {@code quarkus.shutdown.timeout}: the application's drain comes first. */
    private static final Duration APPLICATION_STOP_WAIT = Duration.ofSeconds(60);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final String password;
    private volatile boolean closed;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir, String password) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.password = password;
    }

    /** Starts the embedded server and points Quarkus at it, unless a datasource URL is already configured. */
    public static EmbeddedDatabase startIfNoDatasourceConfigured() {
        Optional<String> configured = LaunchSettings.get(URL_PROPERTY);
        if (configured.isPresent()) {
            LOG.infof("Using the configured PostgreSQL at %s; no embedded database started", redact(configured.get()));
            return null;
        }
        Path dir = Path.of(LaunchSettings.get("paperrec.embedded-db.data-dir").orElse("data/postgres")).toAbsolutePath();
        int port = Integer.parseInt(LaunchSettings.get("paperrec.embedded-db.port").orElse("0"));
        EmbeddedDatabase db = start(dir, port);
        System.setProperty(URL_PROPERTY, db.jdbcUrl());
        System.setProperty("quarkus.datasource.username", USER);
        System.setProperty("quarkus.datasource.password", db.password());
        // A start on its own database needs no secret from the operator; a deployment with a real database must
        // set one. A fixed default would let anybody sign links that unsubscribe or confirm.
        if (LaunchSettings.get("paperrec.digest.token-secret").isEmpty()) {
            System.setProperty("paperrec.digest.token-secret", linkSecret(dir));
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
            boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
            boolean trusting = !fresh && trustsConnections(dataDir);
            Optional<String> stored = readPassword(dataDir);
            if (!fresh && !trusting && stored.isEmpty()) {
                throw new IllegalStateException("The embedded PostgreSQL in " + dataDir + " needs a password, but "
                        + dataDir.resolve(PASSWORD_FILE) + " is missing (as after a first start that was cut short): "
                        + "restore the file, or remove the directory to start afresh");
            }
            String password = stored.orElseGet(EmbeddedDatabase::newPassword);
            if (trusting && stored.isEmpty()) {
                // Kept before the server learns it: a crash in between must not lose it.
                writePassword(dataDir, password);
            }
            EmbeddedPostgres postgres = fresh ? startFresh(dataDir, port, password) : builder(dataDir, port, password).start();
            if (fresh) {
                writePassword(dataDir, password);
            }
            if (trusting) {
                postgres = requirePassword(postgres, dataDir, port, password);
            }
            EmbeddedDatabase db = new EmbeddedDatabase(postgres, dataDir, password);
            Runtime.getRuntime().addShutdownHook(new Thread(db::closeAfterApplication, "embedded-postgres-stop"));
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    private static EmbeddedPostgres.Builder builder(Path dataDir, int port, String password) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // One hook, ours, so that the server outlives the application's drain.
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // The library's own readiness check connects too.
                .setConnectConfig("password", password);
        if (port > 0) {
            builder.setPort(port);
        }
        return builder;
    }

    /**
     * initdb with scram for every connection and the password set from the start: the library's initdb options come
     * after its own {@code -A trust}, so {@code --auth} wins. initdb wants an empty directory, so the password file
     * it reads lives outside until the server is up.
     */
    private static EmbeddedPostgres startFresh(Path dataDir, int port, String password) throws IOException {
        Path initPassword = Files.createTempFile("paperrec-initdb", ".pw",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(initPassword, password + "\n", StandardCharsets.UTF_8);
            return builder(dataDir, port, password)
                    .setLocaleConfig("auth", SCRAM)
                    .setLocaleConfig("pwfile", initPassword.toString())
                    .start();
        } finally {
            Files.deleteIfExists(initPassword);
        }
    }

    /**
     * A data directory initialised by an earlier version trusts every local connection: the postgres user gets the
     * password, pg_hba.conf is replaced by the scram one, and the server restarts so that no trusted session is left.
     */
    private static EmbeddedPostgres requirePassword(EmbeddedPostgres trusting, Path dataDir, int port, String password)
            throws IOException {
        try (Connection c = trusting.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("SET password_encryption = '" + SCRAM + "'");
            // A generated password is URL-safe base64: nothing to escape.
            st.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
        } catch (SQLException e) {
            throw new IOException("Could not set the password of the embedded PostgreSQL", e);
        }
        trusting.close();
        Files.writeString(dataDir.resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
        LOG.infof("The embedded PostgreSQL in %s now requires a password for every connection", dataDir);
        return builder(dataDir, port, password).start();
    }

    /** Whether pg_hba.conf lets any connection in without a password. */
    static boolean trustsConnections(Path dataDir) throws IOException {
        Path hba = dataDir.resolve("pg_hba.conf");
        if (!Files.exists(hba)) {
            return false;
        }
        return Files.readAllLines(hba, StandardCharsets.UTF_8).stream()
                .map(line -> line.replaceFirst("#.*", "").strip())
                .filter(line -> !line.isEmpty())
                .anyMatch(line -> List.of(line.split("\\s+")).contains("trust"));
    }

    /** The password of the server in {@code dataDir}, as kept by its first start. */
    public static Optional<String> readPassword(Path dataDir) throws IOException {
        return readSecret(dataDir, PASSWORD_FILE);
    }

    /** The key of digest links kept in {@code dataDir}, generated the first time it is asked for. */
    static String linkSecret(Path dataDir) {
        try {
            Optional<String> stored = readSecret(dataDir, LINK_SECRET_FILE);
            if (stored.isPresent()) {
                return stored.get();
            }
            String secret = newSecret(48);
            writeSecret(dataDir, LINK_SECRET_FILE, secret);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the digest link secret in " + dataDir, e);
        }
    }

    private static Optional<String> readSecret(Path dataDir, String name) throws IOException {
        Path file = dataDir.resolve(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(p -> !p.isEmpty());
    }

    private static void writePassword(Path dataDir, String password) throws IOException {
        writeSecret(dataDir, PASSWORD_FILE, password);
    }

    /** Writes a file only its owner can read, whole or not at all. */
    private static void writeSecret(Path dataDir, String name, String secret) throws IOException {
        Path file = dataDir.resolve(name);
        Path partial = dataDir.resolve(name + ".partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(partial, secret + "\n", StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String newPassword() {
        return newSecret(24);
    }

    private static String newSecret(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The URL without credentials: the user is {@link #USER}, the password {@link #password()}. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, "postgres");
    }

    public String password() {
        return password;
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

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }
}
