package dev.paperrec.reliability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperrec.common.db.EmbeddedDatabase;
import dev.paperrec.testsupport.PackagedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad-input campaign against the packaged application: at least 10,000 generated malformed, oversized, wrongly
 * typed, badly encoded and hostile requests across every endpoint. No answer may be a 5xx, every 4xx must be
 * problem+json, and the stored data must be exactly what it was before. Requests that would legitimately change
 * data (a valid paper, an event for an existing paper, erasing a well-formed user id) are never generated: every
 * write request carries at least one defect that must make the service refuse it.
 */
class BadInputCampaignIT {

    static final int REQUESTS = 10_200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOGS = Path.of("target", "reliability");
    private static final List<String> SEED_PAPERS = List.of("campaign-paper-0", "campaign-paper-1", "campaign-paper-2");
    private static final String SEED_USER = "campaign-user";
    /** Small enough to exercise 413 with bodies of about a megabyte. */
    private static final int MAX_BODY_BYTES = 1_048_576;

    private static Path data;
    private static PackagedApp app;
    private static String jdbcUrl;
    private static String jdbcPassword;
    private static Map<String, String> before;
    private static final Map<String, AtomicInteger> perEndpoint = new TreeMap<>();
    private static final Map<Integer, AtomicInteger> statuses = new TreeMap<>();
    private static final List<String> violations = new ArrayList<>();
    private static final AtomicInteger refusedBeforeRouting = new AtomicInteger();

    /** One generated request; {@code endpoint} names the route it aims at, for the report. */
    record Probe(String endpoint, String method, String target, Map<String, String> headers, byte[] body) {
        @Override
        public String toString() {
            String shown = body == null ? "" : " body=" + abbreviate(new String(body, StandardCharsets.UTF_8), 300);
            return method + " " + abbreviate(target, 300) + " " + headers + shown;
        }
    }

    @BeforeAll
    static void startApplication() throws Exception {
        data = Files.createTempDirectory("paperrec-campaign-pg");
        int databasePort = PackagedApp.freePort();
        jdbcUrl = "jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres";
        app = new PackagedApp.Launch().embedded(data, databasePort)
                .env("PAPERREC_INGEST_MAX_BODY_BYTES", Integer.toString(MAX_BODY_BYTES))
                .start(LOGS.resolve("bad-input-campaign.log"));
        jdbcPassword = app.databasePassword();
        for (String id : SEED_PAPERS) {
            HttpResponse<String> put = app.send(app.request("/api/v1/papers/" + id)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"Seed " + id + "\",\"abstract\":\"Sparse "
                            + "attention for language models\",\"publishedAt\":\"2024-05-01\",\"tags\":[\"ml\"]}"))
                    .build());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        }
        HttpResponse<String> events = app.send(app.request("/api/v1/events").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SEED_PAPERS.stream()
                        .map(p -> "{\"userId\":\"" + SEED_USER + "\",\"paperId\":\"" + p + "\",\"type\":\"read\","
                                + "\"eventId\":\"seed-" + p + "\"}")
                        .collect(Collectors.joining(",", "[", "]")))).build());
        assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
        HttpResponse<String> rebuilt = app.send(app.request("/api/v1/admin/model/rebuild?wait=60")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(rebuilt.statusCode()).as(rebuilt.body()).isEqualTo(200);
        before = snapshot();
    }

    @AfterAll
    static void stopApplication() throws IOException {
        if (app != null) {
            app.stop();
        }
        if (data != null) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void shouldRefuseBadInputWithProblemDetailsAndNeverFailNorChangeData() throws Exception {
        long seed = Long.getLong("campaign.seed", System.nanoTime());
        System.out.println("bad-input campaign seed " + seed + " (replay with -Dcampaign.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        Gen<Probe> probes = probes();
        Files.deleteIfExists(LOGS.resolve("bad-input-violations.txt"));
        for (int i = 0; i < REQUESTS; i++) {
            send(probes.next(random));
        }
        Map<String, String> after = snapshot();
        String report = report(seed);
        System.out.println(report);
        Files.writeString(LOGS.resolve("bad-input-campaign.md"), report, StandardCharsets.UTF_8);

        assertThat(violations).as("5xx answers, 4xx answers without problem+json, defective writes stored, or no "
                + "answer (seed " + seed + ")").isEmpty();
        assertThat(after).as("stored data after the campaign").isEqualTo(before);
        assertThat(perEndpoint.values().stream().mapToInt(AtomicInteger::get).sum()).isGreaterThanOrEqualTo(10_000);
        assertThat(perEndpoint).as("every endpoint was probed").hasSize(26);
    }

    private static void send(Probe probe) throws IOException {
        RawHttp.Answer answer = RawHttp.send(app.port(), probe.method(), probe.target(), probe.headers(), probe.body());
        perEndpoint.computeIfAbsent(probe.endpoint(), e -> new AtomicInteger()).incrementAndGet();
        statuses.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
        boolean problemJson = answer.contentType().startsWith("application/problem+json");
        boolean routable = routable(probe.target());
        if (!routable && answer.status() >= 400 && answer.status() < 500 && !problemJson) {
            refusedBeforeRouting.incrementAndGet();
        }
        // Every generated write is defective, so a paper or a single event stored is the service accepting junk.
        boolean stored = answer.status() == 201
                || "PUT /api/v1/papers/{id}".equals(probe.endpoint()) && answer.status() / 100 == 2
                || "PUT /api/v1/users/{u}/subscription".equals(probe.endpoint()) && answer.status() / 100 == 2
                || "DELETE /api/v1/users/{u}".equals(probe.endpoint()) && answer.status() / 100 == 2;
        // Unsubscribe and click-back answer people in a browser, with HTML pages, errors included.
        boolean page = probe.endpoint().contains("/unsubscribe") || probe.endpoint().startsWith("GET /r/");
        // HEAD answers carry no body, so their content type says nothing.
        if (answer.status() == 0 || answer.status() >= 500 || stored
                || routable && answer.status() >= 400 && !problemJson && !page && !"HEAD".equals(probe.method())) {
            String violation = answer.status() + " " + answer.contentType() + " " + answer.bodyText(300) + " <- " + probe;
            violations.add(violation);
            Files.writeString(LOGS.resolve("bad-input-violations.txt"), violation + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    /**
     * Whether the request target is a URI at all: no raw control, space or non-ASCII characters, every {@code %}
     * followed by two hex digits, and a request line within the HTTP codec's 4 KiB. Quarkus and its HTTP codec
     * refuse any other target before routing (400, or 414 for an overlong line) with a bare status and no body;
     * no application code runs for them, so only "no 5xx" is asked of those.
     */
    static boolean routable(String target) {
        if (target.length() > 4_000) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) {
                return false;
            }
            if (c == '%' && !(i + 2 < target.length() && isHex(target.charAt(i + 1)) && isHex(target.charAt(i + 2)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    Gen<Probe> probes() {
        return Gen.frequency(
                Gen.weight(6, listPapers()),
                Gen.weight(5, getPaper()),
                Gen.weight(10, putPaper()),
                Gen.weight(4, withdrawPaper()),
                Gen.weight(9, importPapers()),
                Gen.weight(12, postEvents()),
                Gen.weight(5, userEvents()),
                Gen.weight(4, exportUser()),
                Gen.weight(4, eraseUser()),
                Gen.weight(7, recommendations()),
                Gen.weight(6, similar()),
                Gen.weight(5, trending()),
                Gen.weight(4, semanticScholarLists()),
                Gen.weight(4, semanticScholarForPaper()),
                Gen.weight(3, adminModel()),
                Gen.weight(4, rebuild()),
                Gen.weight(6, wrongMethodOrPath()),
                Gen.weight(5, putSubscription()),
                Gen.weight(2, readSubscription()),
                Gen.weight(2, deleteSubscription()),
                Gen.weight(4, digestPreview()),
                Gen.weight(3, unsubscribePage()),
                Gen.weight(3, unsubscribeOneClick()),
                Gen.weight(3, clickBack()),
                Gen.weight(2, digestRound()))
                .flatMap(probe -> auth().map(auth -> withAuth(probe, auth)));
    }

    // --- Hostile values --------------------------------------------------------------------------------------

    private static final List<String> HOSTILE = List.of(
            "' OR 1=1 --", "'; DROP TABLE paper; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(0)", "../../etc/passwd",
            "..\\..\\windows\\win.ini", "%2e%2e/", "..%2f..%2fetc%2fpasswd", "\u0000", "a\u0000b", "\u0007\u001b[31m",
            "line\r\nX-Injected: 1", "${jndi:ldap://127.0.0.1/a}", "<script>alert(1)</script>", "%s%s%s%n", "{{7*7}}",
            "99999999999999999999999999999999", "-1", "0", "-0", "1e9", "1e999", "NaN", "Infinity", "0x10", "2147483648",
            "-2147483649", "9223372036854775808", "", " ", "\t", "\u00a0", "\u2028", "\u202e", "\ufeff", "\ud83d\ude00",
            "\ud800", "\udfff", "\uffff", "null", "true", "[]", "{}", "\\", "\"", "?", "#", "&", "=", "/", "//", ".",
            "..", "%", "%zz", "+", "*", "P-1D", "2024-02-30", "ÿ", "ǅ", "ﷺ", "٣", "𝟘");

    static Gen<String> hostile() {
        return Gen.frequency(
                Gen.weight(5, Gen.of(HOSTILE)),
                Gen.weight(3, Gen.anyChars(0, 40)),
                Gen.weight(2, Gen.strings('\u0000', '\u001f', 1, 4)
                        .flatMap(c -> Gen.alpha(0, 8).map(s -> s + c + s))),
                Gen.weight(1, Gen.alpha(129, 5_000)),
                Gen.weight(1, Gen.strings('0', '9', 20, 40).flatMap(digits -> Gen.of("", "-").map(sign -> sign + digits))))
                .filter(s -> !s.startsWith("campaign-"));
    }

    /** A paper id that is well formed but names no paper, or a hostile one; never a seeded paper. */
    static Gen<String> absentOrHostilePaperId() {
        return Gen.oneOf(Gen.alphaNumeric(1, 20).map(s -> "nx-" + s),
                hostile());
    }

    static Gen<String> anyPaperId() {
        return Gen.oneOf(absentOrHostilePaperId(), Gen.of(SEED_PAPERS));
    }

    /** Encodes every byte but the unreserved ones, as a client would; some segments are then sent raw. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    /** Path segments as they arrive: percent-encoded, malformed escapes, encoded invalid UTF-8, traversal. */
    static Gen<String> segment(Gen<String> values) {
        return Gen.frequency(
                Gen.weight(8, values.map(BadInputCampaignIT::encode)),
                Gen.weight(2, Gen.of("..", "%2e%2e", "%2E%2E%2F..%2F..%2Fetc%2Fpasswd", "%00",
                        "%ff%fe", "%c0%af", "%ed%a0%80", "%e2%82", "%", "%zz", "%2", "a%2Fb", "..;", ";x=1", "%25",
                        "x%0d%0aSet-Cookie:%20a=b", "%u002e")));
    }

    static Gen<String> badNumber() {
        return Gen.oneOf(Gen.of("-1", "0", "abc", "1e9", "1.5", "", " ", "101", "501", "1001",
                        "100001", "2147483648", "-2147483649", "99999999999999999999", "NaN", "0x10", "+5", "5 ", "٣",
                        "1,2", "%00", "null"),
                Gen.ints(-1_000_000, 1_000_000).map(Object::toString), hostile());
    }

    static Gen<String> query(Map<String, Gen<String>> params) {
        List<Gen<String>> parts = new ArrayList<>();
        params.forEach((name, value) -> parts.add(Gen.oneOf(Gen.just(""),
                value.map(v -> name + "=" + encode(v)), value.map(v -> name + "=" + v.replace(" ", "%20")
                        .replace("#", "%23").replace("\r", "").replace("\n", "")),
                Gen.just(name + "=" + "&" + name + "=-5"))));
        parts.add(Gen.oneOf(Gen.just(""), Gen.of("junk=1", "%zz=%zz", "a[]=1&a[]=2",
                "q=" + "x".repeat(20_000))));
        return r -> {
            String q = parts.stream().map(part -> part.next(r)).filter(s -> !s.isEmpty()).collect(Collectors.joining("&"));
            return q.isEmpty() ? "" : "?" + q;
        };
    }

    // --- Bodies ----------------------------------------------------------------------------------------------

    static Gen<String> contentType(String... fitting) {
        return Gen.oneOf(Gen.of(fitting), Gen.of("application/json; charset=utf-8",
                "application/json; charset=latin1", "text/plain", "application/xml", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", "", "garbage", "application/json;;;", "*/*", "text/csv",
                "application/x-ndjson", "application/octet-stream", "application/problem+json"));
    }

    /** A JSON value of the wrong kind for a string field, or a hostile string. */
    static Gen<Object> anyValue() {
        return Gen.oneOf(hostile().map(s -> (Object) s),
                Gen.of(5, -1L, 1.5, true, false, Double.MAX_VALUE, Long.MIN_VALUE).map(v -> (Object) v),
                Gen.just((Object) List.of("a", 1, List.of())), Gen.just((Object) Map.of("nested", Map.of("x", 1))),
                Gen.just((Object) new java.math.BigInteger("9".repeat(60))));
    }

    /** The ways a paper body breaks the rules; every generated paper body carries at least one. */
    static Gen<Map<String, Object>> defectivePaper() {
        Gen<String> dates = Gen.of("2024-05-01", "2024-02-30", "yesterday", "2024-05-01T00:00:00Z", "+999999999-12-31",
                "0000-00-00");
        Gen<String> urls = Gen.of("https://example.org/a", "javascript:alert(1)", "ftp://x", "http://a b", "//x");
        Gen<String> texts = hostile();
        Gen<Object> values = anyValue();
        Gen<Map<String, Object>> base = r -> {
            Map<String, Object> paper = new LinkedHashMap<>();
            paper.put("title", texts.next(r));
            paper.put("abstract", texts.next(r));
            paper.put("authors", List.of(values.next(r)));
            paper.put("publishedAt", dates.next(r));
            paper.put("url", urls.next(r));
            paper.put("upvotes", Gen.longs(-5, 1_000_000).next(r));
            return paper;
        };
        Gen<String> defect = Gen.of("no-title", "null-title", "blank-title", "numeric-title",
                "array-title", "long-title", "long-abstract", "authors-not-array", "blank-author", "too-many-authors",
                "bad-date", "numeric-date", "too-many-tags", "long-tag", "bad-url", "negative-upvotes",
                "string-upvotes", "huge-upvotes", "fraction-upvotes");
        return r -> {
            Map<String, Object> paper = base.next(r);
            String d = defect.next(r);
            switch (d) {
                case "no-title" -> paper.remove("title");
                case "null-title" -> paper.put("title", null);
                case "blank-title" -> paper.put("title", " \t ");
                case "numeric-title" -> paper.put("title", 42);
                case "array-title" -> paper.put("title", List.of("a"));
                case "long-title" -> paper.put("title", "t".repeat(1_001));
                case "long-abstract" -> paper.put("abstract", "a".repeat(20_001));
                case "authors-not-array" -> paper.put("authors", Map.of("name", "x"));
                case "blank-author" -> paper.put("authors", List.of("ok", "  "));
                case "too-many-authors" -> paper.put("authors", Collections.nCopies(501, "a"));
                case "bad-date" -> paper.put("publishedAt", "2024-13-45");
                case "numeric-date" -> paper.put("publishedAt", 20240501);
                case "too-many-tags" -> paper.put("tags", Collections.nCopies(51, "t"));
                case "long-tag" -> paper.put("tags", List.of("t".repeat(101)));
                case "bad-url" -> paper.put("url", "javascript:alert(1)");
                case "negative-upvotes" -> paper.put("upvotes", -1);
                case "string-upvotes" -> paper.put("upvotes", "7");
                case "huge-upvotes" -> paper.put("upvotes", new java.math.BigInteger("9".repeat(40)));
                default -> paper.put("upvotes", 1.5);
            }
            return paper;
        };
    }

    /** Bodies that are not usable JSON at all, whatever the endpoint. */
    static Gen<byte[]> brokenBody() {
        return Gen.oneOf(
                Gen.just(new byte[0]),
                Gen.bytes(1, 200),
                Gen.of("{", "[", "{\"title\":", "{\"title\":\"x\"", "nul", "{'title':'x'}", "{\"title\":\"x\"}}",
                                "[1,2,", "5", "\"text\"", "null", "true", "{\"title\":\"x\",}", "\u0000\u0000", "\ufeff{}",
                                "{\"title\":\"x\"} trailing", "[{}]", "{}", "[]", "[null]", "[[]]", "[5]")
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Gen.ints(100, 5_000).map(depth -> ("[".repeat(depth) + "]".repeat(depth))
                        .getBytes(StandardCharsets.UTF_8)),
                Gen.ints(100, 5_000).map(depth -> ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth))
                        .getBytes(StandardCharsets.UTF_8)),
                Gen.just(("{\"title\":" + "9".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8)),
                Gen.just(("{\"title\":\"" + "x".repeat(300_000) + "\"").getBytes(StandardCharsets.UTF_8)),
                Gen.of(new byte[]{'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xc3, 0x28, '"', '}'},
                        new byte[]{'[', '{', '"', 'u', 's', 'e', 'r', 'I', 'd', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}', ']'},
                        new byte[]{(byte) 0xed, (byte) 0xa0, (byte) 0x80, '\n', '{', '}'},
                        new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xf0, (byte) 0x28, (byte) 0x8c, (byte) 0x28, '"', '}'}),
                Gen.ints(MAX_BODY_BYTES + 1, MAX_BODY_BYTES + 4_096).map(size -> {
                    byte[] big = new byte[size];
                    Arrays.fill(big, (byte) ' ');
                    big[0] = '[';
                    big[size - 1] = ']';
                    return big;
                }));
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An event that can never be stored: its paper does not exist (or is hostile), plus wrong types and values. */
    static Gen<Map<String, Object>> doomedEvent() {
        Gen<Object> users = Gen.oneOf(hostile().map(s -> (Object) s), anyValue(), Gen.just(SEED_USER));
        Gen<Object> types = Gen.oneOf(Gen.of("read", "upvote", "unupvote", "dismiss", "like", "READ", "", "re ad")
                .map(s -> (Object) s), anyValue());
        Gen<Object> times = Gen.oneOf(Gen.of("2024-05-01T00:00:00Z", "2024-13-45T00:00:00Z", "yesterday",
                "+999999999-12-31T23:59:59Z", "-1", "2024-05-01", "1970-01-01T00:00:00Z", "2999-01-01T00:00:00Z")
                .map(s -> (Object) s), anyValue());
        Gen<Object> eventIds = Gen.oneOf(hostile().map(s -> (Object) s), anyValue());
        Gen<String> papers = absentOrHostilePaperId();
        return r -> {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("userId", users.next(r));
            event.put("paperId", papers.next(r));
            event.put("type", types.next(r));
            event.put("occurredAt", times.next(r));
            event.put("eventId", eventIds.next(r));
            int omit = r.nextInt(32);
            List<String> keys = List.of("userId", "type", "occurredAt", "eventId", "extra");
            for (int bit = 0; bit < keys.size(); bit++) {
                if ((omit & 1 << bit) != 0) {
                    event.remove(keys.get(bit));
                }
            }
            return event;
        };
    }

    static String csvField(String value) {
        // Quoted or bare, decided by the value so a run can be replayed from its seed.
        return (value.hashCode() & 1) == 0 ? value : "\"" + value.replace("\"", "\"\"") + "\"";
    }

    static Gen<byte[]> eventBody(String contentType) {
        Gen<byte[]> structured = switch (contentType) {
            case "text/csv" -> Gen.of("user_id,paper_id,type\n",
                            "user_id,paper_id,type,occurred_at,event_id\n", "", "a,b,c\n", "\ufeffuser_id,paper_id,type\n",
                            "user_id;paper_id;type\n", "user_id,user_id,type\n")
                    .flatMap(header -> doomedEvent().list(1, 10).map(events -> (header + events.stream().map(e -> e.values().stream()
                            .map(v -> csvField(String.valueOf(v))).collect(Collectors.joining(",")))
                            .collect(Collectors.joining("\n"))).getBytes(StandardCharsets.UTF_8)));
            case "application/x-ndjson" -> doomedEvent().list(1, 10).map(events -> events.stream()
                    .map(e -> new String(json(e), StandardCharsets.UTF_8)).collect(Collectors.joining("\n"))
                    .getBytes(StandardCharsets.UTF_8));
            default -> Gen.oneOf(doomedEvent().map(BadInputCampaignIT::json),
                    doomedEvent().list(0, 20).map(BadInputCampaignIT::json));
        };
        return Gen.frequency(Gen.weight(3, structured), Gen.weight(2, brokenBody()));
    }

    static Gen<byte[]> paperBody(boolean lines) {
        Gen<byte[]> structured = lines
                ? absentOrHostilePaperId().flatMap(id -> defectivePaper().list(1, 8).map(papers -> papers.stream().map(p -> {
                    p.put("id", id);
                    return new String(json(p), StandardCharsets.UTF_8);
                }).collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8)))
                : defectivePaper().map(BadInputCampaignIT::json);
        return Gen.frequency(Gen.weight(3, structured), Gen.weight(2, brokenBody()));
    }

    // --- Endpoints -------------------------------------------------------------------------------------------

    static Probe probe(String endpoint, String method, String target, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null && !contentType.isEmpty()) {
            headers.put("Content-Type", contentType);
        }
        return new Probe(endpoint, method, target, headers, body);
    }

    Gen<Probe> listPapers() {
        Map<String, Gen<String>> params = new LinkedHashMap<>();
        params.put("q", hostile());
        params.put("limit", badNumber());
        params.put("offset", badNumber());
        return query(params).map(q -> probe("GET /api/v1/papers", "GET", "/api/v1/papers" + q, null, null));
    }

    Gen<Probe> getPaper() {
        return segment(anyPaperId()).map(id -> probe("GET /api/v1/papers/{id}", "GET", "/api/v1/papers/" + id, null, null));
    }

    Gen<Probe> putPaper() {
        Gen<String> ids = segment(anyPaperId());
        Gen<String> types = contentType("application/json");
        Gen<byte[]> bodies = paperBody(false);
        return r -> probe("PUT /api/v1/papers/{id}", "PUT", "/api/v1/papers/" + ids.next(r), types.next(r),
                bodies.next(r));
    }

    Gen<Probe> withdrawPaper() {
        return segment(absentOrHostilePaperId())
                .map(id -> probe("DELETE /api/v1/papers/{id}", "DELETE", "/api/v1/papers/" + id, null, null));
    }

    Gen<Probe> importPapers() {
        Gen<byte[]> lines = paperBody(true);
        Gen<byte[]> array = paperBody(false);
        return contentType("application/x-ndjson", "application/json").flatMap(type ->
                (type.startsWith("application/x-ndjson") ? lines : array).map(body ->
                        probe("POST /api/v1/papers/import", "POST", "/api/v1/papers/import", type, body)));
    }

    Gen<Probe> postEvents() {
        Map<String, Gen<byte[]>> bodies = Map.of("text/csv", eventBody("text/csv"),
                "application/x-ndjson", eventBody("application/x-ndjson"));
        Gen<byte[]> json = eventBody("application/json");
        return contentType("application/json", "application/x-ndjson", "text/csv").flatMap(type ->
                bodies.getOrDefault(type, json).map(body -> probe("POST /api/v1/events", "POST", "/api/v1/events", type, body)));
    }

    static Gen<String> anyUser() {
        return segment(Gen.oneOf(hostile(), Gen.just(SEED_USER)));
    }

    Gen<Probe> userEvents() {
        Map<String, Gen<String>> params = new LinkedHashMap<>();
        params.put("limit", badNumber());
        params.put("offset", badNumber());
        Gen<String> users = anyUser();
        Gen<String> queries = query(params);
        return r -> probe("GET /api/v1/users/{u}/events", "GET", "/api/v1/users/" + users.next(r) + "/events"
                + queries.next(r), null, null);
    }

    Gen<Probe> exportUser() {
        return anyUser().map(user ->
                probe("GET /api/v1/users/{u}/export", "GET", "/api/v1/users/" + user + "/export", null, null));
    }

    /** User ids the service must refuse, so that no generated DELETE can erase anything for real. */
    static Gen<String> malformedUser() {
        return Gen.oneOf(
                hostile().flatMap(s -> Gen.of("\u0000", "\u0001", "\n", "\u007f", "\u009b", "\t").map(control -> control + s)),
                Gen.alpha(129, 2_000),
                Gen.of(" ", "   ", "\t"));
    }

    /** Only ids the service must refuse: a well-formed id would really be erased (and audited). */
    Gen<Probe> eraseUser() {
        return malformedUser().map(user -> probe("DELETE /api/v1/users/{u}", "DELETE", "/api/v1/users/" + encode(user), null, null));
    }

    /** Malformed ids only, as for erasure: see docs/reliability.md for why well-formed ones are left out. */
    Gen<Probe> deleteSubscription() {
        return malformedUser().map(user -> probe("DELETE /api/v1/users/{u}/subscription", "DELETE",
                "/api/v1/users/" + encode(user) + "/subscription", null, null));
    }

    Gen<Probe> recommendations() {
        Map<String, Gen<String>> params = new LinkedHashMap<>();
        params.put("limit", badNumber());
        params.put("offset", badNumber());
        params.put("strategy", Gen.oneOf(Gen.of("hybrid", "content", "collaborative", "trending",
                "HYBRID", "random", "", "hybrid,content"), hostile()));
        params.put("since", Gen.oneOf(Gen.of("2024-05-01", "2024-02-30", "yesterday", "0000-00-00",
                "+999999999-12-31", "2024-05-01T00:00:00Z", "-1"), hostile()));
        params.put("tag", Gen.oneOf(Gen.just("t".repeat(101)), hostile()));
        Gen<String> users = anyUser();
        Gen<String> queries = query(params);
        return r -> probe("GET /api/v1/users/{u}/recommendations", "GET", "/api/v1/users/" + users.next(r)
                + "/recommendations" + queries.next(r), null, null);
    }

    Gen<Probe> similar() {
        Map<String, Gen<String>> params = new LinkedHashMap<>();
        params.put("limit", badNumber());
        params.put("strategy", Gen.oneOf(Gen.of("hybrid", "content", "collaborative", "trending",
                "Content", "bogus"), hostile()));
        Gen<String> ids = segment(anyPaperId());
        Gen<String> queries = query(params);
        return r -> probe("GET /api/v1/papers/{id}/similar", "GET", "/api/v1/papers/" + ids.next(r)
                + "/similar" + queries.next(r), null, null);
    }

    /** Parameters of the Semantic Scholar compatible calls: limit, fields, and its pool parameter. */
    static Map<String, Gen<String>> semanticScholarParams() {
        Map<String, Gen<String>> params = new LinkedHashMap<>();
        params.put("limit", badNumber());
        params.put("fields", Gen.oneOf(Gen.of("title,authors,year,externalIds", "garbage", "authors.affiliations",
                ",,", "paperId", "citations.title", "title,,title"), hostile()));
        params.put("from", Gen.oneOf(Gen.of("recent", "all-cs", "RECENT", ""), hostile()));
        return params;
    }

    /** Ids in that API's forms, the unsupported ones and broken prefixes included. */
    static Gen<String> semanticScholarIds() {
        return Gen.oneOf(anyPaperId(), Gen.of("ARXIV:2410.12345", "arxiv:", "DOI:10.1145/a/b", "doi:", "DOI:x",
                "CorpusId:215416146", "URL:", "URL:ftp://x", "URL:https://arxiv.org/abs/2410.12345", "URL:https://",
                "MAG:1", "PMID:", "649def34f8be52c8b66281af98ae884c09aef38b"));
    }

    Gen<Probe> semanticScholarLists() {
        Gen<String> queries = query(semanticScholarParams());
        Gen<Object> ids = Gen.oneOf(semanticScholarIds().map(id -> (Object) id), anyValue());
        Gen<Object> lists = Gen.oneOf(Gen.just(List.of()), anyValue(), r -> List.of(ids.next(r), ids.next(r)));
        Gen<byte[]> bodies = Gen.oneOf(r -> json(Map.of("positivePaperIds", lists.next(r), "negativePaperIds",
                lists.next(r))), r -> json(Map.of("negativePaperIds", lists.next(r))), Gen.just("null".getBytes()),
                Gen.just("{\"positivePaperIds\": [\"ARXIV:2410.12345\"".getBytes()));
        Gen<String> paths = Gen.of("/recommendations/v1/papers/", "/recommendations/v1/papers");
        Gen<String> types = contentType("application/json");
        return r -> probe("POST /recommendations/v1/papers/", "POST", paths.next(r) + queries.next(r), types.next(r),
                bodies.next(r));
    }

    Gen<Probe> semanticScholarForPaper() {
        Gen<String> queries = query(semanticScholarParams());
        Gen<String> ids = Gen.oneOf(segment(semanticScholarIds()), semanticScholarIds());
        return r -> probe("GET /recommendations/v1/papers/forpaper/{id}", "GET", "/recommendations/v1/papers/forpaper/"
                + ids.next(r) + queries.next(r), null, null);
    }

    Gen<Probe> trending() {
        Map<String, Gen<String>> params = new LinkedHashMap<>();
        params.put("window", Gen.oneOf(Gen.of("P1D", "P7D", "P30D", "PT1H", "PT0S", "P-1D", "P0D",
                "P366D", "P99999999999D", "PT59M", "1d", "week", "P1Y", "P1M", "-P1D", "PT1H1S", "PT9999999999999H"),
                hostile()));
        params.put("limit", badNumber());
        return query(params).map(q -> probe("GET /api/v1/papers/trending", "GET", "/api/v1/papers/trending" + q, null, null));
    }

    Gen<Probe> adminModel() {
        Map<String, Gen<String>> params = new LinkedHashMap<>();
        params.put("verbose", hostile());
        return query(params).map(q -> probe("GET /api/v1/admin/model", "GET", "/api/v1/admin/model" + q, null, null));
    }

    /** Subscriptions the service must refuse: each body breaks at least one rule. */
    Gen<Probe> putSubscription() {
        String ok = "\"frequency\":\"daily\",\"timezone\":\"Europe/Paris\",\"sendHour\":8";
        Gen<byte[]> bodies = Gen.oneOf(brokenBody(), Gen.of(
                        "{\"email\":\"not-an-address\"," + ok + "}",
                        "{\"email\":\"a b@example.org\"," + ok + "}",
                        "{\"email\":\"a@localhost\"," + ok + "}",
                        "{" + ok + "}",
                        "{\"email\":\"a@example.org\",\"frequency\":\"hourly\",\"timezone\":\"Europe/Paris\",\"sendHour\":8}",
                        "{\"email\":\"a@example.org\",\"frequency\":\"daily\",\"timezone\":\"Mars/Olympus\",\"sendHour\":8}",
                        "{\"email\":\"a@example.org\",\"frequency\":\"daily\",\"timezone\":\"+02:00\",\"sendHour\":8}",
                        "{\"email\":\"a@example.org\",\"frequency\":\"daily\",\"timezone\":\"Europe/Paris\",\"sendHour\":24}",
                        "{\"email\":\"a@example.org\",\"frequency\":\"daily\",\"timezone\":\"Europe/Paris\",\"sendHour\":\"8\"}",
                        "{\"email\":\"a@example.org\",\"frequency\":\"weekly\",\"timezone\":\"Europe/Paris\","
                                + "\"sendHour\":8,\"weekday\":\"FUNDAY\"}")
                .map(s -> s.getBytes(StandardCharsets.UTF_8)));
        Gen<String> users = anyUser();
        return r -> probe("PUT /api/v1/users/{u}/subscription", "PUT",
                "/api/v1/users/" + users.next(r) + "/subscription", "application/json", bodies.next(r));
    }

    Gen<Probe> readSubscription() {
        return anyUser().map(user -> probe("GET /api/v1/users/{u}/subscription", "GET",
                "/api/v1/users/" + user + "/subscription", null, null));
    }

    Gen<Probe> digestPreview() {
        Map<String, Gen<String>> params = new LinkedHashMap<>();
        params.put("format", Gen.oneOf(Gen.of("json", "html", "text", "pdf", "JSON", ""), hostile()));
        Gen<String> users = anyUser();
        Gen<String> queries = query(params);
        return r -> probe("GET /api/v1/users/{u}/digest", "GET", "/api/v1/users/" + users.next(r) + "/digest"
                + queries.next(r), null, null);
    }

    static Gen<String> forgedToken() {
        return Gen.oneOf(hostile(), Gen.alpha(1, 300),
                Gen.of("eyJ1IjoieCJ9.c2ln", "a.b.c", ".", "..", "AAAA.AAAA", "x".repeat(5_000)));
    }

    Gen<Probe> unsubscribePage() {
        return forgedToken().map(t -> probe("GET /unsubscribe", "GET", "/unsubscribe?token=" + encode(t), null, null));
    }

    Gen<Probe> unsubscribeOneClick() {
        return forgedToken().map(t -> probe("POST /unsubscribe", "POST", "/unsubscribe?token=" + encode(t),
                "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click".getBytes(StandardCharsets.UTF_8)));
    }

    Gen<Probe> clickBack() {
        return segment(forgedToken()).map(t -> probe("GET /r/{token}", "GET", "/r/" + t, null, null));
    }

    /** Nobody in the campaign subscribes, so a round finds nothing due and changes nothing. */
    Gen<Probe> digestRound() {
        Map<String, Gen<String>> params = new LinkedHashMap<>();
        params.put("force", hostile());
        return query(params).map(q -> probe("POST /api/v1/admin/digests/run", "POST", "/api/v1/admin/digests/run" + q,
                null, null));
    }

    /** Only waits the service must refuse: a valid one would start a real rebuild. */
    Gen<Probe> rebuild() {
        return badNumber().filter(w -> !validWait(w)).map(w -> probe("POST /api/v1/admin/model/rebuild", "POST",
                "/api/v1/admin/model/rebuild?wait=" + encode(w), null, null));
    }

    private static boolean validWait(String raw) {
        if (raw.isBlank()) {
            return true;
        }
        try {
            int w = Integer.parseInt(raw.trim());
            return w >= 0 && w <= 600;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Methods a route does not have, and paths no route has; none of them can change data. */
    Gen<Probe> wrongMethodOrPath() {
        Gen<String> paths = Gen.oneOf(
                Gen.of("/api/v1/nothing", "/api/v2/papers", "/api/v1/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                        "/api/v1/papers/a/b/c", "/api/v1/users/", "/api/v1/users//events", "/api", "/", "/api/v1/",
                        "/api/v1/admin", "/api/v1/admin/unknown", "/q/unknown", "/api/v1/events/1", "/index.html",
                        "/api/v1/papers/%2e%2e%2f%2e%2e%2fetc%2fpasswd/similar", "//api//v1//papers",
                        "/api/v1/users/x/recommendations/extra", "/api/v1/papers/import/x"),
                segment(hostile()).map(s -> "/api/v1/" + s),
                segment(hostile()).map(s -> "/" + s));
        Gen<Probe> unknownPaths = Gen.of("GET", "POST", "PATCH", "OPTIONS", "HEAD").flatMap(method -> paths.map(path -> probe("unknown paths", method, path, "application/json",
                "POST".equals(method) || "PATCH".equals(method) ? "{}".getBytes(StandardCharsets.UTF_8) : null)));
        Gen<Probe> wrongMethods = Gen.of(
                        "GET /api/v1/events", "DELETE /api/v1/events", "PATCH /api/v1/events", "TRACE /api/v1/events",
                        "POST /api/v1/papers/nx-1", "PATCH /api/v1/papers/campaign-paper-0", "POST /api/v1/papers",
                        "DELETE /api/v1/papers", "PUT /api/v1/papers", "PUT /api/v1/papers/import",
                        "POST /api/v1/users/campaign-user/export", "PUT /api/v1/users/campaign-user",
                        "POST /api/v1/users/campaign-user/events", "DELETE /api/v1/users/campaign-user/events",
                        "POST /api/v1/users/campaign-user/recommendations", "POST /api/v1/papers/trending",
                        "PUT /api/v1/admin/model", "DELETE /api/v1/admin/model", "GET /api/v1/admin/model/rebuild",
                        "PATCH /api/v1/admin/model/rebuild", "POST /api/v1/papers/campaign-paper-0/similar")
                .map(line -> line.split(" ", 2))
                .map(parts -> probe("wrong methods", parts[0], parts[1], "application/json",
                        "GET".equals(parts[0]) || "DELETE".equals(parts[0]) ? null : "{}".getBytes(StandardCharsets.UTF_8)));
        return Gen.oneOf(unknownPaths, wrongMethods);
    }

    // --- Keys and headers ------------------------------------------------------------------------------------

    /** Mostly the valid key; sometimes none, a wrong one, a malformed header, or an odd Accept. */
    static Gen<Map<String, String>> auth() {
        return Gen.frequency(
                Gen.weight(14, Gen.just(Map.of("X-API-Key", PackagedApp.KEY))),
                Gen.weight(3, Gen.of(
                        Map.of("Authorization", "Bearer " + PackagedApp.KEY, "Accept", "application/xml"),
                        Map.of("X-API-Key", PackagedApp.KEY, "Accept", "text/html"),
                        Map.of("X-API-Key", PackagedApp.KEY, "Accept", ";;;,*/*;q=abc"),
                        Map.of("X-API-Key", PackagedApp.KEY, "Accept", "application/problem+json"),
                        Map.of("X-API-Key", PackagedApp.KEY, "Accept-Charset", "latin1", "Accept-Encoding", "gzip, br"),
                        Map.of("X-API-Key", PackagedApp.KEY, "X-Forwarded-For", "' OR 1=1 --"))),
                Gen.weight(2, Gen.of(Map.of(), Map.of("X-API-Key", "wrong"), Map.of("Authorization",
                        "Bearer "), Map.of("Authorization", "Basic YWRtaW46YWRtaW4="), Map.of("X-API-Key", "' OR 1=1 --"),
                        Map.of("Authorization", "Bearer " + "k".repeat(4_000)), Map.of("X-API-Key", " "),
                        Map.of("X-API-Key", PackagedApp.KEY + "\u00ff"))));
    }

    static Probe withAuth(Probe probe, Map<String, String> auth) {
        Map<String, String> headers = new LinkedHashMap<>(probe.headers());
        headers.putAll(auth);
        return new Probe(probe.endpoint(), probe.method(), probe.target(), headers, probe.body());
    }

    // --- Data snapshot and report ----------------------------------------------------------------------------

    /** Row count and checksum of every table the application owns. */
    static Map<String, String> snapshot() throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, EmbeddedDatabase.USER, jdbcPassword);
             Statement statement = db.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            for (String name : names) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, '|' "
                        + "ORDER BY t::text), '')) FROM \"" + name + "\" t")) {
                    rows.next();
                    tables.put(name, rows.getLong(1) + " rows, md5 " + rows.getString(2));
                }
            }
        }
        return tables;
    }

    static String report(long seed) {
        StringBuilder out = new StringBuilder("## Bad-input campaign\n\n| endpoint | requests |\n|---|---:|\n");
        new TreeMap<>(perEndpoint).forEach((e, n) -> out.append("| `").append(e).append("` | ").append(n.get()).append(" |\n"));
        out.append("| **total** | ").append(perEndpoint.values().stream().mapToInt(AtomicInteger::get).sum()).append(" |\n");
        out.append("\n| status | answers |\n|---|---:|\n");
        new TreeMap<>(statuses).forEach((s, n) -> out.append("| ").append(s).append(" | ").append(n.get()).append(" |\n"));
        out.append("\nRefused before routing with a bare 4xx (target not a valid URI, or request line over 4 KiB): ")
                .append(refusedBeforeRouting.get()).append('\n');
        out.append("\nViolations (5xx, 4xx without problem+json, defective write stored, no answer): ").append(violations.size()).append('\n');
        out.append("\nSeed: ").append(seed).append("; tables before and after: ").append(before).append('\n');
        return out.toString();
    }

    static String abbreviate(String s, int max) {
        String printable = s.codePoints().mapToObj(c -> c < 0x20 || c == 0x7f ? String.format("\\x%02x", c)
                : c >= 0xd800 && c <= 0xdfff ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))).collect(Collectors.joining());
        return printable.length() <= max ? printable : printable.substring(0, max) + "...(" + s.length() + " chars)";
    }
}
