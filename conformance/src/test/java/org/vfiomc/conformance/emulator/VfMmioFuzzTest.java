package org.vfiomc.conformance.emulator;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.vfiomc.conformance.testing.FuzzLimits;

/**
 * Coverage-guided fuzzing of the VF's guest-facing write paths: a hostile guest's sequence of MMIO
 * writes and reads, device steps, frames from the wire and quiesce toggles ({@link GuestScripts}).
 * Guest misbehaviour is device behaviour (a drop, a counter, an error bit): the device must never
 * throw, and a function-level reset from whatever state the guest left must succeed and give the
 * power-on state ({@link ReusableVf#powerOnChecked()}). {@link #mailboxWrites} aims at the mailbox,
 * {@link #registerWrites} at the whole BAR.
 *
 * <p>One VF serves every input of a fuzzing JVM, put back into the state of a fresh one before each
 * ({@link ReusableVf#powerOn()}; {@code ReusableVfTest} shows the reset is complete). The targets
 * do not encode the device state per input: that round trip is the snapshot codec's target, which
 * reaches device states through these same scripts ({@code VfSnapshotFuzzTest}); encoding the 16
 * KiB state cost ten times the script itself. Crash reproducers go to {@code
 * VfMmioFuzzTestInputs/<method>}.
 */
final class VfMmioFuzzTest {
  private static final ReusableVf SHARED = new ReusableVf();

  @FuzzTest(maxExecutions = FuzzLimits.EXECUTIONS, maxDuration = FuzzLimits.DURATION)
  void mailboxWrites(FuzzedDataProvider data) {
    GuestScripts.mailbox(SHARED.powerOn(), ScriptInput.of(data));
    SHARED.powerOnChecked();
  }

  @FuzzTest(maxExecutions = FuzzLimits.EXECUTIONS, maxDuration = FuzzLimits.DURATION)
  void registerWrites(FuzzedDataProvider data) {
    GuestScripts.registers(SHARED.powerOn(), ScriptInput.of(data));
    SHARED.powerOnChecked();
  }
}
