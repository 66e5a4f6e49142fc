package org.vfiomc.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate --record FILE} writes a run that {@code checker validate} accepts (exit 0); the
 * same migration with an injected defect is rejected (exit 1). The checker runs in this JVM through
 * its CLI entry point; its TLC exploration runs in a forked JVM.
 */
final class SimulateRecordTest {
  private static final Path SPEC =
      Path.of(System.getProperty("vfiomc.root", ".."))
          .resolve("specs")
          .resolve("VfioMigration")
          .resolve("MC_VfioMigration_Qemu.tla");

  private record Run(int code, String out, String err) {}

  private static Run simulate(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  private static Run validate(Path trace) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        org.vfiomc.checker.cli.Main.run(
            new String[] {"validate", SPEC.toString(), "--trace", trace.toString()},
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            false);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void recordedRun_isAccepted_brokenOneRejected(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("good.itf.json");
    Run s = simulate("simulate", "--packets", "200", "--record", good.toString());
    assertEquals(0, s.code(), s.out() + s.err());
    // Init, MigrationStart, PrecopyRead, Deliver (one iteration: QEMU's exact pass is far below
    // the threshold), Switchover, StopCopyRead, Deliver, StopCopyEof, DestStart, SaveCleanup
    assertTrue(s.out().contains("recorded 10 states of VfioMigration to " + good), s.out());
    assertTrue(Files.readString(good).contains("\"module\" : \"VfioMigration\""));
    Run v = validate(good);
    assertEquals(0, v.code(), v.out() + v.err());
    assertEquals(
        good + ": accepted: 10 states, 1 spec state(s) consistent with the whole run\n", v.out());

    Path bad = dir.resolve("bad.itf.json");
    // a cancel asked for after the switchover's first arcs (6) lands after the stop-copy (no cancel
    // point under the big lock): Init .. StopCopyEof (steps 0-7), Cancel (8); the source is then
    // left in STOP_COPY, so ResumeSource (9) is rejected; not clean (1)
    s =
        simulate(
            "simulate",
            "--packets",
            "200",
            "--cancel-after-arc",
            "6",
            "--defect",
            "NoResumeOnFailure",
            "--record",
            bad.toString());
    assertEquals(1, s.code(), s.out() + s.err());
    assertTrue(s.out().contains("protocol defects NoResumeOnFailure"), s.out());
    v = validate(bad);
    assertEquals(1, v.code(), v.out() + v.err());
    assertTrue(v.out().startsWith(bad + ": rejected at step 9 (ResumeSource): "), v.out());
  }

  @Test
  void recordRefusesWhatTheSpecCannotExpress(@TempDir Path dir) {
    Path f = dir.resolve("x.itf.json");
    Run s = simulate("simulate", "--fault-at-arc", "2", "--record", f.toString());
    assertEquals(2, s.code());
    assertTrue(s.err().contains("VfioMigration has no action for a failed SET"), s.err());
    s = simulate("simulate", "--synthetic", "2", "--record", f.toString());
    assertEquals(2, s.code());
    assertTrue(s.err().contains("--record needs the VF"), s.err());
    s = simulate("simulate", "--defect", "AcceptTruncated");
    assertEquals(2, s.code());
    assertTrue(
        s.err()
            .contains(
                "unknown --defect 'AcceptTruncated'; expected one of NoResumeOnFailure,"
                    + " RecoverByReset, WaitForEnomsgInStopCopy"),
        s.err());
    s = simulate("simulate", "--net-fault", "LOSS:0");
    assertEquals(2, s.code());
    assertTrue(
        s.err().contains("--net-fault must be LOSS:K or REORDER:K with K >= 1, got 'LOSS:0'"),
        s.err());
    assertTrue(Files.notExists(f));
  }
}
