package dev.paperrec.console;

import dev.paperrec.testsupport.Browser;
import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import dev.paperrec.testsupport.TestKeys;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Mail as on the demo start: the mailer's mock mode and the console's outbox, with the mailer left pointing at
 * localhost:25 where nothing listens, so a message in the outbox proves no SMTP server was tried.
 */
@QuarkusTest
@TestProfile(DemoOutboxBrowserTest.DemoMail.class)
class DemoOutboxBrowserTest {

    /** What demo mode sets for mail (DemoMode), without the SMTP test server of the other tests. */
    public static class DemoMail implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.mock", "true", "paperrec.console.outbox", "true",
                    "quarkus.mailer.host", "localhost", "quarkus.mailer.port", "25");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Inject
    EntityManager em;

    @Inject
    Mailer mailer;

    @Test
    void shouldLogAOneLineSummaryOfAMessageAndNotItsBody() {
        String recipient = TestData.uniqueId("logged") + "@example.org";
        String body = "Confirm: https://example.org/confirm?token=" + TestData.uniqueId("secret-token");
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            mailer.send(Mail.withText(recipient, "Logged subject", body));
        } finally {
            root.removeHandler(capture);
        }
        List<String> atInfo = records.stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue())
                .map(r -> r instanceof ExtLogRecord ext ? ext.getFormattedMessage() : r.getMessage()).toList();
        assertThat(atInfo).noneMatch(m -> m != null && m.contains("secret-token"));
        assertThat(atInfo).filteredOn(m -> m != null && m.contains(recipient)).singleElement().asString()
                .matches("Outbox message \\d+ to " + recipient + ": Logged subject");
    }

    @Test
    void shouldPutADemoDigestRoundsMessagesInTheOutbox() {
        String paper = TestData.createPaper("Outbox topic paper");
        String reader = TestData.uniqueId("outbox-reader");
        String email = reader + "@example.org";
        TestData.postEvent(TestData.uniqueId("other"), paper, "upvote");
        given().post("/api/v1/admin/model/rebuild?wait=120").then().statusCode(200);
        try (Browser browser = Browser.open(1280, 900)) {
            WebDriver driver = browser.driver();
            driver.get(base + "?reader=" + reader);
            browser.useKey(TestKeys.ADMIN);
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("subscribe-email")))
                    .sendKeys(email);
            driver.findElement(By.cssSelector("#subscribe button[type=submit]")).click();
            assertThat(browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("subscribed")))
                    .getText()).contains(email).contains("confirmation");
            // The double opt-in has its own tests: here the address counts as confirmed and the digest as due.
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE digest_subscription SET "
                    + "confirmed_at = now(), next_due_at = now() - interval '1 minute' WHERE user_id = ?1")
                    .setParameter(1, reader).executeUpdate());

            driver.get(base + "console");
            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("run-digests"))).click();
            WebElement message = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                    By.id("admin-message")));
            assertThat(message.getText()).contains("1 sent").contains("0 failed");

            WebElement row = driver.findElements(By.cssSelector("#outbox tr.outbox-row")).stream()
                    .filter(r -> r.getText().contains(email)).findFirst().orElseThrow();
            assertThat(row.getText()).contains("Your daily papers");
            row.findElement(By.tagName("a")).click();
            WebElement text = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                    By.id("message-text")));
            assertThat(text.getText()).contains("Your daily papers").contains("/unsubscribe?token=");
            String firstLink = driver.findElement(By.id("message-subject")).getText();
            driver.switchTo().frame(driver.findElement(By.id("message-html")));
            String html = driver.findElement(By.tagName("body")).getText();
            assertThat(html).contains("Your daily papers").contains("Unsubscribe");
            // The subject names the digest's first paper; the framed HTML part shows it as mailed.
            String quoted = firstLink.substring(firstLink.indexOf('“') + 1);
            assertThat(html).contains(quoted.substring(0, Math.min(15, quoted.indexOf('”'))));
            driver.switchTo().defaultContent();
        }
        given().get("/api/v1/users/" + reader + "/export").then().statusCode(200)
                .body("data.outbox.size()", equalTo(1)).body("data.outbox[0].recipients", equalTo(email));
        given().delete("/api/v1/users/" + reader).then().statusCode(200).body("erased.outbox", equalTo(1));
    }
}
