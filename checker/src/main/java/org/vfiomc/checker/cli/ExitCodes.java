package org.vfiomc.checker.cli;

import java.util.List;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ModelResult;

/** The CLI's exit codes (stable, for CI). */
final class ExitCodes {
  /** Every model met its expectation. */
  static final int OK = 0;

  /** Some model's verdict differs from its expectation. */
  static final int MISMATCH = 1;

  /** Usage or input error: bad option, path, manifest, spec or config. */
  static final int INPUT = 2;

  /** Tool or internal failure. */
  static final int TOOL = 3;

  private ExitCodes() {}

  /**
   * 0 when every model met its expectation; otherwise 2 if an unmet model failed on its input
   * (parse, semantic or config error), else 3 if one failed in the tool or was not run (the checker
   * was stopped), else 1.
   */
  static int of(List<ModelResult> results) {
    boolean input = false;
    boolean tool = false;
    boolean mismatch = false;
    for (ModelResult r : results) {
      if (r.met()) {
        continue;
      }
      if (r.outcome() instanceof CheckOutcome.NotRun) {
        tool = true; // the run was stopped: its results are incomplete
      } else if (r.outcome() instanceof CheckOutcome.Failed f) {
        input |= f.error().kind().isInputError();
        tool |= !f.error().kind().isInputError();
      } else {
        mismatch = true;
      }
    }
    return input ? INPUT : tool ? TOOL : mismatch ? MISMATCH : OK;
  }
}
