package dev.paperrec.replicas;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.paperrec.common.db.EmbeddedDatabase;
import dev.paperrec.testsupport.MailLinks;
import dev.paperrec.testsupport.PackagedApp;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the packaged service on different ports against one PostgreSQL and one SMTP server, as two
 * replicas behind a Kubernetes Service.
 */
class MultiReplicaIT {

    private static final Pattern SENT = Pattern.compile("\"sent\":(\\d+)");

    @TempDir
    Path dir;

    @Test
    void shouldServeOneUserConsistentlyFromTwoReplicasAndSendOneDigest() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(PackagedApp.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), 0)) {
            CompletableFuture<PackagedApp> startA = CompletableFuture.supplyAsync(
                    () -> replica(db, smtp).start(dir.resolve("a.log")));
            // B reads what changed since its build per request; A answers from memory and hears B's notices.
            CompletableFuture<PackagedApp> startB = CompletableFuture.supplyAsync(
                    () -> replica(db, smtp).env("PAPERREC_RECOMMEND_CHANGE_FEED", "false").start(dir.resolve("b.log")));
            // Both start at once against an empty database: migrations and first builds must not collide.
            try (PackagedApp a = startA.join(); PackagedApp b = startB.join()) {
                List<String> topic = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    String id = "replica-topic-" + i;
                    put(a, "/api/v1/papers/" + id, "{\"title\":\"Replicated lattice spectra volume " + i
                            + "\",\"abstract\":\"Spectra of replicated lattices, part " + i + "\"}", 201);
                    topic.add(id);
                }
                for (int reader = 0; reader < 3; reader++) {
                    for (String paper : topic) {
                        event(a, "reader-" + reader, paper, "upvote");
                    }
                }
                rebuild(a);
                rebuild(b);

                event(a, "alice", topic.get(0), "upvote");
                assertThat(recommended(a, "alice")).doesNotContain(topic.get(0)).contains(topic.get(1));
                List<String> fromB = recommended(b, "alice");
                assertThat(fromB).doesNotContain(topic.get(0)).contains(topic.get(1));

                event(b, "alice", topic.get(1), "read");
                List<String> fromA = recommendedOnceNoticed(a, "alice", topic.get(1));
                assertThat(fromA).doesNotContain(topic.get(0), topic.get(1)).contains(topic.get(2));

                assertThat(app(b, "/api/v1/papers/" + topic.get(2), "DELETE")).isEqualTo(204);
                assertThat(recommendedOnceNoticed(a, "alice", topic.get(2))).contains(topic.get(3));
                assertThat(recommended(b, "alice")).doesNotContain(topic.get(2));

                put(a, "/api/v1/users/alice/subscription", "{\"email\":\"alice@example.org\",\"frequency\":\"daily\","
                        + "\"timezone\":\"Europe/Paris\",\"sendHour\":0}", 201);
                // Double opt-in: a round sends the confirmation, alice follows it on the other replica.
                assertThat(sent(post(b, "/api/v1/admin/digests/run"))).as("nothing before confirmation").isZero();
                smtp.waitForIncomingEmail(10_000, 1);
                MimeMessage confirmation = Arrays.stream(smtp.getReceivedMessages()).filter(MultiReplicaIT::toAlice)
                        .findFirst().orElseThrow();
                assertThat(app(a, MailLinks.confirmPath(confirmation), "POST")).isEqualTo(200);
                CompletableFuture<String> roundA = CompletableFuture.supplyAsync(() -> post(a, "/api/v1/admin/digests/run"));
                CompletableFuture<String> roundB = CompletableFuture.supplyAsync(() -> post(b, "/api/v1/admin/digests/run"));
                int sent = sent(roundA.join()) + sent(roundB.join());
                // A send that failed is retried after the backoff; whichever round sends it, there must be one.
                long deadline = System.currentTimeMillis() + 60_000;
                while (sent == 0 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(1_500);
                    sent += sent(post(b, "/api/v1/admin/digests/run"));
                }

                assertThat(sent).as("digests sent by both rounds together").isEqualTo(1);
                smtp.waitForIncomingEmail(10_000, 2);
                long toAlice = Arrays.stream(smtp.getReceivedMessages()).filter(MultiReplicaIT::toAlice).count();
                assertThat(toAlice).as("the confirmation, then one digest").isEqualTo(2);
            }
        } finally {
            smtp.stop();
        }
    }

    private static PackagedApp.Launch replica(EmbeddedDatabase db, GreenMail smtp) {
        return new PackagedApp.Launch().external(db.jdbcUrl(), db.password())
                .env("QUARKUS_MAILER_HOST", "127.0.0.1")
                .env("QUARKUS_MAILER_PORT", Integer.toString(smtp.getSmtp().getPort()))
                .env("QUARKUS_MAILER_FROM", "digests@example.org")
                .env("PAPERREC_DIGEST_SCHEDULER_ENABLED", "false")
                .env("PAPERREC_DIGEST_RETRY_BACKOFF", "PT1S")
                .env("PAPERREC_DIGEST_SEND_TIMEOUT", "PT5S");
    }

    private static boolean toAlice(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(r -> r.toString().contains("alice@example.org"));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int sent(String round) {
        Matcher m = SENT.matcher(round);
        assertThat(m.find()).as("round answer %s", round).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static void rebuild(PackagedApp app) {
        assertThat(app.send(app.request("/api/v1/admin/model/rebuild?wait=120")
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(200);
    }

    private static void event(PackagedApp app, String user, String paper, String type) {
        put(app, null, "{\"userId\":\"" + user + "\",\"paperId\":\"" + paper + "\",\"type\":\"" + type + "\"}", 201);
    }

    private static void put(PackagedApp app, String path, String json, int expected) {
        HttpRequest.Builder request = path == null
                ? app.request("/api/v1/events").POST(HttpRequest.BodyPublishers.ofString(json))
                : app.request(path).PUT(HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = app.send(request.header("Content-Type", "application/json").build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
    }

    private static List<String> recommended(PackagedApp app, String user) throws Exception {
        HttpResponse<String> response = app.send(
                app.request("/api/v1/users/" + user + "/recommendations?limit=10").GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        new ObjectMapper().readTree(response.body()).get("items").forEach(item -> ids.add(item.get("paperId").asText()));
        return ids;
    }

    /** A's answer once B's change notice reached it: within the deadline, and usually at once. */
    private static List<String> recommendedOnceNoticed(PackagedApp app, String user, String gone) throws Exception {
        long started = System.nanoTime();
        long deadline = System.currentTimeMillis() + 10_000;
        List<String> ids = recommended(app, user);
        int asked = 1;
        while (ids.contains(gone) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            ids = recommended(app, user);
            asked++;
        }
        assertThat(ids).as("recommendations once the change notice arrived").doesNotContain(gone);
        System.out.printf("change notice for %s reflected after %d request(s), %.1f ms%n", gone, asked,
                (System.nanoTime() - started) / 1e6);
        return ids;
    }

    private static int app(PackagedApp app, String path, String method) {
        return app.send(app.request(path).method(method, HttpRequest.BodyPublishers.noBody()).build()).statusCode();
    }

    private static String post(PackagedApp app, String path) {
        HttpResponse<String> response = app.send(app.request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
