package io.greenlight.browser;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The People page and the shell in a real browser (-Pbrowser): an admin adds a member of {@code legal} from the page;
 * the menu fits one row at 1440 px and collapses to a menu button at 390 px (header at most 64 px high). Leaves
 * screenshots of the pages at both widths in the build dir's browser/ folder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PeopleBrowserTest {

    @LocalServerPort int port;
    @Autowired IdentityService identity;

    @Test
    void anAdminAddsALegalMemberFromThePeoplePage() {
        String id = "legal" + Long.toString(System.nanoTime(), 36);
        run("people-add", browser -> {
            browser.driver.manage().window().setSize(new Dimension(1440, 1000));
            browser.go("/admin/people");
            WebElement form = browser.waitFor(By.cssSelector("#add-someone form"));
            form.findElement(By.name("id")).sendKeys(id);
            form.findElement(By.name("firstName")).sendKeys("Lea");
            form.findElement(By.name("lastName")).sendKeys("Gal");
            form.findElement(By.name("email")).sendKeys(id + "@example.org");
            WebElement legal = form.findElement(By.cssSelector("input[name='groups'][value='legal']"));
            scroll(browser, legal);
            legal.click();
            form.findElement(By.name("password")).sendKeys("a long enough secret");
            form.findElement(By.cssSelector("button[type='submit']")).click();

            WebElement flash = browser.waitFor(By.cssSelector(".alert-success"));
            assertThat(flash.getText()).contains(id + " was added");
            assertThat(identity.createUserQuery().memberOfGroup("legal").userId(id).count()).isEqualTo(1);
            WebElement row = browser.waitFor(By.id("group-legal"));
            assertThat(row.getText()).contains(id);

            // and someone who exists already, through the group's own "add someone"
            WebElement add = row.findElement(By.cssSelector("select[name='userId']"));
            scroll(browser, add);
            new org.openqa.selenium.support.ui.Select(add).selectByValue("creator2");
            row.findElement(By.cssSelector("button[type='submit']")).click();
            assertThat(browser.waitFor(By.cssSelector(".alert-success")).getText()).contains("creator2 is now in legal");
            assertThat(identity.createUserQuery().memberOfGroup("legal").userId("creator2").count()).isEqualTo(1);
            identity.deleteMembership("creator2", "legal");

            screenshot(browser, "people-1440", 1440, 2600, "/admin/people");
            screenshot(browser, "people-390", 390, 2600, "/admin/people");
            screenshot(browser, "calendar-week-1440", 1440, 1300, "/calendar?view=week&zone=UTC");
            screenshot(browser, "calendar-week-390", 390, 1600, "/calendar?view=week&zone=UTC");
        });
    }

    @Test
    void theMenuFitsOneRowAt1440AndCollapsesAt390() {
        run("menu", browser -> {
            browser.driver.manage().window().setSize(new Dimension(1440, 900));
            browser.go("/posts");
            WebElement header = browser.waitFor(By.id("topbar"));
            assertThat(browser.height(header)).as("header height at 1440 px").isLessThanOrEqualTo(64);
            List<WebElement> groups = browser.driver.findElements(By.cssSelector("#topbar .nav-group > summary"));
            assertThat(groups).extracting(WebElement::getText).contains("Write", "Review", "Manage");
            assertThat(groups.stream().map(g -> g.getRect().getY()).distinct().count()).as("one row").isEqualTo(1);
            assertThat(browser.driver.findElement(By.cssSelector(".menu-button")).isDisplayed()).isFalse();

            // the pages the old menu hid are one click away
            groups.get(0).click();
            for (String link : List.of("Campaigns", "Saved replies", "Import CSV", "Calendar")) {
                assertThat(browser.driver.findElement(By.linkText(link)).isDisplayed()).as(link).isTrue();
            }
            browser.driver.findElement(By.xpath("//summary[normalize-space()='Manage']")).click();
            assertThat(browser.driver.findElement(By.linkText("Processes")).isDisplayed()).isTrue();
            assertThat(browser.driver.findElement(By.cssSelector("#topbar a[href='/campaigns']")).isDisplayed()).as("one dropdown at a time").isFalse();
            browser.dump("header-1440-manage-open");
            browser.driver.findElement(By.linkText("People")).click();
            browser.waitFor(By.id("add-someone"));

            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.go("/posts");
            header = browser.waitFor(By.id("topbar"));
            assertThat(browser.height(header)).as("header height at 390 px").isLessThanOrEqualTo(64);
            WebElement button = browser.waitFor(By.cssSelector(".menu-button"));
            assertThat(browser.driver.findElement(By.cssSelector("#topbar a[href='/posts']")).isDisplayed()).isFalse();
            browser.dump("header-390");
            button.click();
            assertThat(button.getAttribute("aria-expanded")).isEqualTo("true");
            assertThat(browser.waitFor(By.linkText("People")).isDisplayed()).isTrue();
            assertThat(browser.driver.findElement(By.linkText("My posts")).isDisplayed()).isTrue();
            browser.dump("header-390-menu-open");
            browser.driver.findElement(By.linkText("Calendar")).click();
            browser.waitUntil(d -> d.getCurrentUrl().contains("/calendar"));
        });
    }

    private static void scroll(Browser browser, WebElement element) {
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    private static void screenshot(Browser browser, String name, int width, int height, String path) {
        browser.driver.manage().window().setSize(new Dimension(width, height));
        browser.go(path);
        browser.waitFor(By.id("topbar"));
        browser.dump(name);
    }

    private void run(String name, Browser.Steps steps) {
        Browser.signedIn("http://localhost:" + port, "admin", "people-failed-" + name, steps);
    }
}
