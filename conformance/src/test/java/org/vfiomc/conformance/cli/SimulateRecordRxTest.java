package org.vfiomc.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.conformance.record.RxDmaRecorder;

/**
 * {@code simulate --record-rx FILE} writes an RxDma run that {@code checker validate} accepts (exit
 * 0) against the model its {@code #meta} names; a truncated recording is refused (exit 2); options
 * that do not apply are usage errors. The checker runs in this JVM through its CLI entry point; its
 * TLC exploration runs in a forked JVM. (The broken strategy's rejection and the corrupted values
 * are checked against one exploration in {@code record.RxDmaRecordedRunTest}.)
 */
final class SimulateRecordRxTest {
  private static final Path ROOT = Path.of(System.getProperty("vfiomc.root", ".."));

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
            new String[] {
              "validate", ROOT.resolve(RxDmaRecorder.MODEL).toString(), "--trace", trace.toString()
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            false);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void recordedRxRun_isAccepted(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("rx.itf.json");
    Run s = simulate("simulate", "--record-rx", good.toString(), "--seed", "1");
    assertEquals(0, s.code(), s.out() + s.err());
    // two rounds: one sync; seed 1 offers both frames before the stop, so the source's VF takes
    // both and the stack reads both
    assertTrue(s.out().contains("1 SyncDirty"), s.out());
    assertTrue(
        s.out().contains("frames: 2 written by the VF, 0 dropped, 2 read by the stack"), s.out());
    String text = Files.readString(good);
    assertTrue(text.contains("\"module\" : \"RxDma\""), text.substring(0, 400));
    assertTrue(
        text.contains(
            "\"validate\" : \"checker validate " + RxDmaRecorder.MODEL + " --trace " + good + "\""),
        text.substring(0, 800));
    Run v = validate(good);
    assertEquals(0, v.code(), v.out() + v.err());
    assertTrue(v.out().startsWith(good + ": accepted: "), v.out());

    // a recording cut in half is refused before any exploration, naming the file
    Path cut = dir.resolve("cut.itf.json");
    Files.writeString(cut, text.substring(0, text.length() / 2));
    Run c = validate(cut);
    assertEquals(2, c.code(), c.out() + c.err());
    assertTrue(c.err().startsWith("error: " + cut), c.err());
  }

  @Test
  void recordRx_refusesOptionsThatDoNotApply(@TempDir Path dir) {
    Path f = dir.resolve("x.itf.json");
    Run s = simulate("simulate", "--record-rx", f.toString(), "--packets", "10");
    assertEquals(2, s.code());
    assertTrue(s.err().contains("--record-rx takes only --host, --strategy and --seed"), s.err());
    assertTrue(s.err().contains("not --packets"), s.err());
    s = simulate("simulate", "--record-rx", f.toString(), "--strategy", "naive");
    assertEquals(2, s.code());
    assertTrue(s.err().contains("p2p-ordering does not apply"), s.err());
    // a host that ignores device DMA is the 2015 RFC's: QEMU 10.x (the default) refuses it
    s = simulate("simulate", "--record-rx", f.toString(), "--strategy", "dirty-tracking=none");
    assertEquals(2, s.code());
    assertTrue(s.err().contains("needs --host rfc-2015"), s.err());
    s = simulate("simulate", "--record-rx", f.toString(), "--host", "rfc-2015");
    assertEquals(2, s.code());
    assertTrue(s.err().contains("has no device DMA tracking"), s.err());
    assertTrue(Files.notExists(f));
  }
}
