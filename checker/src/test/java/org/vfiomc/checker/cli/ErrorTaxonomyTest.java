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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.RepoRoot;

/**
 * One error taxonomy: runtime errors of a spec are {@code semantic} (exit 2) with the file, line
 * and column of the failing expression and a one-line cause, never a Java stack trace; a module
 * whose name is not its file's names both; {@code traces} on a spec that does not parse gives the
 * parse position; a manifest path leading outside its folder is an input error naming the field;
 * the checker running out of memory is exit 3 with a sentence. The specs are in {@code
 * src/test/resources/errors}; their positions are counted in those files.
 */
final class ErrorTaxonomyTest {
  private static final Path SPECS = RepoRoot.get().resolve("checker/src/test/resources/errors");

  @TempDir Path dir;

  /** Checks {@code NAME.tla} with {@code NAME.cfg}; returns the one model's results object. */
  private JsonNode check(String name) throws Exception {
    Path json = dir.resolve(name + ".json");
    CliRun r = CliRun.of("check", SPECS.resolve(name + ".tla").toString(), "--json", "" + json);
    assertEquals(2, r.code(), r.out() + r.err());
    assertNoJavaTrace(r.out() + r.err());
    JsonNode model = new ObjectMapper().readTree(json.toFile()).get("models").get(0);
    assertEquals("ERROR", model.get("verdict").asText());
    assertNoJavaTrace(model.toString());
    return model;
  }

  private static void assertNoJavaTrace(String text) {
    for (String bad :
        List.of("Exception", "StackOverflowError", "\tat ", "at tlc2.", "java.lang.")) {
      assertFalse(text.contains(bad), () -> "'" + bad + "' in: " + text);
    }
  }

  /**
   * A semantic error at {@code line:column} of the spec, the cause one line containing {@code
   * cause}.
   */
  private void assertSemanticAt(String name, int line, int column, String cause) throws Exception {
    JsonNode m = check(name);
    assertEquals("semantic", m.get("errorKind").asText());
    JsonNode e = m.get("error");
    assertEquals(SPECS.resolve(name + ".tla").toString(), e.get("file").asText());
    assertEquals(line, e.get("line").asInt(), e.toString());
    assertEquals(column, e.get("column").asInt(), e.toString());
    String message = e.get("message").asText();
    assertTrue(message.contains(cause), message);
    assertFalse(message.contains("\n"), message);
    assertFalse(message.contains(" of module "), "the position is in the fields: " + message);
  }

  @Test
  void divisionByZero_isSemantic_atTheDivision() throws Exception {
    assertSemanticAt("DivZero", 6, 14, "\\div is 0");
  }

  @Test
  void endlessRecursion_isSemantic_atTheRecursiveOperator_withoutStackOverflowTrace()
      throws Exception {
    // TLC lists no position after a stack overflow; the RECURSIVE operator F is on line 6
    assertSemanticAt("Recurse", 6, 1, "recursion");
  }

  @Test
  void chooseFromEmpty_isSemantic_atTheChoose() throws Exception {
    assertSemanticAt("ChooseEmpty", 6, 14, "CHOOSE");
  }

  @Test
  void functionOutOfDomain_isSemantic_atTheApplication() throws Exception {
    assertSemanticAt("OutOfDomain", 7, 14, "not in the domain");
  }

  @Test
  void moduleNameNotTheFileName_namesBoth_atTheHeader() throws Exception {
    JsonNode m = check("Misnamed");
    assertEquals("parse", m.get("errorKind").asText());
    JsonNode e = m.get("error");
    String message = e.get("message").asText();
    assertTrue(message.contains("Misnamed.tla") && message.contains("SomethingElse"), message);
    assertFalse(message.contains("TLC2 Version"), "no banner: " + message);
    assertEquals(SPECS.resolve("Misnamed.tla").toString(), e.get("file").asText());
    assertEquals(1, e.get("line").asInt()); // "---- MODULE SomethingElse ----"
    assertEquals(13, e.get("column").asInt());
  }

  @Test
  void tracesOnAParseError_reportsFileLineAndColumn() throws Exception {
    CliRun r =
        CliRun.of(
            "traces",
            SPECS.resolve("ParseError.tla").toString(),
            "--out",
            dir.resolve("t").toString());
    assertEquals(1, r.code(), r.err());
    // "Next == x' = x + + 1": SANY stops at the "1" in column 20 of line 5
    assertTrue(r.err().contains(SPECS.resolve("ParseError.tla") + ":5:20: "), r.err());
    assertTrue(r.err().contains("parse error"), r.err());
    assertNoJavaTrace(r.out() + r.err());
    assertFalse(r.err().contains("Failed["), r.err());
  }

  @Test
  void tracesOnAParseError_ofAViolatedModel_reportsThePosition_notTheOutcomeRecord()
      throws Exception {
    Path suite = Files.createDirectories(dir.resolve("violated"));
    Files.copy(SPECS.resolve("ParseError.tla"), suite.resolve("ParseError.tla"));
    Files.copy(SPECS.resolve("ParseError.cfg"), suite.resolve("ParseError.cfg"));
    Files.writeString(
        suite.resolve("suite.json"),
        """
        {"suite": "s", "models": [{"name": "Broken", "spec": "ParseError.tla",
          "config": "ParseError.cfg", "expected": "VIOLATED"}]}
        """);
    CliRun r = CliRun.of("traces", suite.toString(), "--out", dir.resolve("t").toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(
        r.err().contains("parse error: " + suite.resolve("ParseError.tla") + ":5:20: "), r.err());
    assertFalse(r.err().contains("Failed[") || r.err().contains("ErrorInfo["), r.err());
  }

  @Test
  void manifestSpecPathOutsideTheSuite_exits2_namingTheField() throws Exception {
    Path suite = Files.createDirectories(dir.resolve("suite"));
    Files.copy(SPECS.resolve("DivZero.cfg"), suite.resolve("DivZero.cfg"));
    Files.writeString(
        suite.resolve("suite.json"),
        """
        {"suite": "s", "models": [{"name": "Evil", "spec": "../../etc/passwd",
          "config": "DivZero.cfg", "expected": "HOLDS"}]}
        """);
    CliRun r = CliRun.of("check", suite.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("\"Evil\".spec: "), r.err());
    assertTrue(r.err().contains("outside the manifest's folder: ../../etc/passwd"), r.err());
    assertNoJavaTrace(r.err());
  }

  @Test
  void outOfMemory_exits3_withASentence() throws Exception {
    // a results file far larger than the heap: 'report' runs out of memory reading it
    Path big = dir.resolve("big.json");
    String model =
        "{\"model\": \"M\", \"verdict\": \"HOLDS\", \"expected\": \"HOLDS\", \"property\": null,"
            + " \"violationKind\": null, \"distinctStates\": 1, \"generatedStates\": 1,"
            + " \"depth\": 1, \"durationMillis\": 1, \"trace\": null, \"error\": null,"
            + " \"source\": null, \"properties\": [\""
            + "P".repeat(2000)
            + "\"]}";
    try (var w = Files.newBufferedWriter(big)) {
      w.write("{\"models\": [");
      for (int i = 0; i < 20_000; i++) {
        w.write(i == 0 ? model : "," + model);
      }
      w.write("]}");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx24m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of("report", big.toString()));
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(dir.resolve("err.txt").toFile())
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    String err = Files.readString(dir.resolve("err.txt"));
    assertEquals(3, p.exitValue(), err);
    assertEquals(Main.OUT_OF_MEMORY + "\n", err);
  }
}
