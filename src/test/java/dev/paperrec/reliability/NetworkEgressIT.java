package dev.paperrec.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.paperrec.testsupport.MailLinks;
import dev.paperrec.testsupport.PackagedApp;
import dev.paperrec.testsupport.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service talks to its database and nobody else: the packaged application runs under {@code strace}
 * through start-up, an embedding round (the MiniLM tokenizer must not phone home), recommendations and a model
 * build, and every TCP/UDP connect() of the JVM and its PostgreSQL must go to the loopback database port.
 */
class NetworkEgressIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOGS = Path.of("target", "reliability");
    private static final Pattern INET = Pattern.compile(
            "sa_family=AF_INET, sin_port=htons\\((\\d+)\\), sin_addr=inet_addr\\(\"([^\"]+)\"\\)");
    private static final Pattern INET6 = Pattern.compile(
            "sa_family=AF_INET6, sin6_port=htons\\((\\d+)\\).*?inet_pton\\(AF_INET6, \"([^\"]+)\"");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1", "::ffff:127.0.0.1");

    @TempDir
    Path work;

    @Test
    void shouldConnectOnlyToTheLoopbackDatabaseAndMailServerWhileStartingEmbeddingBuildingAndSending() throws Exception {
        RequiredTools.require(straceWorks(),
                "strace is missing or cannot trace here (install it: apt-get install -y strace)");
        Path trace = LOGS.resolve("network-connect.strace");
        Files.createDirectories(LOGS);
        Files.deleteIfExists(trace);
        int databasePort = PackagedApp.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(PackagedApp.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        int smtpPort = smtp.getSmtp().getPort();
        PackagedApp app = new PackagedApp.Launch().embedded(work.resolve("pg"), databasePort)
                .env("QUARKUS_MAILER_HOST", "127.0.0.1")
                .env("QUARKUS_MAILER_PORT", Integer.toString(smtpPort))
                .env("QUARKUS_MAILER_FROM", "digests@example.org")
                .env("PAPERREC_DIGEST_SCHEDULER_ENABLED", "false")
                .property("paperrec.recommend.embeddings-enabled", "true")
                .property("paperrec.recommend.embedding-poll-interval", "PT1S")
                .wrapper(List.of("strace", "-f", "-qq", "-e", "trace=connect", "-o", trace.toString()))
                .start(LOGS.resolve("network.log"));
        try {
            for (int p = 0; p < 3; p++) {
                HttpResponse<String> put = app.send(app.request("/api/v1/papers/net-" + p)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"Sparse attention " + p + "\",\"abstract\":"
                                + "\"Language models with sparse attention, variant " + p + ".\"}")).build());
                assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
            }
            HttpResponse<String> events = app.send(app.request("/api/v1/events").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[{\"userId\":\"net-user\",\"paperId\":\"net-0\",\"type\":"
                            + "\"read\"},{\"userId\":\"net-user\",\"paperId\":\"net-1\",\"type\":\"upvote\"}]")).build());
            assertThat(events.statusCode()).as(events.body()).isEqualTo(200);

            assertThat(awaitEmbeddedPapers(app, 3)).as("papers embedded by the background round").isEqualTo(3);
            HttpResponse<String> recommendations = app.send(app.request("/api/v1/users/net-user/recommendations").build());
            assertThat(recommendations.statusCode()).as(recommendations.body()).isEqualTo(200);
            HttpResponse<String> similar = app.send(app.request("/api/v1/papers/net-0/similar?strategy=content").build());
            assertThat(similar.statusCode()).as(similar.body()).isEqualTo(200);

            HttpResponse<String> subscribed = app.send(app.request("/api/v1/users/net-user/subscription")
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"email\":\"net-user@example.org\",\"frequency\":"
                            + "\"daily\",\"timezone\":\"Europe/Paris\",\"sendHour\":0}")).build());
            assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
            HttpResponse<String> confirmationRound = app.send(app.request("/api/v1/admin/digests/run")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(JSON.readTree(confirmationRound.body()).path("confirmationsSent").asInt())
                    .as(confirmationRound.body()).isEqualTo(1);
            HttpResponse<String> confirmed = app.send(app.request(MailLinks.confirmPath(smtp.getReceivedMessages()[0]))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
            HttpResponse<String> round = app.send(app.request("/api/v1/admin/digests/run")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(round.statusCode()).as(round.body()).isEqualTo(200);
            assertThat(JSON.readTree(round.body()).path("sent").asInt()).as(round.body()).isEqualTo(1);
            assertThat(smtp.getReceivedMessages()).as("the confirmation and the digest reached the mail server")
                    .hasSize(2);
        } finally {
            app.stop();
            smtp.stop();
        }

        List<String> lines = Files.readAllLines(trace, StandardCharsets.ISO_8859_1);
        Set<String> destinations = new TreeSet<>();
        Set<String> forbidden = new TreeSet<>();
        for (String line : lines) {
            for (Matcher m : List.of(INET.matcher(line), INET6.matcher(line))) {
                if (m.find()) {
                    String destination = m.group(2) + " port " + m.group(1);
                    destinations.add(destination);
                    int port = Integer.parseInt(m.group(1));
                    if (!LOOPBACK.contains(m.group(2)) || port != databasePort && port != smtpPort) {
                        forbidden.add(destination + "   <- " + line);
                    }
                }
            }
        }
        String summary = "connect() destinations (database port " + databasePort + ", SMTP port " + smtpPort + "): "
                + destinations;
        System.out.println(summary);
        Files.writeString(LOGS.resolve("network-summary.txt"), summary + "\n", StandardCharsets.UTF_8);
        assertThat(lines).as("strace recorded the run").isNotEmpty();
        assertThat(destinations).as("the database connections were traced").isNotEmpty();
        assertThat(destinations).as("the SMTP connection was traced")
                .anyMatch(d -> d.endsWith(" port " + smtpPort));
        assertThat(forbidden).as("connections other than to the loopback database and mail server").isEmpty();
    }

    /** Rebuilds the model until it reports {@code expected} embedded papers (the embedder runs in the background). */
    private static int awaitEmbeddedPapers(PackagedApp app, int expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int embedded = 0;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> rebuilt = app.send(app.request("/api/v1/admin/model/rebuild?wait=60")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(rebuilt.statusCode()).as(rebuilt.body()).isEqualTo(200);
            JsonNode model = JSON.readTree(rebuilt.body());
            embedded = model.path("embeddedPapers").asInt();
            if (embedded >= expected) {
                return embedded;
            }
            Thread.sleep(1_000);
        }
        return embedded;
    }

    private static boolean straceWorks() {
        try {
            Process probe = new ProcessBuilder("strace", "-f", "-qq", "-e", "trace=connect", "-o", "/dev/null", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
