package io.greenlight.browser;

import io.greenlight.asset.Asset;
import io.greenlight.asset.AssetService;
import io.greenlight.post.Post;
import io.greenlight.post.PostAttachments;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostService;
import io.greenlight.post.VariantContent;
import io.greenlight.security.CurrentUser;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Tasklist's review form shows the post's image (served by Greenlight to the signed-in reviewer), -Pbrowser. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TasklistMediaBrowserTest {

    @LocalServerPort
    int port;

    @Autowired PostService posts;
    @Autowired AssetService assets;
    @Autowired PostAttachments attachments;
    @Autowired TaskService tasks;

    @Test
    void theReviewFormInTasklistShowsTheAttachedImage() throws Exception {
        CurrentUser creator = new CurrentUser("creator", Set.of("creators"));
        String alt = "Tent by a lake " + UUID.randomUUID().toString().substring(0, 6);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        java.awt.image.BufferedImage picture = ReviewScreenBrowserTest.picture();
        // a picture of its own: the library keeps one asset per content, whose alt text another test may have set
        picture.setRGB(0, 0, (int) (System.nanoTime() & 0xFFFFFF));
        ImageIO.write(picture, "png", png);
        Asset asset = assets.upload(creator, "tent.png", png.toByteArray(), new AssetService.Description(alt, "", null));
        Post post = posts.create(creator, new PostCommand("Tasklist media " + UUID.randomUUID().toString().substring(0, 6),
                null, null, "UTC", List.of(new VariantContent("local", "Camping season", null))));
        attachments.attach(post.getId(), Map.of("local", List.of(asset.getId())));
        posts.submit(creator, post.getId());
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(post.getId()).singleResult();

        try (Browser browser = Browser.open("http://localhost:" + port)) {
            try {
                // one sign-in: Greenlight's session signs the reviewer in to Tasklist as well
                browser.signIn("reviewer");
                browser.go("/camunda/app/tasklist/default/#/?task=" + task.getId());
                WebElement img = browser.waitFor(By.cssSelector(".fjs-form img[src='/assets/" + asset.getId() + "/file']"));
                browser.waitUntil(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                        "return arguments[0].complete && arguments[0].naturalWidth > 0;", img));
                assertThat(img.getAttribute("alt")).isEqualTo(alt);
                assertThat(browser.driver.findElement(By.cssSelector(".fjs-form")).getText()).contains("Alt text: " + alt);
                Path dir = Path.of(System.getProperty("greenlight.browser.dumps", "target/browser"));
                Files.createDirectories(dir);
                Files.copy(((TakesScreenshot) browser.driver).getScreenshotAs(OutputType.FILE).toPath(),
                        dir.resolve("tasklist-review-media.png"), StandardCopyOption.REPLACE_EXISTING);
            } catch (Exception | AssertionError e) {
                browser.dump("tasklist-review-media");
                throw e;
            }
        }
    }
}
