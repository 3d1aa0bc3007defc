package dev.paperrec.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Import throughput of {@code POST /api/v1/events} against a plain JDBC batch insert of the same rows into the same
 * PostgreSQL, in one run; the ratio is the figure. Not a test: run it against a started service with
 * {@code ./mvnw -q -B -Pbench test-compile exec:java -Dexec.args="..."}. Start the service without model builds or
 * background embeddings, so that nothing else competes for the cores; docs/benchmarks.md has the whole sequence.
 *
 * <pre>
 * --url http://localhost:8080      the running service
 * --key KEY                        an API key with the ingest role
 * --jdbc-url URL                   the service's PostgreSQL (reWriteBatchedInserts=true is added when absent)
 * --jdbc-user U --jdbc-password P  user default postgres; the embedded database's password is in the file
 *                                  paperrec-password of its data directory
 * --interactions F.csv             header user_id,paper_id,type[,occurred_at]; unquoted cells
 * --papers F.jsonl                 imported first through POST /api/v1/papers/import: the service refuses events
 *                                  on unknown papers (omit when the catalogue is already loaded)
 * --chunk 10000                    events per request (about 0.7 MB, far below paperrec.ingest.max-body-bytes)
 * --senders 2                      concurrent requests
 * --jdbc-batch 2000                rows per executeBatch and commit: the service commits paperrec.ingest.chunk-size
 *                                  rows (default 2000) at a time
 * --jdbc-connections N             concurrent JDBC writers, default --senders (like for like)
 * --phases jdbc,csv,jsonl          which paths to measure, in this order
 * </pre>
 *
 * <p>JDBC writes into a scratch table {@code (LIKE interaction INCLUDING ALL)} with its own id sequence and the
 * foreign key to {@code paper} added back, so each row costs the same index and reference checks as in
 * {@code interaction}; the table is dropped afterwards. Every path gets event ids of its own (run prefix, path,
 * row number), so the service really stores each row and its unique index is exercised as on the JDBC side. Rows
 * without {@code occurred_at} get the run's start time. The service's rows stay in its database.
 */
public final class ImportBenchmark {

    private static final String CSV_HEADER = "user_id,paper_id,type,occurred_at,event_id\n";
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);
    private static final int MAX_RATE_LIMIT_WAITS = 100;

    /** One row of the input. {@code occurredAt} is null when the file has no such column or cell. */
    private record Event(String userId, String paperId, String type, String occurredAt) {
    }

    /** Consecutive rows starting at {@code first} (0-based), which numbers their event ids. */
    private record Chunk(int first, List<Event> events) {
    }

    /** Stores chunks; measure asks for one per thread (a thread-safe one may be handed out to all). */
    private interface Writer extends AutoCloseable {
        /** Returns the rows the target reports as stored. */
        long write(Chunk chunk) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /** A measured path. */
    private record Phase(String name, long rows, long stored, int parallel, double seconds) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private final Map<String, String> options;
    private final String runId = "bench-" + Long.toString(System.currentTimeMillis(), 36);
    private final Instant started = Instant.now();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final JsonFactory jsonFactory = new JsonFactory().setRootValueSeparator(null);
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    private ImportBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new ImportBenchmark(options(args)).run();
    }

    private void run() throws Exception {
        Path file = Path.of(required("interactions"));
        List<Event> events = read(file);
        if (options.containsKey("papers")) {
            importPapers(Path.of(options.get("papers")));
        }
        int chunk = number("chunk", 10_000);
        int senders = number("senders", 2);
        int jdbcBatch = number("jdbc-batch", 2000);
        int connections = number("jdbc-connections", senders);
        List<Phase> phases = new ArrayList<>();
        for (String phase : options.getOrDefault("phases", "jdbc,csv,jsonl").split(",")) {
            phases.add(switch (phase.strip()) {
                case "jdbc" -> jdbc(events, jdbcBatch, connections);
                case "csv" -> service("service, CSV", "csv", "text/csv", events, chunk, senders);
                case "jsonl" -> service("service, JSON Lines", "jsonl", "application/x-ndjson", events, chunk, senders);
                default -> throw new IllegalArgumentException("--phases lists jdbc, csv and jsonl, not " + phase);
            });
        }
        System.out.printf(Locale.ROOT, "%nImport of %,d events from %s; requests of %,d events; "
                + "JDBC batches of %,d rows, one commit each%n", events.size(), file, chunk, jdbcBatch);
        print(phases);
        if (duplicates.get() + rejected.get() > 0) {
            System.out.printf(Locale.ROOT, "The service reported %,d duplicates and %,d rejected events%n",
                    duplicates.get(), rejected.get());
        }
    }

    private List<Event> read(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String header = in.readLine();
            List<String> columns = header == null ? List.of() : Arrays.asList(header.strip().split(","));
            int user = columns.indexOf("user_id");
            int paper = columns.indexOf("paper_id");
            int type = columns.indexOf("type");
            int occurredAt = columns.indexOf("occurred_at");
            if (user < 0 || paper < 0 || type < 0) {
                throw new IOException(file + ": expected the header user_id,paper_id,type[,occurred_at]");
            }
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.indexOf('"') >= 0) {
                    throw new IOException(file + ": quoted CSV cells are not supported: " + line);
                }
                String[] cells = line.split(",", -1);
                events.add(new Event(cells[user], cells[paper], cells[type].intern(),
                        occurredAt >= 0 && !cells[occurredAt].isEmpty() ? cells[occurredAt] : null));
            }
        }
        System.out.printf(Locale.ROOT, "Read %,d events from %s%n", events.size(), file);
        return events;
    }

    private void importPapers(Path file) throws IOException, InterruptedException {
        long t = System.nanoTime();
        HttpResponse<String> answer = post("/api/v1/papers/import", "application/x-ndjson",
                HttpRequest.BodyPublishers.ofFile(file));
        JsonNode result = json.readTree(answer.body());
        System.out.printf(Locale.ROOT, "Imported papers from %s in %.1f s: %d created, %d updated, %d rejected%n", file,
                (System.nanoTime() - t) / 1e9, result.path("created").asLong(), result.path("updated").asLong(),
                result.path("rejectedCount").asLong());
    }

    private Phase jdbc(List<Event> events, int batch, int connections) throws Exception {
        String given = required("jdbc-url");
        // The driver's multi-row rewrite is what a bulk loader would use; an explicit setting on the URL wins.
        String url = given.contains("reWriteBatchedInserts") ? given
                : given + (given.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        System.out.println("JDBC URL: " + url.replaceAll("password=[^&]*", "password=***"));
        String table = "interaction_" + runId.replace('-', '_');
        try (Connection admin = connect(options, url); Statement st = admin.createStatement()) {
            st.execute("CREATE TABLE " + table + " (LIKE interaction INCLUDING ALL)");
            // LIKE copies the id default, which would draw on interaction's own sequence.
            st.execute("CREATE SEQUENCE " + table + "_id_seq OWNED BY " + table + ".id");
            st.execute("ALTER TABLE " + table + " ALTER COLUMN id SET DEFAULT nextval('" + table + "_id_seq')");
            st.execute("ALTER TABLE " + table + " ADD FOREIGN KEY (paper_id) REFERENCES paper (id)");
            try {
                String insert = "INSERT INTO " + table + " (event_id, user_id, paper_id, type, occurred_at) "
                        + "VALUES (?, ?, ?, ?, ?)";
                Phase phase = measure("JDBC batch insert", events, batch, connections, () -> jdbcWriter(url, insert));
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    check(phase, rs.getLong(1));
                }
                return phase;
            } finally {
                st.execute("DROP TABLE " + table);
            }
        }
    }

    private Writer jdbcWriter(String url, String insert) throws SQLException {
        Connection c = connect(options, url);
        c.setAutoCommit(false);
        PreparedStatement st = c.prepareStatement(insert);
        Timestamp now = Timestamp.from(started);
        return new Writer() {
            @Override
            public long write(Chunk chunk) throws SQLException {
                List<Event> events = chunk.events();
                for (int i = 0; i < events.size(); i++) {
                    Event e = events.get(i);
                    st.setString(1, eventId("jdbc", chunk.first() + i));
                    st.setString(2, e.userId());
                    st.setString(3, e.paperId());
                    st.setString(4, e.type());
                    st.setTimestamp(5, e.occurredAt() == null ? now : Timestamp.from(Instant.parse(e.occurredAt())));
                    st.addBatch();
                }
                st.executeBatch();
                c.commit();
                return events.size();
            }

            @Override
            public void close() throws SQLException {
                st.close();
                c.close();
            }
        };
    }

    /** A connection to {@code url} as {@code --jdbc-user} with {@code --jdbc-password}. */
    static Connection connect(Map<String, String> options, String url) throws SQLException {
        String password = options.get("jdbc-password");
        if (password == null) {
            throw new IllegalArgumentException("--jdbc-password is required; the embedded database's is in "
                    + "<data dir>/paperrec-password");
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", options.getOrDefault("jdbc-user", "postgres"));
        credentials.setProperty("password", password);
        return DriverManager.getConnection(url, credentials);
    }

    private Phase service(String name, String format, String contentType, List<Event> events, int chunk, int senders)
            throws Exception {
        Writer writer = c -> stored(post("/api/v1/events", contentType,
                HttpRequest.BodyPublishers.ofString(format.equals("csv") ? csv(c) : jsonLines(c))));
        Phase phase = measure(name, events, chunk, senders, () -> writer);
        check(phase, phase.stored());
        return phase;
    }

    private String csv(Chunk chunk) {
        StringBuilder body = new StringBuilder(CSV_HEADER.length() + chunk.events().size() * 72).append(CSV_HEADER);
        for (int i = 0; i < chunk.events().size(); i++) {
            Event e = chunk.events().get(i);
            body.append(e.userId()).append(',').append(e.paperId()).append(',').append(e.type()).append(',')
                    .append(e.occurredAt() == null ? "" : e.occurredAt()).append(',')
                    .append(eventId("csv", chunk.first() + i)).append('\n');
        }
        return body.toString();
    }

    private String jsonLines(Chunk chunk) throws IOException {
        StringWriter body = new StringWriter(chunk.events().size() * 128);
        try (JsonGenerator out = jsonFactory.createGenerator(body)) {
            for (int i = 0; i < chunk.events().size(); i++) {
                Event e = chunk.events().get(i);
                out.writeStartObject();
                out.writeStringField("userId", e.userId());
                out.writeStringField("paperId", e.paperId());
                out.writeStringField("type", e.type());
                if (e.occurredAt() != null) {
                    out.writeStringField("occurredAt", e.occurredAt());
                }
                out.writeStringField("eventId", eventId("jsonl", chunk.first() + i));
                out.writeEndObject();
                out.writeRaw('\n');
            }
        }
        return body.toString();
    }

    private String eventId(String path, int row) {
        return runId + "-" + path + "-" + row;
    }

    /** Reads a batch answer, counting what the service did not store. */
    private long stored(HttpResponse<String> answer) throws IOException {
        JsonNode result = json.readTree(answer.body());
        duplicates.addAndGet(result.path("duplicates").asLong());
        long refused = result.path("rejectedCount").asLong();
        if (refused > 0 && rejected.getAndAdd(refused) == 0) {
            System.out.println("First rejections: " + result.path("rejected"));
        }
        return result.path("accepted").asLong();
    }

    /** Posts a body, waiting out the rate limiter; any other answer than 200 ends the run. */
    private HttpResponse<String> post(String path, String contentType, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(required("url") + path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", contentType).header("Authorization", "Bearer " + required("key"))
                .POST(body).build();
        for (int wait = 0; ; wait++) {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return answer;
            }
            if (answer.statusCode() != 429 || wait == MAX_RATE_LIMIT_WAITS) {
                throw new IOException("POST " + path + " answered " + answer.statusCode() + ": " + answer.body());
            }
            Thread.sleep(1000L * answer.headers().firstValueAsLong("Retry-After").orElse(1));
        }
    }

    /** Writes all events in chunks on {@code parallel} threads, each with a writer of its own; times the whole. */
    private static Phase measure(String name, List<Event> events, int chunkSize, int parallel,
                                 Callable<Writer> writers) throws Exception {
        List<Chunk> chunks = new ArrayList<>();
        for (int first = 0; first < events.size(); first += chunkSize) {
            chunks.add(new Chunk(first, events.subList(first, Math.min(events.size(), first + chunkSize))));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong stored = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        long t = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                running.add(pool.submit(() -> {
                    try (Writer writer = writers.call()) {
                        for (int c; (c = next.getAndIncrement()) < chunks.size(); ) {
                            stored.addAndGet(writer.write(chunks.get(c)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            pool.shutdownNow();
        }
        Phase phase = new Phase(name, events.size(), stored.get(), parallel, (System.nanoTime() - t) / 1e9);
        System.out.printf(Locale.ROOT, "%s: %,d rows in %.2f s%n", name, phase.rows(), phase.seconds());
        return phase;
    }

    private static void check(Phase phase, long stored) {
        if (stored != phase.rows()) {
            System.out.printf(Locale.ROOT, "WARNING %s: %,d of %,d rows stored%n", phase.name(), stored, phase.rows());
        }
    }

    private static void print(List<Phase> phases) {
        Phase jdbc = phases.stream().filter(p -> p.name().startsWith("JDBC")).findFirst().orElse(null);
        System.out.printf("%-22s %10s %10s %8s %9s %10s %8s%n", "path", "rows", "stored", "parallel", "seconds",
                "rows/s", "vs JDBC");
        for (Phase p : phases) {
            System.out.printf(Locale.ROOT, "%-22s %10d %10d %8d %9.2f %10.0f %8s%n", p.name(), p.rows(), p.stored(),
                    p.parallel(), p.seconds(), p.rowsPerSecond(), jdbc == null ? "-"
                            : String.format(Locale.ROOT, "%.2f", p.rowsPerSecond() / jdbc.rowsPerSecond()));
        }
    }

    private int number(String name, int fallback) {
        int value = options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + " must be at least 1");
        }
        return value;
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    /** Every option takes a value: {@code --name value} pairs. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value pairs at " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
