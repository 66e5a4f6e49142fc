package org.vfiomc.conformance.replay.vfio;

import java.util.ArrayDeque;
import org.vfiomc.conformance.emulator.Vf82599;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.dma.Iommu;

/**
 * The 82599 VFs of {@code VfioMigration} replays, kept for the next replay: building one (its
 * identity-mapped IOMMU page table, its RAM's page directory and dirty logs, the register file and
 * the power-on image) cost more than the rest of a short replay. A lease hands out a VF in the
 * state of a freshly built one, reached through the device's own reset path ({@link #powerOn}): a
 * function-level reset ({@link Vf82599#reset}) and the quiesce gates opened, as {@code
 * VFIO_DEVICE_RESET} leaves a VF ({@code VfioMigrationDevice.reset}: the function reset, then
 * RUNNING's behaviour), with its RAM zeroed and its DMA port reset. {@code VfPoolTest} checks that
 * a leased VF behaves as a new one under every call a replay makes of it. Owned by one binding (one
 * {@code replay} command); thread-safe, a VF serving one replay at a time.
 */
final class VfPool {
  /** VFs kept: a replay's two and the two of the run it is compared with. */
  static final int KEEP = 4;

  /** Guest memory behind the VF's DMA port (no rings are set up: the VF does no DMA here). */
  static final long RAM = 64 * 1024;

  /** One VF with the RAM and the DMA port it was built on. */
  static final class Slot {
    final GuestMemory mem = new GuestMemory(RAM);
    final DmaPort dma;
    final Vf82599 vf;

    Slot() {
      Iommu iommu = new Iommu();
      iommu.mapIdentity(RAM);
      dma = new DmaPort(mem, iommu);
      vf = new Vf82599(dma);
    }
  }

  /** Puts a used VF back into the state of a freshly built one (a test can pass a broken one). */
  interface PowerOn {
    void apply(Slot s);
  }

  private final ArrayDeque<Slot> free = new ArrayDeque<>();
  private final int keep;
  private final PowerOn powerOn;
  private int built;
  // what a VF at power-on saves, taken once (null: not yet)
  private SavedState powerOnState;

  /** A pool that keeps {@link #KEEP} VFs and powers them on with {@link #powerOn}. */
  VfPool() {
    this(KEEP, VfPool::powerOn);
  }

  /** A pool that keeps {@code keep} VFs (0: every lease builds one) and powers them on so. */
  VfPool(int keep, PowerOn powerOn) {
    this.keep = keep;
    this.powerOn = powerOn;
  }

  /**
   * The device's own path back to power-on: {@link Vf82599#reset} (registers, Tx state and PF-held
   * state as at power-on), the quiesce and DMA gates opened (what RUNNING imposes after {@code
   * VFIO_DEVICE_RESET}), RAM zeroed and the DMA port's gate, fault counts and dirty log reset. The
   * VF's own tallies go on, as after a function-level reset; a replay never reads them.
   */
  static void powerOn(Slot s) {
    s.vf.reset();
    s.vf.setQuiesced(false);
    s.mem.zeroAll();
    s.dma.reset();
  }

  /** A VF as freshly built: one given back earlier, powered on, or a new one. */
  Slot lease() {
    Slot s;
    synchronized (this) {
      s = free.poll();
      if (s == null) {
        built++;
      }
    }
    if (s == null) {
      return new Slot();
    }
    powerOn.apply(s);
    return s;
  }

  /**
   * The state a VF at power-on saves: every leased VF's until its replay changes it (a VF is built
   * at power-on, and {@link #powerOn} returns a used one there; {@code VfPoolTest} checks both).
   */
  synchronized SavedState powerOnState() {
    if (powerOnState == null) {
      powerOnState = SavedState.owning(new Slot().vf.saveState());
    }
    return powerOnState;
  }

  /** Gives a VF back once its replay is over; nothing may use it afterwards. */
  synchronized void release(Slot s) {
    if (free.size() < keep) {
      free.push(s);
    }
  }

  /** VFs built so far (every other lease reused one). */
  synchronized int built() {
    return built;
  }
}
