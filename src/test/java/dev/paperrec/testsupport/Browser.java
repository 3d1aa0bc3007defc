package dev.paperrec.testsupport;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Headless Chromium for the console's browser tests, driven through the system's chromedriver: both come from the
 * Debian packages {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them), never downloaded.
 * Without them the tests skip, or fail under {@code CI=true} ({@link RequiredTools}). Close it to quit the browser.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("paperrec.test.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver",
            "/usr/bin/chromedriver"));

    private final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    public WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** A new headless browser, {@code width} CSS pixels wide; skips the test when Chromium is not installed. */
    public static Browser open(int width, int height) {
        RequiredTools.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver are needed for the console's browser tests "
                        + "(apt-get install chromium chromium-driver)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().window().setSize(new Dimension(width, height));
        return new Browser(driver);
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Enters an API key in the console's key box, as a reader or operator does once per tab. */
    public void useKey(String key) {
        WebElement input = driver.findElement(By.id("api-key"));
        input.clear();
        input.sendKeys(key);
        driver.findElement(By.cssSelector("#key-form button[type=submit]")).click();
    }

    /** Saves what the window shows as {@code target/screenshots/<name>}. */
    public void screenshot(String name) throws IOException {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.write(target.resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** How far the page is wider than the window, in CSS pixels: 0 when nothing scrolls sideways. */
    public long horizontalOverflow() {
        Object overflow = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        return ((Number) overflow).longValue();
    }
}
