package io.greenlight.browser;

import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelRepository;
import io.greenlight.post.Post;
import io.greenlight.post.PostAttachments;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostService;
import io.greenlight.post.VariantContent;
import io.greenlight.security.CurrentUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * in a real browser (-Pbrowser): compose for two channels with server counts and previews, drag a post to
 * another day, read a month and a list on a phone, upload an asset and attach it, import a CSV with one bad row. A
 * failing step leaves a screenshot and the page source in the build dir's browser/ folder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StudioBrowserTest {

    static final String MASTODON = "studio-masto";

    @LocalServerPort
    int port;

    @Autowired PostService posts;
    @Autowired PostRepository postRepository;
    @Autowired ChannelRepository channels;
    @Autowired PostAttachments attachments;

    @Test
    void composeForTwoChannelsWithCountsAndPreviews() {
        if (!channels.existsById(MASTODON)) {
            channels.save(new Channel(MASTODON, "Studio Mastodon", "MASTODON"));
        }
        run("compose-two-channels", "creator", browser -> {
            browser.go("/posts/new");
            browser.waitFor(By.name("title")).sendKeys("Two channels " + UUID.randomUUID().toString().substring(0, 6));
            WebElement local = variant(browser, "local");
            WebElement masto = variant(browser, MASTODON);
            enable(browser, local);
            enable(browser, masto);
            local.findElement(By.cssSelector(".variant-text")).sendKeys("Hello local #spring");
            masto.findElement(By.cssSelector(".variant-text")).sendKeys("Hello fediverse");
            // the counts the server reports (the unit and limit of each network), not only the browser's own count
            browser.waitUntil(d -> "server".equals(local.findElement(By.cssSelector(".variant-count")).getAttribute("data-source"))
                    && "server".equals(masto.findElement(By.cssSelector(".variant-count")).getAttribute("data-source")));
            assertThat(local.findElement(By.cssSelector(".variant-count")).getText()).isEqualTo("19 / 5,000 characters");
            assertThat(masto.findElement(By.cssSelector(".variant-count")).getText()).isEqualTo("15 / 500 characters");
            assertThat(masto.findElement(By.cssSelector(".media-select")).isDisplayed()).as("thumbnails replace the plain list").isFalse();
            assertThat(local.findElement(By.cssSelector(".preview-card.net-local .preview-body")).getText()).isEqualTo("Hello local #spring");
            assertThat(local.findElement(By.cssSelector(".preview-body .pv-tag")).getText()).isEqualTo("#spring");
            assertThat(masto.findElement(By.cssSelector(".preview-card.net-mastodon .preview-body")).getText()).isEqualTo("Hello fediverse");

            masto.findElement(By.cssSelector(".variant-text")).sendKeys(" " + "x".repeat(500));
            browser.waitUntil(d -> masto.findElement(By.cssSelector(".variant-count")).getText().startsWith("516 / 500")
                    && "server".equals(masto.findElement(By.cssSelector(".variant-count")).getAttribute("data-source")));
            assertThat(masto.findElement(By.cssSelector(".variant-count")).getText()).contains("16 too many");
            assertThat(masto.getAttribute("class")).contains("over");
            assertThat(masto.findElement(By.cssSelector(".preview-body")).getText()).contains("the network cuts or refuses the rest");
        });
    }

    @Test
    void instagramAndThreadsPreviewsInTheirNetworksStyle() {
        if (!channels.existsById("studio-ig")) {
            channels.save(new Channel("studio-ig", "Studio Instagram", "INSTAGRAM"));
        }
        if (!channels.existsById("studio-threads")) {
            channels.save(new Channel("studio-threads", "Studio Threads", "THREADS"));
        }
        run("instagram-threads-previews", "creator", browser -> {
            browser.go("/posts/new");
            WebElement ig = variant(browser, "studio-ig");
            WebElement threads = variant(browser, "studio-threads");
            enable(browser, ig);
            enable(browser, threads);
            String caption = "Camping season is here #outdoors " + "a".repeat(120) + " the rest after more";
            ig.findElement(By.cssSelector(".variant-text")).sendKeys(caption);
            threads.findElement(By.cssSelector(".variant-text")).sendKeys("Winter 🧣 https://example.com/winter");
            browser.waitUntil(d -> "server".equals(threads.findElement(By.cssSelector(".variant-count")).getAttribute("data-source")));
            // Threads counts an emoji as its UTF-8 bytes: 7 + 4 + 1 + 26
            assertThat(threads.findElement(By.cssSelector(".variant-count")).getText())
                    .isEqualTo("38 / 500 characters (emoji as UTF-8 bytes)");
            assertThat(threads.findElement(By.cssSelector(".preview-card.net-threads .preview-link")).getText())
                    .contains("link preview: https://example.com/winter");
            // Instagram: the account name before the caption, what is under "… more" set apart, a note without media
            assertThat(ig.findElement(By.cssSelector(".preview-card.net-instagram .pv-author")).getText()).isEqualTo("creator");
            assertThat(ig.findElement(By.cssSelector(".preview-card.net-instagram .pv-more")).getText()).contains("more");
            assertThat(ig.findElement(By.cssSelector(".preview-card.net-instagram .pv-folded")).getText()).endsWith("the rest after more");
            assertThat(ig.findElement(By.cssSelector(".preview-card.net-instagram .preview-media")).isDisplayed())
                    .as("the square that says Instagram needs an image or a video").isTrue();
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'start'});", ig);
            browser.dump("studio-instagram-threads-previews-ok");
        });
    }

    @Test
    void dragAPostToAnotherDay() {
        CurrentUser creator = new CurrentUser("creator", Set.of("creators"));
        LocalDate monday = LocalDate.now(ZoneOffset.UTC).plusWeeks(3).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        String title = "Drag " + UUID.randomUUID().toString().substring(0, 6);
        Post post = posts.create(creator, new PostCommand(title, null, monday.atTime(10, 0).atOffset(ZoneOffset.UTC), "UTC",
                List.of(new VariantContent("local", "Dragged along", null))));
        run("drag-post", "creator", browser -> {
            browser.go("/calendar?view=week&zone=UTC&date=" + monday);
            WebElement entry = browser.waitFor(By.cssSelector(".cal-entry[data-post-id='" + post.getId() + "']"));
            // the week is an hourly grid: dropped on Wednesday's 10:00 row, the post keeps its time of day
            WebElement wednesday = browser.driver.findElement(By.cssSelector(".cal-day[data-date='" + monday.plusDays(2)
                    + "'][data-hour='10:00']"));
            ((JavascriptExecutor) browser.driver).executeScript("""
                    const src = arguments[0], dst = arguments[1], dt = new DataTransfer();
                    src.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: dt}));
                    dst.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: dt}));
                    dst.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt}));
                    """, entry, wednesday);
            browser.waitFor(By.cssSelector(".alert-success"));
            assertThat(browser.driver.findElement(By.cssSelector(".alert-success")).getText()).contains("Moved '" + title + "'");
            WebElement moved = browser.waitFor(By.cssSelector(".cal-day[data-date='" + monday.plusDays(2) + "'] .cal-entry[data-post-id='"
                    + post.getId() + "']"));
            assertThat(moved.getText()).contains("10:00", title);
            assertThat(postRepository.findById(post.getId()).orElseThrow().getScheduledAt().toInstant())
                    .isEqualTo(monday.plusDays(2).atTime(10, 0).toInstant(ZoneOffset.UTC));
        });
    }

    @Test
    void uploadAnAssetAndAttachIt() throws Exception {
        Path png = Files.createTempFile("studio-asset", ".png");
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, UUID.randomUUID().hashCode() & 0xffffff);
        ImageIO.write(image, "png", png.toFile());
        String alt = "Browser test image " + UUID.randomUUID().toString().substring(0, 6);
        String title = "With image " + UUID.randomUUID().toString().substring(0, 6);
        run("upload-attach", "creator", browser -> {
            browser.go("/assets");
            browser.waitFor(By.id("asset-file")).sendKeys(png.toAbsolutePath().toString());
            browser.driver.findElement(By.name("altText")).sendKeys(alt);
            browser.driver.findElement(By.name("tags")).sendKeys("browser, test");
            browser.driver.findElement(By.cssSelector(".asset-upload button[type='submit']")).click();
            browser.waitUntil(d -> d.getCurrentUrl().matches(".*/assets/\\d+$"));
            String assetId = browser.driver.getCurrentUrl().replaceAll(".*/assets/(\\d+)$", "$1");
            assertThat(browser.waitFor(By.cssSelector(".asset-preview img")).getAttribute("alt")).isEqualTo(alt);

            browser.go("/posts/new");
            browser.waitFor(By.name("title")).sendKeys(title);
            WebElement local = variant(browser, "local");
            enable(browser, local);
            local.findElement(By.cssSelector(".variant-text")).sendKeys("Look at this picture");
            browser.click(By.cssSelector(".variant[data-channel='local'] .media-enhanced > button"));
            browser.click(By.cssSelector(".variant[data-channel='local'] .media-grid button[data-asset-id='" + assetId + "']"));
            browser.waitFor(By.cssSelector(".variant[data-channel='local'] .media-chosen img"));
            assertThat(local.findElement(By.cssSelector(".preview-media img")).getAttribute("alt")).isEqualTo(alt);
            browser.click(By.cssSelector(".composer .actions button.btn-primary"));
            browser.waitUntil(d -> d.getCurrentUrl().matches(".*/posts/[0-9a-f-]{36}$"));
            String postId = browser.driver.getCurrentUrl().replaceAll(".*/posts/", "");
            assertThat(attachments.attached(postId)).containsEntry("local", List.of(Long.valueOf(assetId)));
            browser.go("/assets/" + assetId);
            assertThat(browser.waitFor(By.cssSelector(".details")).getText()).contains("used in 1 post");
        });
    }

    @Test
    void importACsvWithOneBadRow() throws Exception {
        String good = "CSV good " + UUID.randomUUID().toString().substring(0, 6);
        Path csv = Files.createTempFile("studio-import", ".csv");
        Files.writeString(csv, "title,scheduled_at,time_zone,text:local\n"
                + good + ",2031-01-05 09:00,UTC,Fine row\n"
                + "CSV bad,2031-13-45 09:00,UTC,Bad date\n");
        run("import-csv", "creator", browser -> {
            browser.go("/posts/import");
            browser.waitFor(By.name("file")).sendKeys(csv.toAbsolutePath().toString());
            browser.driver.findElement(By.cssSelector("#import-form button[type='submit']")).click();
            WebElement report = browser.waitFor(By.id("import-report"));
            assertThat(report.getText()).contains("Nothing imported", "scheduled_at: '2031-13-45 09:00' is not a date");
            assertThat(browser.driver.findElements(By.cssSelector("#import-report tr.row-bad"))).hasSize(1);
            assertThat(browser.driver.findElement(By.cssSelector(".alert-error")).getText()).contains("1 of 2 rows");
            assertThat(postRepository.findAll().stream().noneMatch(p -> p.getTitle().equals(good))).isTrue();
        });
    }

    @Test
    void aPhonesMonthShowsEachPostAsOneLine() {
        CurrentUser creator = new CurrentUser("creator", Set.of("creators"));
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusMonths(5).withDayOfMonth(12);
        String title = "A long title for a phone's month " + UUID.randomUUID().toString().substring(0, 6);
        Post post = posts.create(creator, new PostCommand(title, null, day.atTime(9, 30).atOffset(ZoneOffset.UTC), "UTC",
                List.of(new VariantContent("local", "Seen on a phone", null))));
        run("phone-month", "creator", browser -> {
            By entry = By.cssSelector(".cal-entry[data-post-id='" + post.getId() + "']");
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.go("/calendar?view=month&zone=UTC&date=" + day);
            WebElement onPhone = browser.waitFor(entry);
            // one line of its title, clipped in its day; no time or channel lines under it
            assertThat(browser.height(onPhone)).as("entry height at 390 px").isLessThanOrEqualTo(20);
            assertThat(onPhone.findElement(By.cssSelector(".cal-time")).isDisplayed()).isFalse();
            assertThat(onPhone.findElement(By.cssSelector(".cal-title")).getAttribute("textContent")).isEqualTo(title);
            browser.dump("calendar-month-390");

            browser.driver.manage().window().setSize(new Dimension(1440, 900));
            browser.go("/calendar?view=month&zone=UTC&date=" + day);
            WebElement onDesktop = browser.waitFor(entry);
            assertThat(onDesktop.findElement(By.cssSelector(".cal-time")).getText()).isEqualTo("09:30");
            assertThat(browser.height(onDesktop)).as("entry height at 1440 px").isGreaterThan(20);
        });
    }

    @Test
    void aPhonesListShowsEachPostAsACardThatFitsTheScreen() {
        CurrentUser creator = new CurrentUser("creator", Set.of("creators"));
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusMonths(7).withDayOfMonth(9);
        String title = "A post in a phone's list " + UUID.randomUUID().toString().substring(0, 6);
        posts.create(creator, new PostCommand(title, null, day.atTime(16, 45).atOffset(ZoneOffset.UTC), "UTC",
                List.of(new VariantContent("local", "Listed on a phone", null))));
        run("phone-list", "creator", browser -> {
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.go("/calendar?view=list&zone=UTC&date=" + day);
            WebElement title390 = browser.waitFor(By.linkText(title));
            WebElement card = title390.findElement(By.xpath("ancestor::tr"));
            int viewport = ((Number) ((JavascriptExecutor) browser.driver)
                    .executeScript("return document.documentElement.clientWidth;")).intValue();
            WebElement move = card.findElement(By.cssSelector("button[type=submit]"));
            // nothing to scroll sideways for: the card, its title and its move button are inside the screen
            assertThat(card.getRect().getX() + card.getRect().getWidth()).as("card's right edge").isLessThanOrEqualTo(viewport);
            assertThat(move.getRect().getX() + move.getRect().getWidth()).as("Move button's right edge").isLessThanOrEqualTo(viewport);
            assertThat(card.getText()).contains("16:45", title, "local", "Move");
            assertThat(browser.driver.findElement(By.cssSelector(".cal-list thead")).isDisplayed()).isFalse();
            browser.dump("calendar-list-390");
        });
    }

    // ---------------------------------------------------------------- helpers

    private void run(String name, String user, Browser.Steps steps) {
        Browser.signedIn("http://localhost:" + port, user, "studio-" + name, steps);
    }

    private static WebElement variant(Browser browser, String channel) {
        return browser.waitFor(By.cssSelector(".variant[data-channel='" + channel + "']"));
    }

    private static void enable(Browser browser, WebElement block) {
        WebElement toggle = block.findElement(By.cssSelector(".variant-toggle"));
        if (!toggle.isSelected()) {
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", toggle);
            toggle.click();
        }
    }
}
