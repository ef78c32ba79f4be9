package io.greenlight.browser;

import io.greenlight.post.PostCommand;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostService;
import io.greenlight.post.PostStatus;
import io.greenlight.post.VariantContent;
import io.greenlight.review.ReviewInbox;
import io.greenlight.security.CurrentUser;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
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
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review screen in a real browser (-Pbrowser): a creator uploads an image, attaches it in the composer and submits;
 * the reviewer opens the review from the inbox at 1440 px and at 390 px, sees the image (loaded, with its alt text) and
 * the text, and approves from the screen. Screenshots of both widths land in the build dir's browser/ folder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReviewScreenBrowserTest {

    @LocalServerPort
    int port;

    @Autowired PostRepository posts;
    @Autowired PostService postService;
    @Autowired ReviewInbox inbox;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;

    @Test
    void aReviewerSeesTheAttachedImageAtBothWidthsAndApproves() throws Exception {
        Path png = Files.createTempFile("review-image", ".png");
        BufferedImage image = picture();
        // a picture of its own: the library keeps one asset per content, whose alt text another test may have set
        image.setRGB(0, 0, (int) (System.nanoTime() & 0xFFFFFF));
        ImageIO.write(image, "png", png.toFile());
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alt = "Two bikes at a lake at sunset " + suffix;
        String title = "Bike week " + suffix;
        String text = "Bike week starts Monday: ride with us along the lake. Route and times: https://example.com/bike-week";
        String[] postId = new String[1];

        try (Browser browser = Browser.open("http://localhost:" + port)) {
            browser.step("review-creator", () -> {
                browser.signIn("creator");
                browser.go("/assets");
                browser.waitFor(By.id("asset-file")).sendKeys(png.toAbsolutePath().toString());
                browser.driver.findElement(By.name("altText")).sendKeys(alt);
                browser.driver.findElement(By.cssSelector(".asset-upload button[type='submit']")).click();
                browser.waitUntil(d -> d.getCurrentUrl().matches(".*/assets/\\d+$"));
                String assetId = browser.driver.getCurrentUrl().replaceAll(".*/assets/(\\d+)$", "$1");

                browser.go("/posts/new");
                browser.waitFor(By.name("title")).sendKeys(title);
                WebElement local = browser.waitFor(By.cssSelector(".variant[data-channel='local']"));
                if (!local.findElement(By.cssSelector(".variant-toggle")).isSelected()) {
                    browser.click(By.cssSelector(".variant[data-channel='local'] .variant-toggle"));
                }
                local.findElement(By.cssSelector(".variant-text")).sendKeys(text);
                browser.click(By.cssSelector(".variant[data-channel='local'] .media-enhanced > button"));
                browser.click(By.cssSelector(".variant[data-channel='local'] .media-grid button[data-asset-id='" + assetId + "']"));
                browser.waitFor(By.cssSelector(".variant[data-channel='local'] .media-chosen img"));
                browser.click(By.cssSelector(".composer .actions button[name='then'][value='submit']"));
                browser.waitUntil(d -> d.getCurrentUrl().matches(".*/posts/[0-9a-f-]{36}$"));
                postId[0] = browser.driver.getCurrentUrl().replaceAll(".*/posts/", "");
                assertThat(posts.findById(postId[0]).orElseThrow().getStatus()).isEqualTo(PostStatus.IN_REVIEW);
                browser.waitFor(By.id("comment-body")).sendKeys("Photo by our own team, the licence is fine @reviewer");
                browser.click(By.cssSelector("#comments > form button[type='submit']"));
                browser.waitFor(By.cssSelector(".comments li"));
                signOut(browser);
            });

            // a first round: changes requested, the author adds the start time and resubmits (version 2)
            as(REVIEWER, () -> inbox.complete(REVIEWER, tasks.createTaskQuery().processInstanceBusinessKey(postId[0])
                    .singleResult().getId(), "changes", "Please say when we start"));
            postService.update(CREATOR, postId[0], new PostCommand(title, null, null, "UTC",
                    List.of(new VariantContent("local", text + "\nStart: 9:00 at the boathouse.", null))));
            as(CREATOR, () -> inbox.complete(CREATOR, tasks.createTaskQuery().processInstanceBusinessKey(postId[0])
                    .singleResult().getId(), null, null));

            browser.step("review-reviewer", () -> {
                browser.signIn("reviewer");
                browser.go("/inbox");
                browser.click(By.xpath("//article[.//a[normalize-space()='" + title + "']]//a[normalize-space()='Open review']"));
                browser.waitUntil(d -> d.getCurrentUrl().matches(".*/review/[^/]+$"));

                for (int width : new int[]{1440, 390}) {
                    browser.driver.manage().window().setSize(new Dimension(width, width > 1000 ? 1100 : 1600));
                    WebElement img = browser.waitFor(By.cssSelector(".review-preview .preview-media img"));
                    browser.waitUntil(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                            "return arguments[0].complete && arguments[0].naturalWidth > 0;", img));
                    assertThat(img.getAttribute("alt")).isEqualTo(alt);
                    assertThat(browser.driver.findElement(By.cssSelector(".review-preview .preview-body")).getText())
                            .isEqualTo(text + "\nStart: 9:00 at the boathouse.");
                    assertThat(browser.driver.findElement(By.id("diff")).getText())
                            .contains("Changes since version 1 (last reviewed)", "Start: 9:00 at the boathouse.");
                    assertThat(browser.driver.findElement(By.id("comments")).getText()).contains("the licence is fine");
                    assertThat(browser.driver.findElement(By.cssSelector(".review-preview .count")).getText()).matches("\\d+ / [\\d,]+ .*");
                    Long pageWidth = (Long) ((JavascriptExecutor) browser.driver).executeScript(
                            "return document.documentElement.scrollWidth;");
                    Long viewport = (Long) ((JavascriptExecutor) browser.driver).executeScript(
                            "return document.documentElement.clientWidth;");
                    assertThat(pageWidth).as("no sideways scrolling at " + width + " px").isLessThanOrEqualTo(viewport);
                    assertThat(img.getSize().getWidth()).as("the image fits at " + width + " px").isLessThanOrEqualTo(viewport.intValue());
                    browser.screenshot("review-screen-" + width);
                }

                browser.driver.manage().window().setSize(new Dimension(1440, 1000));
                browser.click(By.cssSelector("#decision input[value='approve']"));
                browser.driver.findElement(By.id("decision-comment")).sendKeys("Great picture, go");
                browser.click(By.cssSelector("#decision button[type='submit']"));
                browser.waitUntil(d -> d.findElements(By.cssSelector(".alert-success")).stream()
                        .anyMatch(e -> e.getText().contains("Approved: \"" + title + "\"")));
                assertThat(posts.findById(postId[0]).orElseThrow().getStatus()).isNotEqualTo(PostStatus.IN_REVIEW);
            });
        }
    }

    static final CurrentUser CREATOR = new CurrentUser("creator", Set.of("creators"));
    static final CurrentUser REVIEWER = new CurrentUser("reviewer", Set.of("reviewers"));

    private void as(CurrentUser user, Runnable work) {
        identity.setAuthentication(user.id(), List.copyOf(user.groups()));
        try {
            work.run();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** A small picture worth looking at in the screenshots: a sunset gradient with two "bikes". */
    /** Signs out through the layout's sign-out form, wherever the menu hides it at this width. */
    static void signOut(Browser browser) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver)
                .executeScript("document.querySelector(\"form[action='/logout']\").submit();");
        browser.waitUntil(d -> d.getCurrentUrl().contains("/login"));
    }

    static BufferedImage picture() {
        BufferedImage image = new BufferedImage(480, 320, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(255, 170, 90), 0, 200, new Color(120, 80, 160)));
        g.fillRect(0, 0, 480, 210);
        g.setColor(new Color(40, 90, 140));
        g.fillRect(0, 210, 480, 110);
        g.setColor(new Color(30, 30, 30));
        for (int x : new int[]{120, 280}) {
            g.drawOval(x, 230, 50, 50);
            g.drawOval(x + 80, 230, 50, 50);
            g.drawLine(x + 25, 255, x + 65, 215);
            g.drawLine(x + 65, 215, x + 105, 255);
        }
        g.dispose();
        return image;
    }

}
