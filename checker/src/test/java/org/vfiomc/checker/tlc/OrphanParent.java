package org.vfiomc.checker.tlc;

import java.nio.file.Path;
import java.util.List;
import org.vfiomc.checker.result.Expectation;
import org.vfiomc.checker.run.ProgressListener;
import org.vfiomc.checker.spec.ModelSpec;
import org.vfiomc.checker.spec.Profile;

/**
 * A stand-in checker for {@link OrphanedChildTest}: {@code OrphanParent check|explore SPEC CONFIG}
 * forks one child through the production launch path ({@link ForkedTlcRunner} or {@link
 * ForkedExplorer}) on a spec that never finishes, and is then killed by the test.
 */
final class OrphanParent {
  private OrphanParent() {}

  public static void main(String[] args) {
    Path spec = Path.of(args[1]);
    Path config = Path.of(args[2]);
    if (args[0].equals("check")) {
      ModelSpec model =
          new ModelSpec("Forever", spec, config, Expectation.holds(), Profile.CI, 600, "");
      new ForkedTlcRunner(1).check(model, ProgressListener.NONE);
    } else {
      new ForkedExplorer().explore(spec, config, List.of(), 0, 600);
    }
  }
}
