package org.vfiomc.conformance.emulator;

import java.util.Arrays;
import org.vfiomc.conformance.emulator.dma.DirtyLog;
import org.vfiomc.conformance.emulator.dma.Pages;
import org.vfiomc.conformance.emulator.state.PfVfState;

/**
 * One VF on its guest RAM for a whole fuzzing JVM, put back into the state of a freshly built one
 * before each input by {@link #powerOn()}: a function-level reset (registers, rings, PF-held state,
 * the packet buffer and the frame in flight), the quiesce gates opened, every page of guest RAM
 * that the CPU or the device wrote since the last power-on zeroed again (both dirty logs run for
 * the fixture's whole life), and the listener's records cleared. That costs a few microseconds
 * where building a VF and its 16 MiB of mapped RAM costs far more, and encoding its state more
 * still. The emulator's own tallies (steps, drop and fault counters, MSI-X messages sent) go on
 * across a reset, as {@link Vf82599#reset()} documents; no device behaviour reads them, and {@code
 * ReusableVfTest} shows a reused VF and a fresh one behave alike input by input, tallies counted
 * from the power-on.
 */
public final class ReusableVf {
  private static final byte[] ZERO_PAGE = new byte[Pages.PAGE_SIZE];
  private static final long RAM = 16 << 20;

  /** The VF, its RAM and the records of its listener (drop reasons, transmitted frames). */
  public final VfFixture f = new VfFixture();

  private final int[] powerOnRegisters = f.vf.registers().copyValues();
  private final PfVfState powerOnPf = f.vf.pf().state();

  public ReusableVf() {
    f.mem.cpuDirtyLog().start();
    f.dma.deviceDirtyLog().start();
  }

  /**
   * {@link #powerOn()} at the end of an input, checked: the reset must succeed from whatever state
   * the input left, and must give the power-on registers, PF-held state and idle Rx and Tx engines.
   * A fuzz target calls it last, so a state that breaks the reset is blamed on the input that
   * reached it, not on the next one.
   */
  public void powerOnChecked() {
    powerOn();
    if (!Arrays.equals(powerOnRegisters, f.vf.registers().copyValues())) {
      throw new AssertionError("a function-level reset left registers unlike power-on");
    }
    if (!powerOnPf.equals(f.vf.pf().state())) {
      throw new AssertionError(
          "a function-level reset left PF-held state " + f.vf.pf().state() + ", not " + powerOnPf);
    }
    if (!f.vf.rx().idle() || !f.vf.tx().idle() || f.vf.isQuiesced()) {
      throw new AssertionError("a function-level reset left the engines busy or quiesced");
    }
  }

  /** Back to the state of a fresh VF on zeroed RAM; returns the fixture for programming. */
  public VfFixture powerOn() {
    f.vf.reset();
    f.vf.setQuiesced(false);
    zero(f.mem.cpuDirtyLog());
    zero(f.dma.deviceDirtyLog());
    f.drops.clear();
    f.wire.clear();
    return f;
  }

  private void zero(DirtyLog log) {
    for (long gpa : log.readAndClear(0, RAM)) {
      f.mem.writePage(gpa, ZERO_PAGE); // a raw transfer: marks no log
    }
  }
}
