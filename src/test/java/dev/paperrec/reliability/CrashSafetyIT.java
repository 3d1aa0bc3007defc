package dev.paperrec.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperrec.common.db.EmbeddedDatabase;
import dev.paperrec.testsupport.PackagedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Acknowledged means committed", checked against real crashes of the packaged application: events stream in
 * from two clients, everything is killed with SIGKILL mid-stream, the service restarts on the same data, and every
 * acknowledged event must be there exactly once; re-sending everything must add no duplicate.
 */
class CrashSafetyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 50;
    private static final int CLIENTS = 2;
    private static final int PAPERS = 5;
    private static final int USERS = 20;
    /** Events acknowledged before the kill; enough that the kill lands amid steady traffic. */
    private static final int ACKNOWLEDGED_BEFORE_CRASH = 2_000;
    private static final Path LOGS = Path.of("target", "reliability");
    /** Kill-the-JVM-only rounds, each during ingest; every restart must be ready within 60 s. */
    private static final int JVM_KILL_ROUNDS = 20;
    private static final int JVM_ONLY_BEFORE_KILL = 300;

    @TempDir
    Path work;

    @Test
    void shouldKeepAcknowledgedEventsExactlyOnceAcrossCrashesOfTheEmbeddedDatabase() throws Exception {
        Path data = work.resolve("pg");
        int databasePort = PackagedApp.freePort();
        PackagedApp.Launch launch = new PackagedApp.Launch().embedded(data, databasePort);
        Ledger ledger = new Ledger("embedded");

        PackagedApp first = launch.start(LOGS.resolve("crash-embedded-1.log"));
        seedPapers(first);
        Set<Long> killed = streamUntilCrash(first, ledger);
        assertThat(killed).as("JVM, postmaster and backends killed").hasSizeGreaterThan(2);
        assertThat(data.resolve("postmaster.pid")).as("a killed server leaves its lock behind").exists();

        // The lock names a dead PID: the launcher has to clear it by itself.
        PackagedApp second = launch.start(LOGS.resolve("crash-embedded-2.log"));
        assertThat(LOGS.resolve("crash-embedded-2.log")).content().contains("Removing stale PostgreSQL lock");
        streamUntilCrash(second, ledger);

        // After a reboot the dead postmaster's PID may belong to an unrelated live process.
        overwriteLockPid(data.resolve("postmaster.pid"), ProcessHandle.current().pid());
        try (PackagedApp third = launch.start(LOGS.resolve("crash-embedded-3.log"))) {
            assertThat(LOGS.resolve("crash-embedded-3.log")).content().contains("Removing stale PostgreSQL lock");
            verifyAndResend(third, "jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres",
                    third.databasePassword(), ledger);
        }
    }

    @Test
    void shouldRestartPromptlyWithNothingLostWhenOnlyTheJvmIsKilled() throws Exception {
        Path data = work.resolve("pg-jvm-only");
        int fixedPort = PackagedApp.freePort();
        Ledger ledger = new Ledger("jvm");
        List<Long> readyMillis = new ArrayList<>();
        PackagedApp app = new PackagedApp.Launch().embedded(data, fixedPort)
                .start(LOGS.resolve("crash-jvm-0.log"));
        seedPapers(app);
        for (int round = 1; round <= JVM_KILL_ROUNDS; round++) {
            PackagedApp victim = app;
            streamUntil(victim, ledger, JVM_ONLY_BEFORE_KILL, () -> {
                ProcessHandle server = victim.killJvm().orElseThrow();
                assertThat(server.isAlive()).as("the postmaster outlives the killed JVM").isTrue();
            });
            // Alternate a fixed port (where the new JVM could silently use the old server) and a random one.
            int port = round % 2 == 0 ? 0 : fixedPort;
            Path log = LOGS.resolve("crash-jvm-" + round + ".log");
            long started = System.nanoTime();
            app = new PackagedApp.Launch().embedded(data, port).start(log);
            readyMillis.add((System.nanoTime() - started) / 1_000_000);
            assertThat(log).content().contains("left by an earlier run", "Stopped the earlier PostgreSQL server");
        }
        try (PackagedApp last = app) {
            verifyAndResend(last, "jdbc:postgresql://127.0.0.1:" + last.databasePort() + "/postgres",
                    last.databasePassword(), ledger);
        }
        String ready = String.format("kill-the-JVM-only: %d rounds, ready after restart in %s ms (max %d)",
                JVM_KILL_ROUNDS, readyMillis, readyMillis.stream().mapToLong(Long::longValue).max().orElse(0));
        System.out.println(ready);
        Files.writeString(LOGS.resolve("crash-jvm-ready.txt"), ready + "\n", StandardCharsets.UTF_8);
        assertThat(readyMillis).as("every restart is ready within 60 s").allMatch(ms -> ms <= 60_000);
        // A graceful stop drains the application before the server goes: both logged, in that order.
        String lastLog = Files.readString(LOGS.resolve("crash-jvm-" + JVM_KILL_ROUNDS + ".log"));
        assertThat(lastLog).contains("Embedded PostgreSQL stopped");
        assertThat(lastLog.indexOf("Embedded PostgreSQL stopped")).as("the database stops after Quarkus")
                .isGreaterThan(lastLog.lastIndexOf("stopped in"));
        assertThat(data.resolve("postmaster.pid")).as("a clean stop leaves no server behind").doesNotExist();
    }

    @Test
    void shouldKeepAcknowledgedEventsExactlyOnceAcrossACrashWithAnExternalDatabase() throws Exception {
        EmbeddedDatabase external = EmbeddedDatabase.start(work.resolve("external-pg"), 0);
        try {
            String url = "jdbc:postgresql://127.0.0.1:" + external.port() + "/postgres";
            PackagedApp.Launch launch = new PackagedApp.Launch().external(url, external.password());
            Ledger ledger = new Ledger("external");

            PackagedApp first = launch.start(LOGS.resolve("crash-external-1.log"));
            seedPapers(first);
            streamUntilCrash(first, ledger);

            try (PackagedApp second = launch.start(LOGS.resolve("crash-external-2.log"))) {
                verifyAndResend(second, url, external.password(), ledger);
            }
        } finally {
            external.close();
        }
    }

    /** What the clients sent and which events the service acknowledged. */
    private static final class Ledger {
        final String name;
        final Map<String, String> sent = new ConcurrentHashMap<>();
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        int round;

        Ledger(String name) {
            this.name = name;
        }
    }

    private static void seedPapers(PackagedApp app) {
        for (int p = 0; p < PAPERS; p++) {
            HttpResponse<String> put = app.send(app.request("/api/v1/papers/crash-paper-" + p)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"Crash safety paper " + p + "\"}")).build());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        }
    }

    /** Streams batches from {@link #CLIENTS} threads and kills everything once enough are acknowledged. */
    private static Set<Long> streamUntilCrash(PackagedApp app, Ledger ledger) throws InterruptedException {
        Set<Long> killed = new java.util.LinkedHashSet<>();
        streamUntil(app, ledger, ACKNOWLEDGED_BEFORE_CRASH, () -> killed.addAll(app.crash()));
        return killed;
    }

    /** Streams batches from {@link #CLIENTS} threads and runs {@code kill} once {@code before} are acknowledged. */
    private static void streamUntil(PackagedApp app, Ledger ledger, int before, Runnable kill)
            throws InterruptedException {
        int round = ++ledger.round;
        int acknowledgedBefore = ledger.acknowledged.size();
        AtomicBoolean crashed = new AtomicBoolean();
        List<Throwable> failures = new ArrayList<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                for (int seq = 0; !crashed.get(); seq++) {
                    List<String> ids = new ArrayList<>();
                    StringBuilder body = new StringBuilder("[");
                    for (int i = 0; i < BATCH; i++) {
                        String eventId = ledger.name + "-r" + round + "-c" + client + "-" + seq + "-" + i;
                        String event = event(eventId, seq * BATCH + i);
                        ledger.sent.put(eventId, event);
                        ids.add(eventId);
                        body.append(i == 0 ? "" : ",").append(event);
                    }
                    body.append(']');
                    try {
                        HttpResponse<String> answer = app.http().send(app.request("/api/v1/events")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() / 100 == 2) {
                            JsonNode result = JSON.readTree(answer.body());
                            assertThat(result.path("rejectedCount").asLong()).as(answer.body()).isZero();
                            ledger.acknowledged.addAll(ids);
                        }
                    } catch (IOException e) {
                        if (!crashed.get()) {
                            synchronized (failures) {
                                failures.add(e);
                            }
                        }
                        return;
                    } catch (InterruptedException e) {
                        return;
                    } catch (AssertionError e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                        return;
                    }
                }
            }, "crash-client-" + c);
            thread.start();
            clients.add(thread);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ledger.acknowledged.size() - acknowledgedBefore < before
                && System.nanoTime() < deadline && clients.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(20);
        }
        // Failures from here on are the crash itself, not the service misbehaving.
        crashed.set(true);
        kill.run();
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(90).toMillis());
        }
        assertThat(failures).as("client failures before the crash").isEmpty();
        assertThat(ledger.acknowledged.size() - acknowledgedBefore).as("events acknowledged before the crash")
                .isGreaterThanOrEqualTo(before);
    }

    private static String event(String eventId, int n) {
        String[] types = {"read", "upvote", "dismiss", "read"};
        return "{\"eventId\":\"" + eventId + "\",\"userId\":\"crash-user-" + (n % USERS) + "\",\"paperId\":\"crash-paper-"
                + (n % PAPERS) + "\",\"type\":\"" + types[n % types.length] + "\"}";
    }

    private static void verifyAndResend(PackagedApp app, String jdbcUrl, String password, Ledger ledger)
            throws Exception {
        Map<String, Integer> stored = storedCounts(jdbcUrl, password, ledger.name);
        assertThat(stored.values()).as("no eventId stored twice").allMatch(c -> c == 1);
        assertThat(stored.keySet()).as("every acknowledged event survived the crashes")
                .containsAll(ledger.acknowledged);
        assertThat(ledger.sent.keySet()).as("only events that were sent are stored").containsAll(stored.keySet());

        long accepted = 0;
        long duplicates = 0;
        List<String> all = new ArrayList<>(ledger.sent.values());
        for (int from = 0; from < all.size(); from += BATCH) {
            String body = "[" + String.join(",", all.subList(from, Math.min(all.size(), from + BATCH))) + "]";
            HttpResponse<String> answer = app.send(app.request("/api/v1/events")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode result = JSON.readTree(answer.body());
            assertThat(result.path("rejectedCount").asLong()).as(answer.body()).isZero();
            accepted += result.path("accepted").asLong();
            duplicates += result.path("duplicates").asLong();
        }
        Map<String, Integer> after = storedCounts(jdbcUrl, password, ledger.name);

        String summary = String.format("crash safety (%s): sent %d distinct events, acknowledged %d, stored after "
                        + "the crashes %d; re-sent all: %d accepted, %d duplicates; stored now %d, stored twice %d",
                ledger.name, ledger.sent.size(), ledger.acknowledged.size(), stored.size(), accepted, duplicates,
                after.size(), after.values().stream().filter(c -> c > 1).count());
        System.out.println(summary);
        Files.writeString(LOGS.resolve("crash-" + ledger.name + "-summary.txt"), summary + "\n", StandardCharsets.UTF_8);

        assertThat(duplicates).as("already stored events are duplicates on re-send").isEqualTo(stored.size());
        assertThat(accepted).as("the rest is stored now").isEqualTo(ledger.sent.size() - stored.size());
        assertThat(after).hasSize(ledger.sent.size());
        assertThat(after.values()).allMatch(c -> c == 1);
    }

    private static Map<String, Integer> storedCounts(String jdbcUrl, String password, String prefix)
            throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, EmbeddedDatabase.USER, password);
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT event_id, count(*) FROM interaction WHERE event_id LIKE '"
                     + prefix + "-%' GROUP BY event_id")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    private static void overwriteLockPid(Path lock, long pid) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(lock, StandardCharsets.UTF_8));
        lines.set(0, Long.toString(pid));
        Files.write(lock, lines, StandardCharsets.UTF_8);
    }
}
