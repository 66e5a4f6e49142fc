package org.vfiomc.conformance.emulator.dma;

/**
 * The DMA engine of one PCI function (one requester ID): every access is translated by the
 * function's {@link Iommu}; writes mark the device dirty log; nothing throws.
 *
 * <p>An access is all-or-nothing: every page of the range is translated before any byte moves,
 * so a refused access leaves memory untouched. Refusals are counted and the last one is kept.
 * While {@link #setAllowed(boolean) DMA is not allowed} (bus master off, or a migration state in
 * which the device must not touch memory) every access is refused with {@link
 * DmaFault.Reason#BLOCKED}.
 */
public final class DmaPort {
  private final GuestMemory memory;
  private final Iommu iommu;
  private final DirtyLog deviceLog = new DirtyLog();
  private boolean allowed = true;
  private long faults;
  private long blocked;
  private long bytesRead;
  private long bytesWritten;
  private DmaFault lastFault;

  /** A port translating through {@code iommu} into {@code memory}. */
  public DmaPort(GuestMemory memory, Iommu iommu) {
    this.memory = memory;
    this.iommu = iommu;
  }

  /** The memory behind the IOMMU. */
  public GuestMemory memory() {
    return memory;
  }

  /** The IOMMU domain of this function. */
  public Iommu iommu() {
    return iommu;
  }

  /** Device-write dirty log, keyed by guest-physical page (what migration must re-send). */
  public DirtyLog deviceDirtyLog() {
    return deviceLog;
  }

  /** Opens or closes the DMA gate. */
  public void setAllowed(boolean allowed) {
    this.allowed = allowed;
  }

  /** True if device DMA may proceed. */
  public boolean isAllowed() {
    return allowed;
  }

  /** Faults recorded (translation, permission, range), excluding gate refusals. */
  public long faultCount() {
    return faults;
  }

  /** Accesses refused because DMA was not allowed. */
  public long blockedCount() {
    return blocked;
  }

  /** Bytes the device read / wrote successfully. */
  public long bytesRead() {
    return bytesRead;
  }

  /** Bytes the device wrote successfully. */
  public long bytesWritten() {
    return bytesWritten;
  }

  /** The last refused access, or null. */
  public DmaFault lastFault() {
    return lastFault;
  }

  /** Restores the fault counters (device state after migration). */
  public void restoreCounters(long faults, long blocked) {
    this.faults = faults;
    this.blocked = blocked;
  }

  /**
   * Translates and checks a range; returns the guest-physical address of its first byte if the
   * whole range maps to contiguous guest memory, {@code -2} if it is valid but spans
   * discontiguous pages (callers go page by page), or {@code -1} after recording a fault.
   */
  private long check(long iova, int len, boolean write) {
    if (!allowed) {
      blocked++;
      lastFault = new DmaFault(iova, len, write, DmaFault.Reason.BLOCKED);
      return -1;
    }
    if (len <= 0 || !Pages.inRange(iova, len)) {
      return fault(iova, len, write, DmaFault.Reason.OUT_OF_RANGE);
    }
    long first = iommu.translate(iova, write);
    if (first < 0) {
      return fault(iova, len, write, reason(first));
    }
    long lastIova = iova + len - 1;
    boolean contiguous = true;
    for (long p = Pages.pfn(iova) + 1; p <= Pages.pfn(lastIova); p++) {
      long g = iommu.translate(p << Pages.PAGE_SHIFT, write);
      if (g < 0) {
        return fault(iova, len, write, reason(g));
      }
      contiguous &= g == first - Pages.offset(iova) + ((p - Pages.pfn(iova)) << Pages.PAGE_SHIFT);
    }
    long lastGpa = iommu.translate(lastIova, write);
    if (!memory.contains(first, 1) || !memory.contains(lastGpa, 1)) {
      return fault(iova, len, write, DmaFault.Reason.OUT_OF_RANGE);
    }
    return contiguous ? first : -2;
  }

  private static DmaFault.Reason reason(long code) {
    return code == -1
        ? DmaFault.Reason.UNMAPPED
        : code == -2 ? DmaFault.Reason.PERMISSION : DmaFault.Reason.OUT_OF_RANGE;
  }

  private long fault(long iova, int len, boolean write, DmaFault.Reason reason) {
    faults++;
    lastFault = new DmaFault(iova, len, write, reason);
    return -1;
  }

  /** Device read of {@code len} bytes into {@code dst}; false (and a fault) if refused. */
  public boolean read(long iova, byte[] dst, int off, int len) {
    long g = check(iova, len, false);
    if (g == -1) {
      return false;
    }
    if (g >= 0) {
      memory.rawRead(g, dst, off, len);
    } else {
      long a = iova;
      int o = off;
      int left = len;
      while (left > 0) {
        int n = Math.min(left, Pages.PAGE_SIZE - Pages.offset(a));
        memory.rawRead(iommu.translate(a, false), dst, o, n);
        a += n;
        o += n;
        left -= n;
      }
    }
    bytesRead += len;
    return true;
  }

  /** Device write of {@code len} bytes from {@code src}; false (and a fault) if refused. */
  public boolean write(long iova, byte[] src, int off, int len) {
    long g = check(iova, len, true);
    if (g == -1) {
      return false;
    }
    long a = iova;
    int o = off;
    int left = len;
    while (left > 0) {
      int n = Math.min(left, Pages.PAGE_SIZE - Pages.offset(a));
      long gpa = g >= 0 ? g + (a - iova) : iommu.translate(a, true);
      memory.rawWrite(gpa, src, o, n);
      deviceLog.mark(Pages.pfn(gpa));
      a += n;
      o += n;
      left -= n;
    }
    bytesWritten += len;
    return true;
  }

  /** Device write of a little-endian 32-bit value; false (and a fault) if refused. */
  public boolean writeInt(long iova, int v) {
    long g = check(iova, 4, true);
    if (g == -1) {
      return false;
    }
    if (g >= 0) {
      memory.rawPutInt(g, v);
      deviceLog.mark(Pages.pfn(g));
      deviceLog.mark(Pages.pfn(g + 3));
    } else {
      for (int i = 0; i < 4; i++) {
        long gpa = iommu.translate(iova + i, true);
        memory.page(Pages.pfn(gpa))[Pages.offset(gpa)] = (byte) (v >>> (8 * i));
        deviceLog.mark(Pages.pfn(gpa));
      }
    }
    bytesWritten += 4;
    return true;
  }
}
