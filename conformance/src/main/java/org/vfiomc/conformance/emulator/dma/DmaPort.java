package org.vfiomc.conformance.emulator.dma;

import org.vfiomc.conformance.emulator.packet.Frame;

/**
 * The DMA engine of one PCI function (one requester ID): every access is translated by the
 * function's {@link Iommu}; writes mark the device dirty log; nothing throws.
 *
 * <p>An access is all-or-nothing: every page of the range is translated before any byte moves, so a
 * refused access leaves memory untouched. Refusals are counted and the last one is kept. While
 * {@link #setAllowed(boolean) DMA is not allowed} (bus master off, or a migration state in which
 * the device must not touch memory) every access is refused with {@link DmaFault.Reason#BLOCKED}.
 */
public final class DmaPort {
  private final GuestMemory memory;
  private final Iommu iommu;
  private final DirtyLog deviceLog = new DirtyLog();
  private boolean allowed = true;
  private long faults;
  private long blocked;
  private DmaFault lastFault;

  // A direct-mapped translation cache (IOTLB) of IOVA page -> backing page. Entries exist only
  // for pages that are mapped and have storage; the IOMMU flushes it on every map and unmap.
  // Entry i is tlb[4i .. 4i+3] (one cache line holds two entries):
  //   READ_TAG, WRITE_TAG  pfn + 1 if the page may be read / written, else 0 (a hit is one compare)
  //   GPA_PFN              the guest-physical page (what the device dirty log records)
  //   MARKED               the device log's epoch in which the page was last marked, 0 = not since
  //                        it was cached: a write hit marks its page once per epoch, i.e. once
  //                        after each read-and-clear of the log
  // 512 entries cover the buffers of a 1024-descriptor ring of 2 KiB buffers.
  private static final int TLB = 512;
  private static final int READ_TAG = 0;
  private static final int WRITE_TAG = 1;
  private static final int GPA_PFN = 2;
  private static final int MARKED = 3;
  private final long[] tlb = new long[4 * TLB];
  private final byte[][] tlbPage = new byte[TLB][];
  private boolean lastOk;

  private void flushTlb() {
    java.util.Arrays.fill(tlb, 0);
    java.util.Arrays.fill(tlbPage, null);
  }

  private static int entry(long iovaPfn) {
    return (int) iovaPfn & (TLB - 1);
  }

  /** Records a device write to the page of IOTLB entry {@code i} in the device dirty log. */
  private void markEntry(int i) {
    long e = deviceLog.epoch();
    if (tlb[4 * i + MARKED] != e) {
      deviceLog.mark(tlb[4 * i + GPA_PFN]);
      tlb[4 * i + MARKED] = e;
    }
  }

  /** The backing page of an IOVA page if cached or cacheable, else null (slow path). */
  private byte[] tlb(long iovaPfn, boolean write) {
    int i = entry(iovaPfn);
    if (tlb[4 * i + (write ? WRITE_TAG : READ_TAG)] == iovaPfn + 1) {
      return tlbPage[i];
    }
    return tlbFill(iovaPfn, write);
  }

  /** IOTLB miss: one page-table walk, then the entry is cached if the page has storage. */
  private byte[] tlbFill(long iovaPfn, boolean write) {
    int i = entry(iovaPfn);
    long g = iommu.translate(iovaPfn << Pages.PAGE_SHIFT, false);
    if (g < 0 || !memory.contains(g, Pages.PAGE_SIZE)) {
      return null;
    }
    byte[] p = memory.pageOrNull(Pages.pfn(g));
    if (p == null) {
      return null;
    }
    boolean writable = iommu.translate(iovaPfn << Pages.PAGE_SHIFT, true) >= 0;
    tlb[4 * i + READ_TAG] = iovaPfn + 1;
    tlb[4 * i + WRITE_TAG] = writable ? iovaPfn + 1 : 0;
    tlb[4 * i + GPA_PFN] = Pages.pfn(g);
    tlb[4 * i + MARKED] = 0;
    tlbPage[i] = p;
    return !write || writable ? p : null;
  }

  /** True if the last {@link #readLong} succeeded. */
  public boolean lastReadOk() {
    return lastOk;
  }

  /**
   * Device read of a little-endian 64-bit value. On refusal returns 0, records the fault and {@link
   * #lastReadOk()} becomes false.
   */
  public long readLong(long iova) {
    int po = Pages.offset(iova);
    if (allowed && iova >= 0 && po <= Pages.PAGE_SIZE - 8) {
      byte[] p = tlb(iova >>> Pages.PAGE_SHIFT, false);
      if (p != null) {
        lastOk = true;
        return (long) I64.get(p, po);
      }
    }
    lastOk = read(iova, scratch8, 0, 8);
    return lastOk ? (long) I64.get(scratch8, 0) : 0;
  }

  private final byte[] scratch8 = new byte[8];
  private static final java.lang.invoke.VarHandle I64 =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /** A port translating through {@code iommu} into {@code memory}. */
  public DmaPort(GuestMemory memory, Iommu iommu) {
    this.memory = memory;
    this.iommu = iommu;
    iommu.onChange(this::flushTlb);
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

  /** The last refused access, or null. */
  public DmaFault lastFault() {
    return lastFault;
  }

  /**
   * Back to the state of a new port on the same memory and IOMMU, for a harness that reuses one
   * port across runs: DMA allowed, no fault or refusal counted, the device dirty log stopped and
   * emptied, the IOTLB flushed.
   */
  public void reset() {
    allowed = true;
    faults = 0;
    blocked = 0;
    lastFault = null;
    lastOk = false;
    deviceLog.stop();
    flushTlb();
  }

  /** Restores the fault counters (device state after migration). */
  public void restoreCounters(long faults, long blocked) {
    this.faults = faults;
    this.blocked = blocked;
  }

  /**
   * Translates and checks a range; returns the guest-physical address of its first byte if the
   * whole range maps to contiguous guest memory, {@code -2} if it is valid but spans discontiguous
   * pages (callers go page by page), or {@code -1} after recording a fault.
   */
  private long check(long iova, int len, boolean write) {
    if (allowed && len > 0 && Pages.offset(iova) + len <= Pages.PAGE_SIZE) {
      // fast path: the access stays inside one page
      long g = iommu.translate(iova, write);
      if (g >= 0 && memory.contains(g, len)) {
        return g;
      }
    }
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
    // every page must be guest RAM, not only the first and the last (RAM is whole pages, so a page
    // is RAM if its first byte is)
    boolean inRam = memory.contains(first, 1);
    for (long p = Pages.pfn(iova) + 1; p <= Pages.pfn(lastIova); p++) {
      long g = iommu.translate(p << Pages.PAGE_SHIFT, write);
      if (g < 0) {
        return fault(iova, len, write, reason(g));
      }
      inRam &= memory.contains(g, 1);
      contiguous &= g == first - Pages.offset(iova) + ((p - Pages.pfn(iova)) << Pages.PAGE_SHIFT);
    }
    if (!inRam) {
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
    return true;
  }

  /** Device write of {@code len} bytes from {@code src}; false (and a fault) if refused. */
  public boolean write(long iova, byte[] src, int off, int len) {
    int po = Pages.offset(iova);
    if (allowed && iova >= 0 && len > 0 && po + len <= Pages.PAGE_SIZE) {
      byte[] p = tlb(iova >>> Pages.PAGE_SHIFT, true);
      if (p != null) { // fast path: one cached page
        System.arraycopy(src, off, p, po, len);
        markEntry(entry(iova >>> Pages.PAGE_SHIFT));
        return true;
      }
    }
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
    return true;
  }

  /**
   * Device write of {@code len} bytes of a frame starting at {@code from}, without an intermediate
   * copy when the target is one cached page; false (and a fault) if refused.
   */
  public boolean write(long iova, Frame f, int from, int len, byte[] scratch) {
    int po = Pages.offset(iova);
    if (allowed && iova >= 0 && len > 0 && po + len <= Pages.PAGE_SIZE) {
      byte[] p = tlb(iova >>> Pages.PAGE_SHIFT, true);
      if (p != null) {
        f.copyTo(from, p, po, len);
        markEntry(entry(iova >>> Pages.PAGE_SHIFT));
        return true;
      }
    }
    f.copyTo(from, scratch, 0, len);
    return write(iova, scratch, 0, len);
  }

  /**
   * A posted device write of {@code len} bytes of a frame, as PCIe has it (issue 10, item 4): the
   * write is split at page boundaries and each page is translated on its own; a page the IOMMU
   * refuses is discarded (a fault is recorded for it; the device gets no completion and carries
   * on), the pages that translate are written. So a buffer across a mapped and an unmapped page is
   * written partly. Returns true if every byte landed. With the DMA gate closed nothing is written
   * (the device may not issue DMA at all).
   */
  public boolean writePosted(long iova, Frame f, int from, int len, byte[] scratch) {
    if (!allowed) {
      blocked++;
      lastFault = new DmaFault(iova, len, true, DmaFault.Reason.BLOCKED);
      return false;
    }
    if (write(iova, f, from, len, scratch)) {
      return true; // the common case: every page translates
    }
    // the all-or-nothing attempt faulted (counted once): now write what translates, page by page
    boolean all = true;
    long a = iova;
    int o = from;
    int left = len;
    while (left > 0) {
      int n = Math.min(left, Pages.PAGE_SIZE - Pages.offset(a));
      long g = a >= 0 && Pages.inRange(a, n) ? iommu.translate(a, true) : -1;
      if (g >= 0 && memory.contains(g, n)) {
        f.copyTo(o, scratch, 0, n);
        memory.rawWrite(g, scratch, 0, n);
        deviceLog.mark(Pages.pfn(g));
      } else {
        all = false;
      }
      a += n;
      o += n;
      left -= n;
    }
    return all;
  }

  /** Device write of a little-endian 64-bit value; false (and a fault) if refused. */
  public boolean writeLong(long iova, long v) {
    int po = Pages.offset(iova);
    if (allowed && iova >= 0 && po <= Pages.PAGE_SIZE - 8) {
      byte[] p = tlb(iova >>> Pages.PAGE_SHIFT, true);
      if (p != null) {
        I64.set(p, po, v);
        markEntry(entry(iova >>> Pages.PAGE_SHIFT));
        return true;
      }
    }
    long g = check(iova, 8, true);
    if (g == -1) {
      return false;
    }
    if (g >= 0) {
      memory.rawPutLong(g, v);
      deviceLog.mark(Pages.pfn(g));
      deviceLog.mark(Pages.pfn(g + 7));
    } else {
      writeInt(iova, (int) v);
      writeInt(iova + 4, (int) (v >>> 32));
    }
    return true;
  }

  /**
   * Device write of two little-endian 64-bit values as one access of 16 bytes: {@code first} at
   * {@code iova}, then {@code second} at {@code iova + 8} (a descriptor write-back, whose upper
   * half with DD and length must land last). All or nothing; false (and a fault) if refused.
   */
  public boolean writeLongPair(long iova, long first, long second) {
    int po = Pages.offset(iova);
    if (allowed && iova >= 0 && po <= Pages.PAGE_SIZE - 16) {
      byte[] p = tlb(iova >>> Pages.PAGE_SHIFT, true);
      if (p != null) {
        I64.set(p, po, first);
        I64.set(p, po + 8, second);
        markEntry(entry(iova >>> Pages.PAGE_SHIFT));
        return true;
      }
    }
    if (check(iova, 16, true) == -1) {
      return false;
    }
    return writeLong(iova, first) && writeLong(iova + 8, second); // both translate: checked
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
    return true;
  }
}
