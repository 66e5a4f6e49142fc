package org.vfiomc.conformance.scenario;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import org.vfiomc.conformance.emulator.dma.DirtyLog;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.dma.Pages;
import org.vfiomc.conformance.orchestrator.DmaDirtySupport;
import org.vfiomc.conformance.orchestrator.DmaTracking;
import org.vfiomc.conformance.orchestrator.GuestMemoryMigration;

/**
 * Guest RAM of a VM with an 82599 VF, migrated page by page from the source's {@link GuestMemory}
 * to the destination's. Dirty pages are KVM's CPU log ({@link GuestMemory#cpuDirtyLog()}, always
 * read) and, when {@code deviceLog} is set, the IOMMU / device DMA log of the VF's {@link DmaPort}
 * (iommufd read-and-clear). Without the device log, pages the VF writes by DMA are found only if
 * the guest dirties them again (dummy writes) or not at all. Started by the orchestrator with the
 * host's {@link DmaTracking}, the device log is read only if the host reads one: the 2015 RFC host
 * never does.
 */
public final class VfGuestMemoryMigration implements GuestMemoryMigration {
  private final GuestMemory source;
  private final DmaPort sourceDma;
  private final GuestMemory destination;
  private final boolean deviceLog;
  private boolean readDeviceLog;
  private final byte[] page = new byte[Pages.PAGE_SIZE];

  public VfGuestMemoryMigration(
      GuestMemory source, DmaPort sourceDma, GuestMemory destination, boolean deviceLog) {
    this.source = requireNonNull(source, "source");
    this.sourceDma = requireNonNull(sourceDma, "sourceDma");
    this.destination = requireNonNull(destination, "destination");
    checkArgument(sourceDma.memory() == source, "the DMA port must reach the source memory");
    checkArgument(
        source.size() == destination.size(),
        "source RAM %s bytes, destination %s bytes",
        source.size(),
        destination.size());
    this.deviceLog = deviceLog;
  }

  @Override
  public int pageSize() {
    return Pages.PAGE_SIZE;
  }

  @Override
  public long pageCount() {
    return source.size() / Pages.PAGE_SIZE;
  }

  /** The VF's DMA log when the memory was built with one, else nothing. */
  @Override
  public DmaDirtySupport dmaDirtySupport() {
    return deviceLog ? DmaDirtySupport.DEVICE_LOGGING : DmaDirtySupport.NONE;
  }

  @Override
  public void startDirtyTracking() {
    start(deviceLog);
  }

  /** The device log is read iff the memory has one and the host reads it (not the RFC host). */
  @Override
  public void startDirtyTracking(DmaTracking tracking) {
    start(deviceLog && tracking.readsDmaLog());
  }

  private void start(boolean readDevice) {
    readDeviceLog = readDevice;
    source.cpuDirtyLog().start();
    if (readDeviceLog) {
      sourceDma.deviceDirtyLog().start();
    }
  }

  @Override
  public long[] readAndClearDirty() {
    long[] cpu = source.cpuDirtyLog().readAndClear(0, source.size());
    long[] dev =
        readDeviceLog ? sourceDma.deviceDirtyLog().readAndClear(0, source.size()) : new long[0];
    long[] all = new long[cpu.length + dev.length];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < cpu.length || j < dev.length) {
      long next;
      if (j == dev.length || (i < cpu.length && cpu[i] <= dev[j])) {
        next = cpu[i++];
      } else {
        next = dev[j++];
      }
      if (n == 0 || all[n - 1] != next) {
        all[n++] = next;
      }
    }
    long[] pages = Arrays.copyOf(all, n);
    for (int k = 0; k < n; k++) {
      pages[k] = Pages.pfn(pages[k]);
    }
    return pages;
  }

  @Override
  public long dirtyPageCount() {
    long n = 0;
    DirtyLog cpu = source.cpuDirtyLog();
    DirtyLog dev = sourceDma.deviceDirtyLog();
    for (long a = 0; a < source.size(); a += Pages.PAGE_SIZE) {
      if (cpu.isDirty(a) || (readDeviceLog && dev.isDirty(a))) {
        n++;
      }
    }
    return n;
  }

  @Override
  public void copyPage(long pageIndex) {
    long gpa = pageIndex * Pages.PAGE_SIZE;
    source.readPage(gpa, page);
    destination.writePage(gpa, page);
  }

  @Override
  public void stopDirtyTracking() {
    source.cpuDirtyLog().stop();
    if (readDeviceLog) {
      sourceDma.deviceDirtyLog().stop();
    }
  }
}
