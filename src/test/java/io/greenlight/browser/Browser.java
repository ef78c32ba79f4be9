package io.greenlight.browser;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's chromium driven through /usr/bin/chromedriver, headless. Nothing is downloaded: without the two
 * packages (installed by .ci/run) browser tests are skipped, never faked.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final WebDriver driver;
    private final String baseUrl;

    private Browser(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    static Browser open(String baseUrl) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromium-driver are not installed (apt install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1200", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), baseUrl);
    }

    void go(String path) {
        driver.get(baseUrl + path);
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement waitClickable(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(by));
    }

    /** Signs in on Greenlight's login form as one of the test users (password = user name), and waits until it took. */
    void signIn(String user) {
        go("/login");
        waitFor(By.name("username")).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(user);
        driver.findElement(By.cssSelector("form button[type='submit']")).click();
        waitUntil(d -> !d.getCurrentUrl().contains("/login"));
    }

    /**
     * Signs in on a Camunda webapp's login form. Waits until AngularJS has compiled the form (typing earlier is
     * lost when the model binds), and tries again if the first submit did not take on a busy machine.
     */
    void signInToCamunda(String user, String password) {
        By username = By.cssSelector("input.ng-pristine[ng-model='username'], input.ng-dirty[ng-model='username']");
        for (int attempt = 1; ; attempt++) {
            WebElement name = waitClickable(username);
            name.clear();
            name.sendKeys(user);
            WebElement secret = driver.findElement(By.cssSelector("input[ng-model='password']"));
            secret.clear();
            secret.sendKeys(password);
            driver.findElement(By.cssSelector("button[type='submit']")).click();
            try {
                new WebDriverWait(driver, Duration.ofSeconds(20)).until(
                        ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model='password']")));
                return;
            } catch (org.openqa.selenium.TimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Scrolls the element to the middle of the window first: Tasklist's fixed footer covers the bottom. */
    void click(By by) {
        WebElement element = waitClickable(by);
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        waitClickable(by).click();
    }

    void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition::apply);
    }

    /** The element's rendered height in CSS pixels. */
    long height(WebElement element) {
        return Math.round(((Number) ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return arguments[0].getBoundingClientRect().height;", element)).doubleValue());
    }

    /** Leaves a screenshot and the page source in the build dir's browser/ for whoever reads a failure. */
    void dump(String name) {
        try {
            // -DbuildDir=… moves it: the pom passes greenlight.browser.dumps = ${project.build.directory}/browser
            Path dir = Path.of(System.getProperty("greenlight.browser.dumps", "target/browser"));
            Files.createDirectories(dir);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve(name + ".html"), driver.getPageSource());
        } catch (Exception ignored) {
            // diagnostics only
        }
    }

    /** What a test does in a signed-in browser. */
    interface Steps {
        void run(Browser browser) throws Exception;
    }

    /** Opens a browser, signs in as the user and runs the steps; a failing step leaves a dump with this name. */
    static void signedIn(String baseUrl, String user, String dumpName, Steps steps) {
        try (Browser browser = open(baseUrl)) {
            try {
                browser.signIn(user);
                steps.run(browser);
            } catch (Exception | AssertionError e) {
                browser.dump(dumpName);
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                if (e instanceof AssertionError a) {
                    throw a;
                }
                throw new IllegalStateException(e);
            }
        }
    }

    /** One step of a test in this browser. */
    interface Step {
        void run() throws Exception;
    }

    /** Runs the step; when it fails, leaves a dump with this name (then fails as it did). */
    void step(String dumpName, Step step) throws Exception {
        try {
            step.run();
        } catch (Exception | AssertionError e) {
            dump(dumpName);
            throw e;
        }
    }

    /** Leaves a screenshot of the window in the build dir's browser/, for whoever checks the layout. */
    void screenshot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("greenlight.browser.dumps", "target/browser"));
        Files.createDirectories(dir);
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
