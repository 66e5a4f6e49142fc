package org.vfiomc.checker.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.RepoRoot;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.spec.ModelSpec;
import org.vfiomc.checker.tlc.ForkedTlcRunner;

/**
 * CI invariant checking is just the build: every {@code ci} model of {@code specs/suite.json} and
 * of {@code specs/examples/suite.json} must meet its expectation, through the same API as the CLI;
 * a manifest that selects no model fails (nothing checked is not a pass).
 */
final class SpecSuiteTest {
  private static List<ModelResult> check(Path manifestDir) throws Exception {
    CheckOptions options = CheckOptions.of(List.of(manifestDir));
    List<ModelSpec> models = SuiteRunner.select(options);
    // an empty selection would meet every expectation vacuously
    assertFalse(models.isEmpty(), "no ci model selected in " + manifestDir);
    // C1 only: the CI models run a few seconds each, where C2's compilation costs more than it
    // gains (JitMode: 40% less CPU for the whole suite)
    return new SuiteRunner(new ForkedTlcRunner(1, JitMode.QUICK.jvmOptions()))
        .run(models, 2, ProgressListener.NONE);
  }

  private static void assertAllMet(List<ModelResult> results) {
    String failures =
        results.stream()
            .filter(r -> !r.met())
            .map(r -> r.model() + ": " + r.mismatches())
            .collect(Collectors.joining("\n"));
    assertTrue(failures.isEmpty(), failures);
  }

  @Test
  void specsSuite_everyCiModelMeetsItsExpectation() throws Exception {
    assertAllMet(check(RepoRoot.get().resolve("specs")));
  }

  @Test
  void examplesSuite_everyCiModelMeetsItsExpectation() throws Exception {
    assertAllMet(check(RepoRoot.examples()));
  }
}
