package dev.paperrec.testsupport;

import dev.paperrec.common.db.EmbeddedDatabase;
import dev.paperrec.common.security.ApiKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}, built by {@code package} before the
 * integration tests run) as a child process: started the way an operator starts it, and stopped gracefully or
 * killed with SIGKILL like a crashed machine.
 */
public final class PackagedApp implements AutoCloseable {

    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** The all-roles key the child accepts, with a rate high enough that tests never meet the limiter. */
    public static final String KEY = "reliability-test-key";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final int port;
    private final Path log;
    private final Path embeddedDataDir;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private PackagedApp(Process process, int port, Path log, Path embeddedDataDir) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.embeddedDataDir = embeddedDataDir;
    }

    /** What to start: environment, system properties and an optional wrapper command such as strace. */
    public static final class Launch {
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<String> wrapper = new ArrayList<>();
        private Path embeddedDataDir;
        private int port;

        public Launch() {
            env.put("PAPERREC_SECURITY_API_KEYS", "reliability:" + ApiKeys.sha256Hex(KEY) + ":ingest+read+admin:100000");
            env.put("PAPERREC_DEMO_ENABLED", "false");
            // Required outside the embedded start; any 32+ characters do for a test.
            env.put("PAPERREC_DIGEST_TOKEN_SECRET", "packaged-app-test-digest-link-secret");
            properties.put("paperrec.recommend.embeddings-enabled", "false");
        }

        /** Embedded mode: the launcher starts PostgreSQL in this directory, on this port (0: any). */
        public Launch embedded(Path dataDir, int databasePort) {
            embeddedDataDir = dataDir;
            env.put("PAPERREC_EMBEDDED_DB_DATA_DIR", dataDir.toString());
            env.put("PAPERREC_EMBEDDED_DB_PORT", Integer.toString(databasePort));
            return this;
        }

        /** External mode: the application uses this PostgreSQL and starts none. */
        public Launch external(String jdbcUrl, String password) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
            env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedDatabase.USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", password);
            return this;
        }

        /** No API keys at all: what an operator who configures nothing starts. */
        public Launch withoutKeys() {
            env.remove("PAPERREC_SECURITY_API_KEYS");
            return this;
        }

        /** Demo mode switched on, as the README's start command does. */
        public Launch demo() {
            env.put("PAPERREC_DEMO_ENABLED", "true");
            return this;
        }

        /** Leaves an environment variable unset, as an operator who never heard of it does. */
        public Launch unset(String name) {
            env.remove(name);
            return this;
        }

        public Launch env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Launch property(String name, String value) {
            properties.put(name, value);
            return this;
        }

        public Launch wrapper(List<String> command) {
            wrapper.addAll(command);
            return this;
        }

        public Launch port(int httpPort) {
            port = httpPort;
            return this;
        }

        /** Starts the jar and waits until {@code /q/health/ready} answers 200. */
        public PackagedApp start(Path log) {
            if (!Files.isRegularFile(JAR)) {
                throw new IllegalStateException(JAR + " is missing: integration tests run after 'package'");
            }
            int httpPort = port > 0 ? port : freePort();
            List<String> command = new ArrayList<>(wrapper);
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx512m");
            command.add("-Dquarkus.http.port=" + httpPort);
            properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add("-jar");
            command.add(JAR.toAbsolutePath().toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            // Nothing inherited may point the child at another database or key set.
            builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("PAPERREC_"));
            builder.environment().putAll(env);
            try {
                Files.createDirectories(log.getParent());
                PackagedApp app = new PackagedApp(builder.start(), httpPort, log, embeddedDataDir);
                app.awaitReady();
                return app;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    public HttpClient http() {
        return http;
    }

    /** A request to this application carrying the test key. */
    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60)).header("X-API-Key", KEY);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The application exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(uri("/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        crash();
        throw new IllegalStateException("The application was not ready within " + START_TIMEOUT + ":\n" + logTail());
    }

    /** The last lines of the child's output, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The PID of the JVM running the application (the child itself, or the wrapper's child). */
    public ProcessHandle jvm() {
        return process.toHandle().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElse(process.toHandle());
    }

    /** SIGTERM to the JVM, as an orchestrator stops it; waits for it and any wrapper to exit. */
    public void stop() {
        jvm().destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                crash();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SIGKILL to the JVM and, in embedded mode, to the PostgreSQL server and its backends too, as when the machine
     * loses power: a killed JVM alone would leave the daemonized postmaster running and holding the data directory.
     * Returns the PIDs killed.
     */
    public Set<Long> crash() {
        Set<ProcessHandle> victims = new LinkedHashSet<>();
        victims.add(process.toHandle());
        process.toHandle().descendants().forEach(victims::add);
        postmaster().ifPresent(pm -> {
            victims.add(pm);
            pm.descendants().forEach(victims::add);
        });
        killAll(victims);
        Set<Long> pids = new LinkedHashSet<>();
        victims.forEach(v -> pids.add(v.pid()));
        return pids;
    }

    /**
     * SIGKILL to the JVM (and any wrapper) alone, as the kernel's OOM killer does: the embedded PostgreSQL server,
     * started detached, lives on. Returns that server's postmaster, if there was one.
     */
    public java.util.Optional<ProcessHandle> killJvm() {
        java.util.Optional<ProcessHandle> server = postmaster();
        Set<ProcessHandle> victims = new LinkedHashSet<>();
        victims.add(process.toHandle());
        process.toHandle().descendants().filter(p -> server.map(pm -> pm.pid() != p.pid()).orElse(true))
                .forEach(victims::add);
        killAll(victims);
        return server;
    }

    /** SIGKILL to each, then waits until every one has exited. */
    private static void killAll(Set<ProcessHandle> victims) {
        victims.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle victim : victims) {
            try {
                victim.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Process " + victim.pid() + " survived SIGKILL", e);
            }
        }
    }

    /** The embedded server's port, from the fourth line of its lock file. */
    public int databasePort() {
        try {
            return Integer.parseInt(Files.readAllLines(embeddedDataDir.resolve("postmaster.pid"),
                    StandardCharsets.UTF_8).get(3).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The password of the embedded server, from its data directory. */
    public String databasePassword() {
        try {
            return EmbeddedDatabase.readPassword(embeddedDataDir).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The embedded server's postmaster, from the PID on the first line of its lock file. */
    public java.util.Optional<ProcessHandle> postmaster() {
        if (embeddedDataDir == null) {
            return java.util.Optional.empty();
        }
        Path lock = embeddedDataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(lock, StandardCharsets.UTF_8);
            return lines.isEmpty() ? java.util.Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
