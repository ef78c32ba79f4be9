package io.greenlight.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/** The post form (-Pbrowser) names a publishing time that has passed or comes too soon, and asks before saving it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AuthorFormBrowserTest {

    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @LocalServerPort int port;

    @Test
    void aPastOrTooSoonTimeIsNamedAndConfirmed() {
        try (Browser browser = Browser.open("http://localhost:" + port)) {
            try {
                browser.signIn("creator");
                browser.go("/posts/new");
                browser.waitFor(By.name("title")).sendKeys("Timing check");
                WebElement when = browser.driver.findElement(By.name("scheduledAt"));
                WebElement zone = browser.driver.findElement(By.name("timeZone"));
                zone.clear();
                zone.sendKeys("UTC");
                WebElement hint = browser.driver.findElement(By.cssSelector(".timing-hint"));

                set(browser, when, LocalDateTime.now(ZoneOffset.UTC).minusHours(3).format(LOCAL));
                browser.waitUntil(d -> hint.getText().contains("This time has passed: the post goes out as soon as it is approved."));
                browser.click(By.cssSelector(".actions button[type='submit']"));
                Alert alert = browser.driver.switchTo().alert();
                assertThat(alert.getText()).contains("This time has passed", "Save anyway?");
                alert.dismiss();
                assertThat(browser.driver.getCurrentUrl()).as("nothing saved").endsWith("/posts/new");

                set(browser, when, LocalDateTime.now(ZoneOffset.UTC).plusMinutes(30).format(LOCAL));
                browser.waitUntil(d -> hint.getText().contains("less than 2 h"));
                set(browser, when, LocalDateTime.now(ZoneOffset.UTC).plusDays(3).format(LOCAL));
                browser.waitUntil(d -> hint.getText().isEmpty());
                browser.dump("author-form-timing");
            } catch (RuntimeException | AssertionError e) {
                browser.dump("author-form-failed");
                throw e;
            }
        }
    }

    private static void set(Browser browser, WebElement input, String value) {
        ((JavascriptExecutor) browser.driver).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input, value);
    }
}
