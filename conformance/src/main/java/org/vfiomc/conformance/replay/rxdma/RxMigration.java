package org.vfiomc.conformance.replay.rxdma;

import java.util.Map;
import java.util.TreeSet;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.conformance.emulator.dma.Pages;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.replay.StepOutcome;
import org.vfiomc.conformance.scenario.RxStrategy.FinalCopy;
import org.vfiomc.conformance.scenario.RxStrategy.StopMode;
import org.vfiomc.conformance.scenario.VfGuestMemoryMigration;
import org.vfiomc.conformance.vfio.DataFd;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.ReadResult;
import org.vfiomc.conformance.vfio.SetResult;

/**
 * The host side of an RxDma migration: pre-copy rounds of guest pages ({@link
 * VfGuestMemoryMigration} from the CPU and, with IOMMU tracking, the device dirty log), the stop
 * (QEMU's or the guest's cooperative drain), STOP_COPY with the final page copy and the VF's state
 * carried in the VFIO migration stream, and the resume at the destination. The phase, round and
 * to-send set are the binding's bookkeeping of what it did to the emulator.
 */
final class RxMigration {
  private final RxLayout layout;
  private final RxHost src;
  private final RxHost dst;
  private final int maxRounds;
  private final StopMode stopMode;
  private final FinalCopy finalCopy;
  private final VfGuestMemoryMigration memory;
  private DataFd srcFd;
  private final DataFd dstFd;

  String phase = "PRECOPY";
  int round = 1;
  final TreeSet<Integer> toSend = new TreeSet<>();

  /** Migration starts: the destination waits in RESUMING, dirty logging on, round 1 sends all. */
  RxMigration(
      RxLayout layout,
      RxHost src,
      RxHost dst,
      int maxRounds,
      boolean deviceLog,
      StopMode stopMode,
      FinalCopy finalCopy) {
    this.layout = layout;
    this.src = src;
    this.dst = dst;
    this.maxRounds = maxRounds;
    this.stopMode = stopMode;
    this.finalCopy = finalCopy;
    dstFd = dst.dev.set(MigrationState.RESUMING).dataFd().orElseThrow();
    memory = new VfGuestMemoryMigration(src.mem, src.dma, dst.mem, deviceLog);
    memory.startDirtyTracking();
    for (int p = 0; p <= layout.n; p++) {
      toSend.add(p);
    }
  }

  /** The guest's vCPUs run (before the pause and at the destination). */
  boolean vcpusRun() {
    return phase.equals("PRECOPY") || phase.equals("QUIESCED") || phase.equals("DEST");
  }

  /** The device may DMA (not stopped for STOP_COPY). */
  boolean deviceRuns() {
    return !phase.equals("STOPPED") && !phase.equals("COPIED");
  }

  private boolean preCopy() {
    return phase.equals("PRECOPY") || phase.equals("QUIESCED");
  }

  String copyPage(int pg) {
    if (!preCopy() || !toSend.contains(pg)) {
      return "page " + pg + " is not to be sent";
    }
    copy(pg);
    toSend.remove(pg);
    return null;
  }

  /** Copies spec page {@code pg}; the ring page carries its descriptors' ghosts along. */
  private void copy(int pg) {
    memory.copyPage(Pages.pfn(layout.pageAddr(pg)));
    if (pg == layout.n) {
      System.arraycopy(src.ghostPkt, 0, dst.ghostPkt, 0, layout.d);
      System.arraycopy(src.ghostWb, 0, dst.ghostWb, 0, layout.d);
      System.arraycopy(src.rep, 0, dst.rep, 0, layout.n);
    }
  }

  private void addDirty() {
    for (long pfn : memory.readAndClearDirty()) {
      int page = layout.specPage(pfn);
      if (page >= 0) {
        toSend.add(page);
      }
    }
  }

  String syncDirty(Map<String, TlaValue> act) {
    if (!preCopy() || round >= maxRounds || !toSend.isEmpty()) {
      return "no sync now";
    }
    addDirty();
    round++;
    act.put("round", TlaValue.Int.of(round));
    return null;
  }

  String quiesce(boolean inflight) {
    if (stopMode != StopMode.GUEST_DRAIN || !phase.equals("PRECOPY") || inflight) {
      return "no cooperative stop now";
    }
    src.mmio(VfRegs.rxdctl(0), 0);
    phase = "QUIESCED";
    return null;
  }

  /** {@code drained}: under GUEST_DRAIN, whether the driver has cleaned its ring. */
  String pauseVcpus(boolean drained) {
    boolean ok =
        stopMode != StopMode.GUEST_DRAIN
            ? phase.equals("PRECOPY")
            : phase.equals("QUIESCED") && drained;
    if (!ok) {
      return "the vCPUs cannot pause now";
    }
    phase = "PAUSED";
    return null;
  }

  StepOutcome stopDevice(boolean inflight) {
    if (!phase.equals("PAUSED") || inflight) {
      return new StepOutcome.NotPossible("the device cannot stop now");
    }
    SetResult r = src.dev.set(MigrationState.STOP_COPY);
    if (!r.ok()) {
      return new StepOutcome.Unexpected("source SET STOP_COPY: " + r);
    }
    srcFd = r.dataFd().orElseThrow();
    phase = "STOPPED";
    return StepOutcome.OK;
  }

  StepOutcome stopCopy() {
    if (!phase.equals("STOPPED")) {
      return new StepOutcome.NotPossible("not stopped");
    }
    addDirty();
    if (finalCopy == FinalCopy.ORDERED) {
      // Duyck's ordered final copy: the ring page first, then every mapped Rx buffer
      toSend.add(layout.n);
      for (int b = 0; b < layout.n; b++) {
        toSend.add(b);
      }
      copy(layout.n);
      toSend.remove(layout.n);
    }
    for (int pg : toSend) {
      copy(pg);
    }
    toSend.clear();
    memory.stopDirtyTracking();
    // the stream goes to the destination as it is read (QEMU's save/load loop does the same)
    for (ReadResult r = srcFd.read(1 << 16); !r.endOfStreamReached(); r = srcFd.read(1 << 16)) {
      if (r.errno().isPresent()) {
        return new StepOutcome.Unexpected("stop-copy read: " + r.errno().get());
      }
      byte[] chunk =
          r.data().length == r.length() ? r.data() : java.util.Arrays.copyOf(r.data(), r.length());
      if (dstFd.write(chunk).errno().isPresent()) {
        return new StepOutcome.Unexpected("destination refused the stream bytes");
      }
    }
    phase = "COPIED";
    return StepOutcome.OK;
  }

  /** Starts the destination; returns its outcome and, when OK, leaves the saved head in phase. */
  StepOutcome resumeDestination() {
    if (!phase.equals("COPIED")) {
      return new StepOutcome.NotPossible("nothing to resume");
    }
    SetResult r = dst.dev.set(MigrationState.RUNNING);
    if (!r.ok()) {
      return new StepOutcome.Unexpected("destination SET RUNNING: " + r);
    }
    phase = "DEST";
    return StepOutcome.OK;
  }
}
