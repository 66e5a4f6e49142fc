package org.vfiomc.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 for {@code simulate}: memory does not grow with {@code --packets} (defect 2); fault
 * positions the run never reaches are rejected up front with the valid range (defect 5); unwritable
 * outputs are exit 2 before anything runs (defect 4).
 */
final class SimulateLimitsTest {
  /** One {@code simulate} run in this JVM: exit code, standard output and error. */
  record Run(int code, String out, String err) {}

  /** Runs {@code simulate ARGS} through {@link Main#execute}. */
  static Run simulate(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "simulate";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  /** The upper end of the valid range the rejection names ("K must be in 0..9" gives 9). */
  private static int upperBound(String message) {
    Matcher m = Pattern.compile("K must be in \\d+\\.\\.(\\d+)").matcher(message);
    assertTrue(m.find(), message);
    return Integer.parseInt(m.group(1));
  }

  @Test
  void anArcFaultThatNeverFires_isRejected_andTheLastValidOneFires() {
    Run r = simulate("--fault-at-arc", "99999");
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("--fault-at-arc 99999 never fires"), r.err());
    assertFalse(r.out().contains("outcome"), "nothing ran: " + r.out());
    int last = upperBound(r.err());
    // the range comes from the run itself: the fault-free run takes last + 1 arcs; failing its
    // last one (the device stays) leaves last arcs taken
    assertTrue(simulate().out().contains("arcs " + (last + 1) + "\n"));
    Run atLast = simulate("--fault-at-arc", "" + last);
    assertTrue(atLast.code() <= 1, atLast.err());
    assertTrue(atLast.out().contains("arcs " + last + "\n"), atLast.out());
    assertEquals(2, simulate("--fault-at-arc", "" + (last + 1)).code());
  }

  @Test
  void aNetFaultThatNeverFires_isRejected_andTheLastValidOneFires() {
    Run r = simulate("--net-fault", "LOSS:999999");
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("--net-fault LOSS:999999 never fires"), r.err());
    int chunks = upperBound(r.err());
    Run lost = simulate("--net-fault", "LOSS:" + chunks);
    assertTrue(lost.out().contains("net fault LOSS at chunk " + chunks), lost.out());
    // the final chunk is lost: the destination rejects the load and QEMU resets its device, logs
    // the error there and completes (the source stops); the report names the reset
    assertTrue(
        lost.out().contains("outcome COMPLETED: vf0 destination rejected the load"), lost.out());
    // a reorder needs a chunk after it: the last chunk cannot be reordered
    Run reorder = simulate("--net-fault", "REORDER:" + chunks);
    assertEquals(2, reorder.code(), reorder.out() + reorder.err());
    assertEquals(chunks - 1, upperBound(reorder.err()));
  }

  @Test
  void syntheticArcFaultOutOfRange_isRejected() {
    Run r = simulate("--synthetic", "2", "--pages", "64", "--fault-at-arc", "9999");
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("--fault-at-arc 9999 never fires"), r.err());
  }

  @Test
  void unwritableOutputs_areExit2_beforeAnythingRuns(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("plain");
    Files.writeString(file, "x");
    for (List<String> args :
        List.of(
            List.of("--json", file.resolve("r.json").toString()),
            List.of("--json", dir.toString()),
            List.of("--record", dir.resolve("no/such/run.itf.json").toString()),
            List.of("--synthetic", "2", "--json", file.resolve("r.json").toString()))) {
      Run r = simulate(args.toArray(String[]::new));
      assertEquals(2, r.code(), args + ": " + r.out() + r.err());
      assertTrue(r.err().contains(args.get(args.size() - 2) + " "), r.err());
      assertFalse(r.out().contains("outcome"), "nothing ran: " + r.out());
    }
  }

  /**
   * 300,000 frames at 1 µs in a 48 MiB heap: before, the arrival list and a ledger entry with the
   * frame's bytes per packet needed several hundred MB (out of memory, exit 3); now the arrivals
   * are drawn as they are due and only frames in flight keep their bytes.
   */
  @Test
  void manyPackets_runInASmallHeap() throws Exception {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx48m",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "simulate",
            "--packets",
            "300000",
            "--interval-us",
            "1");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), output);
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("packets sent 300000"), output);
    assertTrue(output.contains("lostAfterAcceptance 0"), output);
  }
}
