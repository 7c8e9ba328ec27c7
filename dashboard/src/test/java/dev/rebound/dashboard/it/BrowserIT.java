package dev.rebound.dashboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.dashboard.it.support.Browser;
import dev.rebound.dashboard.it.support.DashboardWar;
import dev.rebound.dashboard.it.support.Http;
import dev.rebound.dashboard.it.support.Shop;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard page in real headless Chromium against the application on Liberty: an operator sees the failed
 * message, its group and its stack trace, replays it after the cause is fixed, and sees it gone and handled. The
 * screenshot README shows is taken here.
 */
@ExtendWith(ArquillianExtension.class)
class BrowserIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DashboardWar.named("dashboard-browser", "dashBrowser", "dashLedger").build();
    }

    @ArquillianResource
    URL base;

    private ChromeDriver browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void an_operator_sees_a_failed_message_replays_it_and_sees_it_handled() throws IOException {
        Shop shop = new Shop(base);
        shop.reset();
        shop.ship("order-7001");
        await().atMost(Duration.ofSeconds(30)).until(() -> shop.shipped().contains("order-7001"));
        String id = shop.deadLetter("order-7002");
        String other = shop.deadLetter("order-7003");
        shop.carrierDown(false);

        browser = Browser.start(Http.ADMIN);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(base + "rebound/");
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));

        By row = By.cssSelector("tr.letter[data-id='" + id + "']");
        WebElement letter = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(letter.getText()).contains("IllegalStateException").contains("shipping");
        assertThat(browser.findElement(By.id("totals")).getText()).startsWith("2 dead letters");
        assertThat(browser.findElement(By.cssSelector("#groups tr.group")).getText())
                .contains("IllegalStateException").contains("Shipping.ship").contains("2");
        assertThat(browser.findElement(By.cssSelector("#channels")).getText()).contains("shipping").contains("running");

        letter.click();
        WebElement details = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("details")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("details"), "order-7002"));
        assertThat(details.findElement(By.cssSelector("pre.stack")).getText())
                .contains("carrier unavailable for order order-7002").contains("Shipping.ship");
        assertThat(details.findElement(By.cssSelector("table.history")).getText()).contains("IllegalStateException");
        screenshot();

        details.findElement(By.cssSelector("button.replay-one")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "was handled and removed"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(row));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("totals"), "1 dead letter"));
        assertThat(browser.findElement(By.cssSelector("tr.letter[data-id='" + other + "']")).isDisplayed()).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> shop.shipped().contains("order-7002"));
        assertThat(shop.shipped()).doesNotContain("order-7003");
        assertThat(shop.ids()).containsExactly(other);
    }

    /** Saves the page in target/screenshots, and where dashboard.screenshot says (README's picture) if set. */
    private void screenshot() throws IOException {
        Path taken = browser.getScreenshotAs(OutputType.FILE).toPath();
        Path record = Path.of("target", "screenshots", "dashboard.png");
        Files.createDirectories(record.getParent());
        Files.copy(taken, record, StandardCopyOption.REPLACE_EXISTING);
        String readme = System.getProperty("dashboard.screenshot", "");
        if (!readme.isBlank()) {
            Path target = Path.of(readme).isAbsolute() ? Path.of(readme)
                    : Path.of(System.getProperty("rebound.root", ".."), readme);
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(taken, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
