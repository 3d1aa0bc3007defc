package dev.paperrec.console;

import dev.paperrec.testsupport.Browser;
import dev.paperrec.testsupport.GreenMailResource;
import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import dev.paperrec.testsupport.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URL;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator view in headless Chromium: admin keys only, the model, the evaluation charts. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(GreenMailResource.class)
class OperatorViewBrowserTest {

    static final Path REPORT = Path.of("src", "test", "resources", "console", "evaluation.jsonl");

    @TestHTTPResource("/console")
    URL console;

    @Test
    void shouldRefuseAReaderKeyAndServeAnAdminKey() {
        TestData.createPaper("Operator view paper");
        try (Browser browser = Browser.open(1280, 900)) {
            WebDriver driver = browser.driver();
            driver.get(console.toString());
            browser.useKey(TestKeys.READ);
            WebElement notice = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                    By.id("notice")));
            browser.waiting().until(d -> notice.getText().startsWith("403"));
            assertThat(notice.getText()).contains("admin");
            assertThat(driver.findElements(By.cssSelector("#overview #catalogue"))).isEmpty();

            browser.useKey(TestKeys.ADMIN);
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#catalogue .stat b")));
            long papers = Long.parseLong(driver.findElement(By.cssSelector("#catalogue .stat b")).getText());
            assertThat(papers).isPositive();
            assertThat(driver.findElements(By.cssSelector("#events-chart rect.bar"))).hasSize(30);
            assertThat(driver.findElement(By.id("model")).getText()).contains("version").contains("collaborativeSource");

            driver.findElement(By.id("report-file")).sendKeys(REPORT.toAbsolutePath().toString());
            driver.findElement(By.cssSelector("#evaluation-panel button[type=submit]")).click();
            browser.waiting().until(d -> d.findElements(By.cssSelector("#evaluation svg.eval-chart")).size() == 2);
            assertThat(driver.findElements(By.cssSelector("#evaluation svg.eval-chart polyline"))).hasSize(6);
            assertThat(driver.findElement(By.id("evaluation")).getText()).contains("Recall@k").contains("NDCG@k")
                    .contains("hybrid");

            driver.findElement(By.id("preview-user")).sendKeys("demo-nobody");
            driver.findElement(By.cssSelector("#digest-preview button[type=submit]")).click();
            WebElement text = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                    By.id("preview-text")));
            assertThat(text.getText()).contains("papers");
        }
    }
}
