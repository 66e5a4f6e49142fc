package org.vfiomc.conformance.emulator.state;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.vfiomc.conformance.emulator.VfFixture;
import org.vfiomc.conformance.testing.ByteEdits;
import org.vfiomc.conformance.testing.FuzzLimits;

/**
 * Coverage-guided fuzzing of the VF's device-state codec and load path: {@link
 * VfSnapshotCodec#decode} and {@code Vf82599.loadState} (decode, then restore into a fresh VF,
 * which then runs a few steps). The input is a real snapshot (a VF that received and placed frames)
 * edited by the fuzzer and, unless the fuzzer says not to, re-sealed: the payload length and the
 * CRC32C are recomputed, so the edits reach the section decoders. Decoding must give a snapshot or
 * a {@link SnapshotFormatException}; loading must succeed or return the reason; nothing may throw.
 * Crash reproducers go to {@code VfSnapshotFuzzTestInputs/decode}.
 */
final class VfSnapshotFuzzTest {
  private static final byte[] VALID = valid();
  private static final VfFixture LOADER = new VfFixture();

  private static byte[] valid() {
    VfFixture f = new VfFixture().resetHandshake().rxRing(VfFixture.COUNT - 1);
    for (int i = 0; i < 3; i++) {
      f.vf.deliver(f.frame(i, 60 + 40 * i));
    }
    f.vf.runUntilIdle(100);
    f.vf.deliver(f.frame(9, 64)); // one left in the packet buffer
    return f.vf.saveState();
  }

  @FuzzTest(maxExecutions = FuzzLimits.EXECUTIONS, maxDuration = FuzzLimits.DURATION)
  void decode(FuzzedDataProvider data) {
    boolean fromValid = data.consumeBoolean();
    boolean reseal = data.consumeBoolean();
    byte[] s = fromValid ? ByteEdits.edit(VALID, data) : data.consumeRemainingAsBytes();
    if (reseal && s.length >= VfSnapshotCodec.HEADER + 4) {
      ByteBuffer b = ByteBuffer.wrap(s);
      b.putInt(12, s.length - VfSnapshotCodec.HEADER - 4);
      CRC32C c = new CRC32C();
      c.update(s, 0, s.length - 4);
      b.putInt(s.length - 4, (int) c.getValue());
    }
    try {
      VfSnapshotCodec.decode(s);
    } catch (SnapshotFormatException e) {
      return; // the answer for malformed input
    }
    // a stream that decodes is loaded (all or nothing) into one VF, which then runs: the load
    // replaces the whole device state, so the VF is shared between inputs (a fresh VF per input
    // costs more than the decoding under the fuzzer's instrumentation)
    if (LOADER.vf.loadState(s).isEmpty()) {
      LOADER.vf.runUntilIdle(64);
    }
  }
}
