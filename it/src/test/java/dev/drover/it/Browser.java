package dev.drover.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by Selenium for the Ui*IT tests: Debian's {@code chromium} and {@code chromedriver}
 * (scripts/browser-setup.sh installs them), never a downloaded browser. Without them a test is skipped, unless
 * {@code DROVER_REQUIRE_BROWSER=1}, which turns the skip into a failure (CI). Screenshots go to
 * {@code target/ui-screenshots/}. A laptop-sized window (1366x850). Not thread-safe: one per test.
 */
final class Browser implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
      "/usr/bin/google-chrome");
  private static final List<String> DRIVER = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

  final WebDriver driver;
  private final String base;
  private final Path shots;

  private Browser(WebDriver driver, String base, Path shots) {
    this.driver = driver;
    this.base = base;
    this.shots = shots;
  }

  /** Skips the calling test when no Chromium is installed (fails instead with DROVER_REQUIRE_BROWSER=1). */
  static void require() {
    Optional<Path> chromium = find("CHROME_BIN", CHROMIUM);
    Optional<Path> chromedriver = find("CHROMEDRIVER", DRIVER);
    if (chromium.isEmpty() || chromedriver.isEmpty()) {
      String why = "no " + (chromium.isEmpty() ? "chromium" : "chromedriver") + " installed (scripts/browser-setup.sh)";
      if ("1".equals(System.getenv("DROVER_REQUIRE_BROWSER"))) {
        throw new IllegalStateException("DROVER_REQUIRE_BROWSER=1 but " + why);
      }
      Assumptions.abort(why + "; set DROVER_REQUIRE_BROWSER=1 to fail instead of skipping");
    }
  }

  /** Opens a browser on {@code base} (e.g. the leading master's http://host:port), or skips the test. */
  static Browser open(String base, Path scratch) throws IOException {
    require();
    Optional<Path> chromium = find("CHROME_BIN", CHROMIUM);
    Optional<Path> chromedriver = find("CHROMEDRIVER", DRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.get().toFile());
    Path profile = Files.createDirectories(scratch.resolve("chromium-profile"));
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1366,850", "--no-first-run", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.get().toFile()).usingAnyFreePort().build();
    Path shots = Path.of(System.getProperty("drover.it.screenshots", "target/ui-screenshots"));
    Files.createDirectories(shots);
    return new Browser(new ChromeDriver(service, options), base, shots);
  }

  private static Optional<Path> find(String env, List<String> candidates) {
    String given = System.getenv(env);
    if (given != null && !given.isBlank() && Files.isExecutable(Path.of(given))) {
      return Optional.of(Path.of(given));
    }
    return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
  }

  /** Navigates to {@code hash} (e.g. {@code #/agents}) under the base URL. */
  Browser go(String hash) {
    String url = base + "/" + hash;
    if (driver.getCurrentUrl() != null && driver.getCurrentUrl().startsWith(base + "/")) {
      ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0]", hash);
    } else {
      driver.get(url);
    }
    return this;
  }

  /** Polls (every 100 ms, up to {@link #WAIT}) until {@code condition} gives a non-null, non-false value. */
  <T> T until(String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).withMessage(what)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition);
  }

  /** Waits until an element matching {@code css} exists and shows {@code text} in its visible text. */
  WebElement untilText(String css, String text) {
    return until("an element '" + css + "' showing '" + text + "'", d -> d.findElements(By.cssSelector(css))
        .stream().filter(e -> e.getText().contains(text)).findFirst().orElse(null));
  }

  WebElement find(String css) {
    return until("an element '" + css + "'", d -> d.findElements(By.cssSelector(css)).stream().findFirst()
        .orElse(null));
  }

  /** Clicks the first element matching {@code css}, again if the page redrew it in between. */
  void click(String css) {
    until("a click on '" + css + "'", d -> {
      d.findElements(By.cssSelector(css)).stream().findFirst().orElseThrow(
          () -> new org.openqa.selenium.NoSuchElementException(css)).click();
      return true;
    });
  }

  /** Replaces the text of the first input matching {@code css}, again if the page redrew it in between. */
  void type(String css, String text) {
    until("typing into '" + css + "'", d -> {
      WebElement input = d.findElements(By.cssSelector(css)).stream().findFirst().orElseThrow(
          () -> new org.openqa.selenium.NoSuchElementException(css));
      input.clear();
      input.sendKeys(text);
      return true;
    });
  }

  /** Saves a PNG of the window as {@code target/ui-screenshots/<name>.png}. */
  Path screenshot(String name) throws IOException {
    Path file = shots.resolve(name + ".png");
    Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(taken, file, StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
