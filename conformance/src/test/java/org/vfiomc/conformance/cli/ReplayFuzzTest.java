package org.vfiomc.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.conformance.testing.ByteEdits;
import org.vfiomc.conformance.testing.FuzzLimits;

/**
 * Coverage-guided fuzzing of {@code replay} end to end: the bytes of one trace file go through the
 * per-file path of {@link ReplayCommand#replay} (file checks, UTF-8, JSON, ITF, {@code #meta},
 * binding, action decoding, configuration, the replay itself). Whatever the bytes, the file must
 * end up as a report, malformed, unbound or unreadable; a failure inside the tool (listed as
 * failed) is a crash. The fuzzer edits real traces of every binding (a tour and a counterexample of
 * VfioFsm, RxDma, VfioMigration, VfioP2p) or writes raw bytes. Crash reproducers go to {@code
 * ReplayFuzzTestInputs/replayOneFile}.
 */
final class ReplayFuzzTest {
  private static final Path TRACES = Path.of("src/test/resources/traces");

  /**
   * One trace per binding. The RxDma seed is a 6 KB tour (a copy of the corpus's {@code
   * traces/tours/RxDmaIommuReinit-009.itf.json}, kept beside this test so corpus regeneration
   * cannot remove it): the 195 KB {@code MCRx8IommuShiftTour} fixture used before took about 13 ms
   * of parsing and replay per input that picked it (the VfioFsm seeds 2 to 3 ms, measured on the
   * loaded build machine), for the same binding paths.
   */
  private static final List<byte[]> SEEDS =
      read(
          "tours/VfioFsm-Reject.itf.json",
          "counterexamples/VfioFsm_DmaInStopCopy.itf.json",
          "counterexamples/VfioMigration_Truncated.itf.json",
          "counterexamples/VfioP2p_NoDrain.itf.json",
          "../org/vfiomc/conformance/cli/ReplayFuzzTestSeeds/RxDmaIommuReinit-009.itf.json");

  /** The one file each input is written to; JUnit removes the folder when the class is done. */
  @TempDir static Path dir;

  private static List<byte[]> read(String... names) {
    try {
      List<byte[]> out = new java.util.ArrayList<>();
      for (String n : names) {
        out.add(Files.readAllBytes(TRACES.resolve(n)));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxExecutions = FuzzLimits.EXECUTIONS, maxDuration = FuzzLimits.DURATION)
  void replayOneFile(FuzzedDataProvider data) throws IOException {
    boolean fromSeed = data.consumeBoolean();
    byte[] bytes =
        fromSeed
            ? ByteEdits.edit(SEEDS.get(data.consumeInt(0, SEEDS.size() - 1)), data)
            : data.consumeRemainingAsBytes();
    Path file = dir.resolve("fuzz.itf.json");
    Files.write(file, bytes);
    StringWriter sink = new StringWriter();
    ReplayResult r =
        ReplayCommand.replay(
            new ReplayOptions(
                List.of(file),
                Optional.empty(),
                ReplayOptions.Unbound.SKIP,
                1,
                (long) TraceFiles.DEFAULT_MAX_MIB << 20,
                false),
            List.of(),
            new PrintWriter(sink),
            new PrintWriter(sink));
    assertTrue(r.failed().isEmpty(), () -> "replay failed inside the tool: " + r.failed());
    int outcomes =
        (r.reports().isEmpty() ? 0 : 1)
            + r.malformed().size()
            + r.unbound().size()
            + r.unreadable().size();
    assertTrue(outcomes == 1, () -> "one outcome per file, got " + r);
  }
}
