package org.vfiomc.conformance.emulator.state;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.vfiomc.conformance.emulator.GuestScripts;
import org.vfiomc.conformance.emulator.ReusableVf;
import org.vfiomc.conformance.emulator.ScriptInput;
import org.vfiomc.conformance.emulator.VfFixture;
import org.vfiomc.conformance.testing.ByteEdits;
import org.vfiomc.conformance.testing.FuzzLimits;

/**
 * Coverage-guided fuzzing of the VF's device-state codec and load path. Three kinds of input:
 *
 * <ul>
 *   <li>a real snapshot (a VF that received and placed frames) edited by the fuzzer and, unless the
 *       fuzzer says not to, re-sealed (payload length and CRC32C recomputed, so the edits reach the
 *       section decoders);
 *   <li>raw bytes;
 *   <li>(one input in four) the state a hostile guest's script left a VF in ({@link GuestScripts},
 *       the MMIO targets' scripts): it must encode, decode and come back equal; the MMIO targets
 *       leave this round trip to this target.
 * </ul>
 *
 * Streams go through {@code Vf82599.loadState} (decode, then restore) into one VF powered on before
 * each input ({@link ReusableVf}), which then runs a few steps: loading must succeed or return the
 * codec's reason, nothing may throw. The stream is decoded once per input (by the load). Crash
 * reproducers go to {@code VfSnapshotFuzzTestInputs/decode}.
 */
final class VfSnapshotFuzzTest {
  private static final byte[] VALID = valid();
  private static final ReusableVf LOADER = new ReusableVf();
  private static final ReusableVf GUEST = new ReusableVf();

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
    if (data.consumeInt(0, 3) == 0) {
      roundTrip(data);
      return;
    }
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
    // loading decodes (all or nothing): a stream that does not decode is refused with the codec's
    // message; any other exception escapes and is a crash
    Optional<String> refused = LOADER.powerOn().vf.loadState(s);
    if (refused.isPresent()) {
      if (refused.get().isBlank()) {
        throw new AssertionError("a refused stream without a reason");
      }
      return;
    }
    LOADER.f.vf.runUntilIdle(64);
  }

  /** A guest script's end state encodes, decodes, and decodes to what was encoded. */
  private static void roundTrip(FuzzedDataProvider data) {
    VfFixture f = GUEST.powerOn();
    ScriptInput in = ScriptInput.of(data);
    if (in.bool()) {
      GuestScripts.mailbox(f, in);
    } else {
      GuestScripts.registers(f, in);
    }
    VfSnapshot state = f.vf.snapshot();
    VfSnapshot back;
    try {
      back = VfSnapshotCodec.decode(VfSnapshotCodec.encode(state));
    } catch (SnapshotFormatException e) {
      throw new AssertionError("the device's own state does not decode: " + e.getMessage(), e);
    }
    if (!back.equals(state)) {
      throw new AssertionError("the device's state decodes to another state");
    }
  }
}
