package org.vfiomc.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.RepoRoot;
import org.vfiomc.checker.run.Exploration;
import picocli.CommandLine;

/**
 * {@code validate}'s errors are classed and located as {@code check} classes them (issues 16 and
 * 19): SANY and TLC errors give kind, file, line, column and a one-line cause with exit 2, never
 * "Parsing or semantic analysis failed" alone or Java frames; a trace of another module or with
 * values of the wrong type is an input error (2), not a rejection (1); a crashed exploration is a
 * tool failure (3).
 */
class ValidateErrorsTest {
  @TempDir static Path dir;
  static Path trace;

  @BeforeAll
  static void trace() throws Exception {
    trace = dir.resolve("x.itf.json");
    Files.writeString(trace, "{\"vars\":[\"x\"],\"states\":[{\"x\":0}]}");
  }

  /** A one-variable module {@code name} with the given next-state relation, and its cfg. */
  private static Path spec(String name, String next) throws Exception {
    Path spec = dir.resolve(name + ".tla");
    Files.writeString(
        spec,
        "---- MODULE "
            + name
            + " ----\nEXTENDS Integers\nVARIABLE x\nInit == x = 0\nNext == "
            + next
            + "\n====\n",
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(name + ".cfg"), "INIT Init\nNEXT Next\n");
    return spec;
  }

  private static void assertLocatedInputError(CliRun run, String kind, String at, String cause) {
    assertEquals(2, run.code(), run.out() + run.err());
    assertTrue(run.err().contains(kind + " error: "), run.err());
    assertTrue(run.err().contains(at), run.err());
    assertTrue(run.err().contains(cause), run.err());
    assertFalse(run.err().contains("\tat "), "no Java frames: " + run.err());
    assertFalse(run.err().contains("Failed["), run.err());
  }

  @Test
  void parseError_givesFileLineAndColumn() throws Exception {
    Path spec = spec("ParseErr", "x' = x + + 1");
    CliRun run = CliRun.of("validate", spec.toString(), "--trace", trace.toString());
    // line 5 is "Next == x' = x + + 1"; SANY stops at the token after the second +
    assertLocatedInputError(run, "parse", spec + ":5:", "Encountered");
  }

  @Test
  void semanticError_givesFileLineColumnAndCause() throws Exception {
    Path spec = spec("SemErr", "x' = y + 1");
    CliRun run = CliRun.of("validate", spec.toString(), "--trace", trace.toString());
    // y is at line 5, column 14
    assertLocatedInputError(run, "semantic", spec + ":5:14", "Unknown operator");
  }

  @Test
  void tlcEvaluationError_isSemanticAtTheActionWithTlcsCause() throws Exception {
    Path spec = spec("Overflow", "x' = (x + 2) * 2147483647");
    CliRun run = CliRun.of("validate", spec.toString(), "--trace", trace.toString());
    // the action Next's body starts at line 5, column 9
    assertLocatedInputError(run, "semantic", spec + ":5:9", "Overflow");
    Path div = spec("DivZero", "x' = 1 \\div x");
    assertLocatedInputError(
        CliRun.of("validate", div.toString(), "--trace", trace.toString()),
        "semantic",
        div + ":5:",
        "\\div is 0");
  }

  @Test
  void configError_isLocatedInTheCfg() throws Exception {
    Path spec = spec("CfgErr", "x' = x");
    Path cfg = dir.resolve("Bad.cfg");
    Files.writeString(cfg, "INIT Init\nNEXT Nxt\n");
    CliRun run =
        CliRun.of(
            "validate", spec.toString(), "--config", cfg.toString(), "--trace", trace.toString());
    assertLocatedInputError(run, "config", cfg + ":2:6", "Nxt");
  }

  @Test
  void traceOfAnotherModule_orWithWrongValueTypes_isAnInputError() throws Exception {
    Path spec = spec("Counter", "x < 2 /\\ x' = x + 1");
    Path other = dir.resolve("other.itf.json");
    Files.writeString(
        other, "{\"#meta\":{\"module\":\"Elsewhere\"},\"vars\":[\"x\"],\"states\":[{\"x\":0}]}");
    CliRun module = CliRun.of("validate", spec.toString(), "--trace", other.toString());
    assertEquals(2, module.code(), module.out());
    assertTrue(
        module
            .err()
            .contains("the trace is of module Elsewhere but " + spec + " is module Counter"),
        module.err());

    Path typed = dir.resolve("typed.itf.json");
    Files.writeString(typed, "{\"vars\":[\"x\"],\"states\":[{\"x\":0},{\"x\":\"one\"}]}");
    CliRun type = CliRun.of("validate", spec.toString(), "--trace", typed.toString());
    assertEquals(2, type.code(), type.out());
    assertTrue(
        type.err()
            .contains("step 1: x is a string (\"one\") but the spec's x is always an integer"),
        type.err());

    // the same module and types: a value the spec never reaches is a rejection (exit 1)
    Path unreachable = dir.resolve("unreachable.itf.json");
    Files.writeString(
        unreachable,
        "{\"#meta\":{\"module\":\"Counter\"},\"vars\":[\"x\"],\"states\":[{\"x\":0},{\"x\":5}]}");
    CliRun rejected = CliRun.of("validate", spec.toString(), "--trace", unreachable.toString());
    assertEquals(1, rejected.code(), rejected.err());
    assertTrue(
        rejected
            .out()
            .contains("rejected at step 1: no step leads to a state with the observed values"),
        rejected.out());
    assertTrue(rejected.out().contains("observed at step 1:\n  x = 5"), rejected.out());
  }

  @Test
  void explorationCrash_isAToolFailure_exit3() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path spec = RepoRoot.get().resolve("checker/src/test/resources/tour/Tally.tla");
    int code =
        new CommandLine(
                new ValidateCommand(
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    (s, c, libraries, maxEdges, timeout) ->
                        new Exploration.Failed(s + ": the exploring JVM died (exit 137)")))
            .execute(spec.toString(), "--trace", trace.toString());
    assertEquals(3, code, err.toString());
    assertTrue(
        err.toString().contains("tool error: " + spec + ": the exploring JVM died"),
        err.toString());
  }
}
