package org.vfiomc.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.RepoRoot;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The command line end to end (real TLC runs where a model is checked). */
final class MainTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static String example(String file) {
    return RepoRoot.examples().resolve(file).toString();
  }

  /**
   * Copies an example into the test's folder and gives its name there: a manifest's paths may not
   * lead outside the manifest's folder.
   */
  private String local(String file) throws java.io.IOException {
    Path to = dir.resolve(file);
    if (!Files.exists(to)) {
      Files.copy(RepoRoot.examples().resolve(file), to);
    }
    return file;
  }

  @Test
  void nonExistentPath_exits2_withTheNameAndNoStackTrace() {
    CliRun r = run("check", "/no/such/specs");
    assertEquals(2, r.code());
    assertEquals("error: /no/such/specs: no such file or directory\n", r.err());
    assertFalse(r.err().contains("Exception"));
  }

  @Test
  void missingCfg_exits2() throws Exception {
    Path tla = Files.writeString(dir.resolve("Lonely.tla"), "---- MODULE Lonely ----\n====\n");
    CliRun r = run("check", tla.toString());
    assertEquals(2, r.code());
    assertTrue(
        r.err().contains(dir.resolve("Lonely.cfg") + ": configuration file not found"), r.err());
  }

  @Test
  void unknownVerdictInManifest_exits2_namingTheField() throws Exception {
    Files.writeString(
        dir.resolve("suite.json"),
        "{\"models\":[{\"name\":\"C\",\"spec\":\""
            + local("Counter.tla")
            + "\",\"config\":\""
            + local("CounterOK.cfg")
            + "\",\"expected\":\"PASSES\"}]}");
    CliRun r = run("check", dir.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("suite.json: models[0] \"C\".expected: unknown value"), r.err());
  }

  @Test
  void badOption_exits2() {
    assertEquals(2, run("check", "--workers", "many", example("Counter.tla")).code());
    assertEquals(2, run("check", "--profile", "nightly", example("Deadlock.tla")).code());
    assertEquals(2, run("check", "--jit", "slow", example("Counter.tla")).code());
    assertEquals(2, run("frobnicate").code());
  }

  @Test
  void parseError_exits2_withFileLineAndColumn() {
    CliRun r = run("check", example("ParseError.tla"));
    assertEquals(2, r.code());
    assertTrue(r.out().contains(example("ParseError.tla") + ":5:20: "), r.out());
  }

  @Test
  void timeoutOption_overridesTheModelLimit_andAnUnexpectedTimeoutExits1() {
    // Forever never finishes; --timeout 2 stops it after 2 s, and a single .tla expects HOLDS.
    CliRun r = run("check", example("Forever.tla"), "--timeout", "2", "--quiet");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("Forever: timed out after 2 s"), r.out());
  }

  @Test
  void violatedSingleSpec_exits1_andPrintsOnlyChangedVariables() {
    CliRun r = run("check", example("Counter.tla"), "--config", example("CounterSum.cfg"));
    assertEquals(1, r.code());
    assertTrue(r.out().contains("  5: Inc(p = p2)\n       ctr = (p1 :> 3 @@ p2 :> 1)\n"), r.out());
    assertTrue(r.out().contains("1 model(s), 0 as expected, 1 not"), r.out());
  }

  @Test
  void manifestRun_writesJsonWithExactlyTheDocumentedFields_andJunitXml() throws Exception {
    Files.writeString(
        dir.resolve("suite.json"),
        "{\"models\":["
            + entry("ok", "CounterOK.cfg", "\"expected\":\"HOLDS\"")
            + ","
            + entry(
                "sum",
                "CounterSum.cfg",
                "\"expected\":\"VIOLATED\",\"property\":\"SumBelow5\",\"traceLength\":6")
            + ","
            + entry("wrong", "CounterSum.cfg", "\"expected\":\"HOLDS\"")
            + "]}");
    Path json = dir.resolve("out/results.json");
    Path xml = dir.resolve("out/junit.xml");
    CliRun r =
        run(
            "check",
            dir.toString(),
            "--parallel",
            "2",
            "--json",
            json.toString(),
            "--junit-xml",
            xml.toString(),
            "--quiet");
    assertEquals(1, r.code(), r.out() + r.err());

    JsonNode models = new ObjectMapper().readTree(json.toFile()).get("models");
    assertEquals(3, models.size());
    List<String> fields = new ArrayList<>();
    models.get(1).fieldNames().forEachRemaining(fields::add);
    assertEquals(
        List.of(
            "model",
            "verdict",
            "expected",
            "property",
            "violationKind",
            "distinctStates",
            "generatedStates",
            "depth",
            "durationMillis",
            "trace",
            "error",
            "source",
            // additive: what `checker report` needs to print the same report from the file
            "expectation",
            "properties",
            "errorKind",
            "modelValues"),
        fields);
    JsonNode sum = models.get(1);
    assertEquals("VIOLATED", sum.get("verdict").asText());
    assertEquals(14, sum.get("distinctStates").asInt());
    assertEquals(6, sum.get("trace").size());
    JsonNode step = sum.get("trace").get(4);
    assertEquals("Inc", step.get("action").asText());
    assertEquals("p2", step.get("params").get("p").asText());
    assertEquals(
        "{\"#map\":[[\"p1\",{\"#bigint\":\"3\"}],[\"p2\",{\"#bigint\":\"1\"}]]}",
        step.get("state").get("ctr").toString());
    assertTrue(models.get(0).get("trace").isNull());
    // where the counterexample came from: the module declaring the variables, its constants as
    // the model set them, and the SHA-256 (64 hex digits) of the files in the spec's folder
    JsonNode source = sum.get("source");
    assertEquals(64, source.get("specSha256").asText().length());
    assertTrue(source.get("module").isTextual());
    assertTrue(source.get("constants").isObject());

    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    Element suite = doc.getDocumentElement();
    // 3 model cases; ok checks only TypeOK (no extra cases); sum and wrong check TypeOK and
    // SumBelow5, so 2 property cases each: 3 + 2 + 2 = 7.
    assertEquals("7", suite.getAttribute("tests"));
    // "wrong" expects HOLDS: its model case and its SumBelow5 case fail
    assertEquals("2", suite.getAttribute("failures"));
    // TypeOK of sum and of wrong: TLC stopped at the violation before finishing TypeOK
    assertEquals("2", suite.getAttribute("skipped"));
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertEquals("VIOLATED invariant SumBelow5", failure.getAttribute("type"));
    assertTrue(failure.getTextContent().contains("Inc(p = p2)"), failure.getTextContent());

    // the file is the truth: `report` prints from it what `check` printed, and writes the same
    // JSON and JUnit XML, with check's exit code
    CliRun text = run("report", json.toString(), "--quiet");
    assertEquals(r.code(), text.code(), text.err());
    assertEquals(r.out(), text.out());
    Path again = dir.resolve("again/results.json");
    assertEquals(
        1, run("report", json.toString(), "--format", "json", "--out", again.toString()).code());
    assertEquals(Files.readString(json), Files.readString(again));
    CliRun junit = run("report", json.toString(), "--format", "junit-xml");
    assertEquals(Files.readString(xml), junit.out());
  }

  @Test
  void report_ofAMalformedResultsFile_exits2_namingTheField() throws Exception {
    Path bad = Files.writeString(dir.resolve("r.json"), "{\"models\":[{\"model\":\"m\"}]}");
    CliRun r = run("report", bad.toString());
    assertEquals(2, r.code());
    assertEquals("error: " + bad + ": at /models/0/expected: missing\n", r.err());
    Path notJson = Files.writeString(dir.resolve("n.json"), "{\"models\": [");
    CliRun n = run("report", notJson.toString());
    assertEquals(2, n.code());
    assertTrue(n.err().startsWith("error: " + notJson + ": at /: not JSON: "), n.err());
    assertFalse(n.err().contains("Exception"), n.err());
    assertEquals(2, run("report", bad.toString(), "--format", "html").code());
  }

  private String entry(String name, String cfg, String expectation) throws java.io.IOException {
    return "{\"name\":\""
        + name
        + "\",\"spec\":\""
        + local("Counter.tla")
        + "\",\"config\":\""
        + local(cfg)
        + "\","
        + expectation
        + "}";
  }
}
