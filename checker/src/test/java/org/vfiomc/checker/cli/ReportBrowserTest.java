package org.vfiomc.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.vfiomc.checker.RepoRoot;

/**
 * The HTML report as a reader sees it, in headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}; {@code .ci/run} installs them): a small suite is checked with the real TLC,
 * {@code checker report --format html} writes the page, and the browser opens it from a file URL.
 * Not skipped when the browser is missing: the test fails and says what to install.
 *
 * <p>The suite: the example Counter holding (CounterOK) and violating SumBelow5 (CounterSum), the
 * example Cycle's lasso (CycleLasso) and VfioMigration with the ENOMSG-wait defect (EnomsgWait).
 */
final class ReportBrowserTest {
  private static final String CHROMIUM = System.getProperty("vfiomc.chromium", "/usr/bin/chromium");
  private static final String DRIVER =
      System.getProperty("vfiomc.chromedriver", "/usr/bin/chromedriver");

  @TempDir static Path dir;
  private static WebDriver browser;
  private static Path report;

  @BeforeAll
  static void checkSuiteAndOpenTheReport() throws Exception {
    for (String f :
        List.of("Counter.tla", "CounterOK.cfg", "CounterSum.cfg", "Cycle.tla", "CycleLasso.cfg")) {
      Files.copy(RepoRoot.examples().resolve(f), dir.resolve(f));
    }
    Path mig = RepoRoot.get().resolve("specs/VfioMigration");
    for (String f :
        List.of(
            "VfioMigration.tla",
            "MC_VfioMigration_EnomsgWait.tla",
            "MC_VfioMigration_EnomsgWait.cfg")) {
      Files.copy(mig.resolve(f), dir.resolve(f));
    }
    // VfioMigration INSTANCEs VfioArcs, found in the spec's own folder here
    Path arcs = RepoRoot.get().resolve("specs/VfioArcs/VfioArcs.tla");
    Files.copy(arcs, dir.resolve("VfioArcs.tla"));
    Files.writeString(
        dir.resolve("suite.json"),
        """
        {"models": [
          {"name": "CounterOK", "spec": "Counter.tla", "config": "CounterOK.cfg",
           "expected": "HOLDS"},
          {"name": "CounterSum", "spec": "Counter.tla", "config": "CounterSum.cfg",
           "expected": "VIOLATED", "property": "SumBelow5", "violationKind": "invariant",
           "traceLength": 6},
          {"name": "CycleLasso", "spec": "Cycle.tla", "config": "CycleLasso.cfg",
           "expected": "VIOLATED", "property": "InfinitelyOftenThree",
           "violationKind": "temporal", "traceLength": 3},
          {"name": "EnomsgWait", "spec": "MC_VfioMigration_EnomsgWait.tla",
           "config": "MC_VfioMigration_EnomsgWait.cfg", "expected": "VIOLATED",
           "property": "MigrationEnds", "violationKind": "temporal", "traceLength": 8}
        ]}
        """);
    Path results = dir.resolve("results.json");
    CliRun check =
        CliRun.of(
            "check", dir.toString(), "--parallel", "2", "--quiet", "--json", results.toString());
    assertEquals(0, check.code(), check.out() + check.err());
    report = dir.resolve("report.html");
    CliRun html =
        CliRun.of("report", "--format", "html", "--out", report.toString(), results.toString());
    assertEquals(0, html.code(), html.err());

    assertTrue(
        new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute(),
        "the browser test needs Debian's chromium and chromium-driver ("
            + CHROMIUM
            + ", "
            + DRIVER
            + "): apt-get install -y chromium chromium-driver (.ci/run does)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1900,1400");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    browser.get(report.toUri().toString());
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private static Path shots() throws Exception {
    return Files.createDirectories(RepoRoot.get().resolve("checker/target/report-browser"));
  }

  @Test
  void suiteTable_showsEachModelWithItsVerdict_andTheFilterNarrowsIt() {
    List<WebElement> rows = browser.findElements(By.cssSelector("#suite-table tbody tr"));
    assertEquals(
        List.of(
            "CounterOK HOLDS", "CounterSum VIOLATED", "CycleLasso VIOLATED", "EnomsgWait VIOLATED"),
        rows.stream()
            .map(
                r ->
                    r.findElement(By.className("model-name")).getText()
                        + " "
                        + r.findElement(By.className("verdict")).getText())
            .toList());
    assertTrue(
        rows.stream().allMatch(r -> r.getAttribute("class").contains("met")),
        "every model as expected");
    // the filter box is added by the script; typing narrows the rows a reader sees
    WebElement filter = browser.findElement(By.id("filter"));
    assertTrue(filter.isDisplayed());
    filter.sendKeys("cycle");
    assertEquals(
        List.of("CycleLasso"),
        rows.stream()
            .filter(WebElement::isDisplayed)
            .map(r -> r.findElement(By.className("model-name")).getText())
            .toList());
    filter.clear();
    filter.sendKeys(" ");
    filter.clear();
  }

  @Test
  void counterTimeline_hasALanePerProcess_andAColumnPerState() {
    // Procs = {p1, p2}: ctr is a function over the two processes, one lane each. SumBelow5 fails
    // when ctr[p1] + ctr[p2] = 5: Init and five Inc steps, 6 states; each Inc changes one lane.
    WebElement svg = timeline("CounterSum");
    assertEquals(List.of("p1", "p2"), laneNames(svg));
    assertEquals(6, svg.findElements(By.cssSelector("g.step")).size());
    assertEquals(5, svg.findElements(By.cssSelector("g.cell.changed")).size());
    assertTrue(svg.findElement(By.cssSelector("g.violation")).getText().contains("SumBelow5"));
  }

  @Test
  void lassoTimeline_loopsBackToTheFirstState() {
    // x = 0, 1, 2 and then back to 0 forever, never 3: three states and a loop to state 0
    WebElement svg = timeline("CycleLasso");
    assertEquals(3, svg.findElements(By.cssSelector("g.step")).size());
    assertEquals("0", svg.findElement(By.cssSelector("g.lasso")).getAttribute("data-loop"));
  }

  @Test
  void vfioTimeline_hasTheMigrationActorsAsLanes_andIsSavedAsAScreenshot() throws Exception {
    // VfioMigration's variables by the lane rule: phase (QEMU), src_* (source), wire, dst_*
    // (destination), flags (the device's uAPI), guest_view (guest driver). MigrationEnds fails
    // in 8 states: Init, MigrationStart, GuestWork, Switchover, StopCopyStart, StopCopyRead,
    // Deliver, StopCopyEof; the defective read loop then waits for -ENOMSG forever (a stutter
    // lasso).
    WebElement svg = timeline("EnomsgWait");
    assertEquals(
        List.of("QEMU", "source", "wire", "destination", "device (VFIO uAPI)", "guest driver"),
        laneNames(svg));
    List<WebElement> steps = svg.findElements(By.cssSelector("g.step"));
    assertEquals(
        List.of(
            "Init",
            "MigrationStart",
            "GuestWork",
            "Switchover",
            "StopCopyStart",
            "StopCopyRead",
            "Deliver",
            "StopCopyEof"),
        steps.stream().map(s -> s.getAttribute("data-action")).toList());
    assertEquals("7", svg.findElement(By.cssSelector("g.lasso")).getAttribute("data-loop"));
    assertTrue(svg.isDisplayed());
    // the whole timeline in the viewport, so that the element's screenshot is not cut off
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView(true);", svg);
    Files.write(shots().resolve("timeline-EnomsgWait.png"), svg.getScreenshotAs(OutputType.BYTES));
    Files.write(
        shots().resolve("report.png"),
        ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    assertTrue(Files.size(shots().resolve("timeline-EnomsgWait.png")) > 10_000);
  }

  @Test
  void theBrowserLogsNoErrors() {
    List<LogEntry> severe =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .toList();
    assertEquals(List.of(), severe.stream().map(LogEntry::getMessage).toList());
  }

  private static WebElement timeline(String model) {
    return browser.findElement(By.cssSelector("svg.timeline[data-model='" + model + "']"));
  }

  private static List<String> laneNames(WebElement svg) {
    return svg.findElements(By.cssSelector("g.lane")).stream()
        .map(l -> l.getAttribute("data-lane"))
        .toList();
  }
}
