package dev.paperrec.console;

import dev.paperrec.testsupport.Browser;
import dev.paperrec.testsupport.GreenMailResource;
import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import dev.paperrec.testsupport.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reader view and paper pages in headless Chromium. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(GreenMailResource.class)
class ReaderViewBrowserTest {

    static final String HOSTILE_TITLE = "<img src=x onerror=alert(1)>";

    @TestHTTPResource("/")
    URL base;


    @Test
    void shouldChangeTheRecommendationsAndTheHistoryWhenAReaderUpvotes() {
        String topic = TestData.uniqueId("topic");
        for (int i = 0; i < 4; i++) {
            String paper = TestData.createPaper(topic + " attention " + i);
            for (int r = 0; r < 3; r++) {
                TestData.postEvent(TestData.uniqueId("other"), paper, "read");
            }
        }
        given().post("/api/v1/admin/model/rebuild?wait=120").then().statusCode(200);
        String reader = TestData.uniqueId("reader");

        try (Browser browser = Browser.open(1280, 900)) {
            WebDriver driver = browser.driver();
            driver.get(base + "?reader=" + reader);
            browser.useKey(TestKeys.ADMIN);
            WebElement first = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#for-you li.card")));
            String paperId = first.getAttribute("data-paper");
            String title = first.findElement(By.cssSelector("a.title")).getText();
            first.findElement(By.cssSelector("button.upvote")).click();

            browser.waiting().until(d -> d.findElements(By.cssSelector("#history li")).size() == 1);
            assertThat(driver.findElement(By.cssSelector("#history li")).getText()).startsWith("upvote").contains(title);
            assertThat(driver.findElements(By.cssSelector("#for-you li.card")))
                    .extracting(e -> e.getAttribute("data-paper")).doesNotContain(paperId);
            given().get("/api/v1/users/" + reader + "/events").then().statusCode(200)
                    .body("items[0].paperId", org.hamcrest.Matchers.equalTo(paperId))
                    .body("items[0].type", org.hamcrest.Matchers.equalTo("upvote"));
        }
    }

    @Test
    void shouldListOnlyPapersPublishedTodayUtcAsNewToday() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String topic = TestData.uniqueId("dated");
        Map<String, String> byDay = new LinkedHashMap<>();
        for (LocalDate day : List.of(today, today.minusDays(1))) {
            Map<String, Object> paper = new HashMap<>(TestData.paper(topic + " graph attention " + day));
            paper.put("publishedAt", day.toString());
            String id = TestData.uniqueId("day");
            given().contentType(ContentType.JSON).body(paper).put("/api/v1/papers/" + id).then().statusCode(201);
            byDay.put(day.toString(), id);
        }
        String reader = TestData.uniqueId("dated-reader");
        TestData.postEvent(reader, TestData.createPaper(topic + " graph attention"), "upvote");
        TestData.rebuildModel();

        String html = given().header("X-API-Key", TestKeys.READ).get("/ui/reader/" + reader).then().statusCode(200)
                .extract().asString();
        String newToday = html.substring(html.indexOf("id=\"new-today\""), html.indexOf("id=\"trending\""));
        assertThat(newToday).contains("New today (" + today + ", UTC)")
                .contains("data-paper=\"" + byDay.get(today.toString()) + "\"")
                .doesNotContain(byDay.get(today.minusDays(1).toString()));
    }

    @Test
    void shouldShowAHostileTitleAsTextWithoutRunningIt() {
        Map<String, Object> hostile = new HashMap<>(TestData.paper("x"));
        hostile.put("title", HOSTILE_TITLE);
        hostile.put("abstract", "<script>alert(2)</script> and <b>bold</b>");
        hostile.put("authors", List.of("<svg onload=alert(3)>"));
        hostile.put("tags", List.of("<iframe src=javascript:alert(4)>"));
        hostile.put("url", null);
        String id = TestData.uniqueId("xss");
        given().contentType(ContentType.JSON).body(hostile).put("/api/v1/papers/" + id).then().statusCode(201);
        String reader = TestData.uniqueId("reader");
        TestData.postEvent(reader, id, "read");

        try (Browser browser = Browser.open(1280, 900)) {
            WebDriver driver = browser.driver();
            driver.get(base + "papers/" + id);
            WebElement heading = driver.findElement(By.cssSelector("article h1"));
            assertThat(heading.getText()).isEqualTo(HOSTILE_TITLE);
            assertThat(heading.findElements(By.tagName("img"))).isEmpty();
            assertThat(driver.findElement(By.cssSelector(".abstract")).getText()).contains("<script>alert(2)</script>");
            assertThat(driver.findElement(By.cssSelector(".authors")).getText()).isEqualTo("<svg onload=alert(3)>");
            assertThat(driver.findElements(By.cssSelector("article svg, article iframe, article script"))).isEmpty();
            assertNoDialog(driver);

            driver.get(base + "?reader=" + reader);
            browser.useKey(TestKeys.READ);
            WebElement history = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#history li a")));
            assertThat(history.getText()).isEqualTo(HOSTILE_TITLE);
            assertThat(driver.findElements(By.cssSelector("#history img"))).isEmpty();
            assertNoDialog(driver);
        }
    }

    @Test
    void shouldFitAPhoneWidthWithoutHorizontalScroll() throws Exception {
        String id = TestData.createPaper("A rather long title about " + "transformers ".repeat(12));
        String reader = TestData.uniqueId("phone-reader-with-a-long-identifier-" + "x".repeat(40));
        TestData.postEvent(reader, id, "read");
        try (Browser browser = Browser.open(390, 844)) {
            WebDriver driver = browser.driver();
            driver.get(base + "?reader=" + reader);
            browser.useKey(TestKeys.ADMIN);
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#history li")));
            browser.screenshot("reader-390.png");
            assertThat(browser.horizontalOverflow()).as("reader view at 390 px").isLessThanOrEqualTo(0);
            driver.get(base + "papers/" + id);
            assertThat(browser.horizontalOverflow()).as("paper page at 390 px").isLessThanOrEqualTo(0);
            driver.get(base + "console");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#events-chart")));
            browser.screenshot("console-390.png");
            assertThat(browser.horizontalOverflow()).as("operator view at 390 px").isLessThanOrEqualTo(0);
        }
    }

    private static void assertNoDialog(WebDriver driver) {
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }
}
