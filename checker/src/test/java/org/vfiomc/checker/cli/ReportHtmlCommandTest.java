package org.vfiomc.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.RepoRoot;

/** {@code report --format html} on the command line: exit codes and input errors. */
final class ReportHtmlCommandTest {
  @TempDir static Path dir;
  private static Path results;

  /** CounterSum checked as a single .tla: expected to hold, so its verdict differs (exit 1). */
  @BeforeAll
  static void check() {
    results = dir.resolve("results.json");
    CliRun r =
        CliRun.of(
            "check",
            RepoRoot.examples().resolve("Counter.tla").toString(),
            "--config",
            RepoRoot.examples().resolve("CounterSum.cfg").toString(),
            "--quiet",
            "--json",
            results.toString());
    assertEquals(1, r.code(), r.out() + r.err());
  }

  @Test
  void html_exitsAsCheckDid_andShowsTheMismatch() throws Exception {
    Path html = dir.resolve("out/report.html");
    CliRun r =
        CliRun.of("report", "--format", "html", "--out", html.toString(), results.toString());
    assertEquals(1, r.code(), r.err());
    assertEquals("", r.out());
    String page = Files.readString(html);
    assertTrue(page.startsWith("<!DOCTYPE html>"));
    assertTrue(
        page.contains(
            "<tr class=\"model unmet\" data-model=\"Counter\" data-verdict=\"VIOLATED\">"),
        page);
    assertTrue(page.contains("expected HOLDS but got VIOLATED"));
    assertTrue(page.contains("data-lanes=\"2\" data-steps=\"6\""));
  }

  @Test
  void extraDocuments_needHtml() {
    CliRun r = CliRun.of("report", results.toString(), "--coverage", results.toString());
    assertEquals(2, r.code());
    assertEquals("error: --coverage, --replay and --simulate need --format html\n", r.err());
  }

  @Test
  void aDocumentThatIsNotJson_exits2_namingIt_andWritesNothing() throws Exception {
    Path bad = Files.writeString(dir.resolve("replay.json"), "{\"reports\": [");
    Path html = dir.resolve("none.html");
    CliRun r =
        CliRun.of(
            "report",
            "--format",
            "html",
            "--out",
            html.toString(),
            results.toString(),
            "--replay",
            bad.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: " + bad + ": not JSON: "), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(Files.exists(html));
  }

  @Test
  void aDocumentOfTheWrongKind_exits2_namingTheMissingField() {
    CliRun r =
        CliRun.of(
            "report", "--format", "html", results.toString(), "--simulate", results.toString());
    assertEquals(2, r.code());
    assertEquals(
        "error: "
            + results
            + ": not a simulation document (conformance simulate --json): no \"outcome\" field\n",
        r.err());
  }
}
