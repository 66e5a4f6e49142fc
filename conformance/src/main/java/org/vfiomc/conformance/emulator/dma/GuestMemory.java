package org.vfiomc.conformance.emulator.dma;

import static com.google.common.base.Preconditions.checkArgument;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Sparse, byte-addressed guest-physical memory in 4 KiB pages.
 *
 * <p>Two kinds of access: the guest CPU's ({@code read*}/{@code write*}; writes mark {@link
 * #cpuDirtyLog()}, the log KVM keeps for vCPU stores) and raw page transfer for a migration stream
 * ({@link #readPage}/{@link #writePage}; logs nothing). Device DMA reaches the bytes only through a
 * {@link DmaPort}. Multi-byte values are little-endian, as on x86 and the 82599.
 *
 * <p>Guest CPU accesses outside {@code [0, size)} are a bug in the caller (the guest model), hence
 * {@link IllegalArgumentException}; device accesses never throw.
 */
public final class GuestMemory {
  private static final VarHandle I16 =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle I32 =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle I64 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final long size;
  private final byte[][][] dir = new byte[Pages.DIR_SIZE][][];
  private final DirtyLog cpuLog = new DirtyLog();
  private long allocatedPages;

  /** Guest RAM of {@code size} bytes (a page multiple, at most 1 TiB); costs nothing until used. */
  public GuestMemory(long size) {
    checkArgument(
        size > 0 && Pages.offset(size) == 0 && size <= Pages.ADDRESS_LIMIT,
        "memory size %s must be a positive page multiple <= 2^40",
        size);
    this.size = size;
  }

  /** Size of guest RAM in bytes. */
  public long size() {
    return size;
  }

  /** Pages that have backing storage (were written at least once). */
  public long allocatedPages() {
    return allocatedPages;
  }

  /** The guest CPU's dirty log (vCPU stores). */
  public DirtyLog cpuDirtyLog() {
    return cpuLog;
  }

  /** True if {@code [gpa, gpa + len)} is guest RAM. */
  public boolean contains(long gpa, long len) {
    return gpa >= 0 && len >= 0 && gpa <= size - len;
  }

  // ---- page storage ---------------------------------------------------------------------------

  // The leaf of the page directory used last (a leaf covers 64 MiB). Leaves and pages are never
  // freed or replaced, so the remembered leaf never goes stale; -1 = none yet.
  private int lastDir = -1;
  private byte[][] lastLeaf;

  /** Backing page for a pfn, or null if never written. */
  byte[] pageOrNull(long pfn) {
    int d = (int) (pfn >>> Pages.LEAF_BITS);
    byte[][] leaf = d == lastDir ? lastLeaf : leaf(d);
    return leaf == null ? null : leaf[(int) (pfn & Pages.LEAF_MASK)];
  }

  private byte[][] leaf(int d) {
    byte[][] leaf = dir[d];
    if (leaf != null) {
      lastDir = d;
      lastLeaf = leaf;
    }
    return leaf;
  }

  /** Backing page for a pfn, allocated on first use. */
  byte[] page(long pfn) {
    byte[] p = pageOrNull(pfn);
    return p != null ? p : allocate(pfn);
  }

  private byte[] allocate(long pfn) {
    int d = (int) (pfn >>> Pages.LEAF_BITS);
    byte[][] leaf = dir[d];
    if (leaf == null) {
      leaf = new byte[Pages.LEAF_SIZE][];
      dir[d] = leaf;
    }
    int l = (int) (pfn & Pages.LEAF_MASK);
    byte[] p = leaf[l];
    if (p == null) {
      p = new byte[Pages.PAGE_SIZE];
      leaf[l] = p;
      allocatedPages++;
    }
    return p;
  }

  /**
   * Back to the contents and logging of a new {@code GuestMemory} of this size, for a harness that
   * reuses one memory across runs: every page that has storage is zeroed in place (a raw write,
   * marking no log; pages keep their storage, so a device's cached translation to them stays valid)
   * and the CPU dirty log is stopped and emptied. Only {@link #allocatedPages()}, a tally of
   * storage, differs from a new memory's.
   */
  public void zeroAll() {
    long pages = Pages.pfn(size - 1) + 1;
    for (long pfn = 0; pfn < pages; pfn++) {
      byte[][] leaf = dir[(int) (pfn >>> Pages.LEAF_BITS)];
      if (leaf == null) {
        pfn |= Pages.LEAF_MASK; // skip the empty leaf
        continue;
      }
      byte[] p = leaf[(int) (pfn & Pages.LEAF_MASK)];
      if (p != null) {
        java.util.Arrays.fill(p, (byte) 0);
      }
    }
    cpuLog.stop();
  }

  /** True if every byte of guest RAM reads as zero (a new memory's contents). */
  public boolean isAllZero() {
    long pages = Pages.pfn(size - 1) + 1;
    for (long pfn = 0; pfn < pages; pfn++) {
      byte[] p = pageOrNull(pfn);
      if (p != null) {
        for (byte b : p) {
          if (b != 0) {
            return false;
          }
        }
      }
    }
    return true;
  }

  // ---- raw transfer (migration), no dirty marking -----------------------------------------------

  /** Copies the page at page-aligned {@code gpa} into {@code dst[0..4096)}; no logging. */
  public void readPage(long gpa, byte[] dst) {
    checkPage(gpa, dst);
    byte[] p = pageOrNull(Pages.pfn(gpa));
    if (p == null) {
      java.util.Arrays.fill(dst, 0, Pages.PAGE_SIZE, (byte) 0);
    } else {
      System.arraycopy(p, 0, dst, 0, Pages.PAGE_SIZE);
    }
  }

  /** Overwrites the page at page-aligned {@code gpa} from {@code src[0..4096)}; no logging. */
  public void writePage(long gpa, byte[] src) {
    checkPage(gpa, src);
    System.arraycopy(src, 0, page(Pages.pfn(gpa)), 0, Pages.PAGE_SIZE);
  }

  private void checkPage(long gpa, byte[] buf) {
    checkArgument(
        Pages.offset(gpa) == 0 && contains(gpa, Pages.PAGE_SIZE),
        "page address %s not an aligned RAM page",
        gpa);
    checkArgument(buf.length >= Pages.PAGE_SIZE, "buffer shorter than a page");
  }

  // ---- raw byte movement used by DmaPort and the CPU accessors --------------------------------

  void rawRead(long gpa, byte[] dst, int off, int len) {
    int first = Pages.offset(gpa);
    if (first + len <= Pages.PAGE_SIZE) {
      byte[] p = pageOrNull(Pages.pfn(gpa));
      if (p == null) {
        java.util.Arrays.fill(dst, off, off + len, (byte) 0);
      } else {
        System.arraycopy(p, first, dst, off, len);
      }
      return;
    }
    while (len > 0) {
      int po = Pages.offset(gpa);
      int n = Math.min(len, Pages.PAGE_SIZE - po);
      byte[] p = pageOrNull(Pages.pfn(gpa));
      if (p == null) {
        java.util.Arrays.fill(dst, off, off + n, (byte) 0);
      } else {
        System.arraycopy(p, po, dst, off, n);
      }
      gpa += n;
      off += n;
      len -= n;
    }
  }

  void rawWrite(long gpa, byte[] src, int off, int len) {
    int first = Pages.offset(gpa);
    if (first + len <= Pages.PAGE_SIZE) {
      System.arraycopy(src, off, page(Pages.pfn(gpa)), first, len);
      return;
    }
    while (len > 0) {
      int po = Pages.offset(gpa);
      int n = Math.min(len, Pages.PAGE_SIZE - po);
      System.arraycopy(src, off, page(Pages.pfn(gpa)), po, n);
      gpa += n;
      off += n;
      len -= n;
    }
  }

  int rawGetInt(long gpa) {
    int po = Pages.offset(gpa);
    if (po <= Pages.PAGE_SIZE - 4) {
      byte[] p = pageOrNull(Pages.pfn(gpa));
      return p == null ? 0 : (int) I32.get(p, po);
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      v |= (rawGetByte(gpa + i) & 0xFF) << (8 * i);
    }
    return v;
  }

  long rawGetLong(long gpa) {
    int po = Pages.offset(gpa);
    if (po <= Pages.PAGE_SIZE - 8) {
      byte[] p = pageOrNull(Pages.pfn(gpa));
      return p == null ? 0 : (long) I64.get(p, po);
    }
    return (rawGetInt(gpa) & 0xFFFFFFFFL) | ((long) rawGetInt(gpa + 4) << 32);
  }

  byte rawGetByte(long gpa) {
    byte[] p = pageOrNull(Pages.pfn(gpa));
    return p == null ? 0 : p[Pages.offset(gpa)];
  }

  void rawPutInt(long gpa, int v) {
    int po = Pages.offset(gpa);
    if (po <= Pages.PAGE_SIZE - 4) {
      I32.set(page(Pages.pfn(gpa)), po, v);
      return;
    }
    for (int i = 0; i < 4; i++) {
      page(Pages.pfn(gpa + i))[Pages.offset(gpa + i)] = (byte) (v >>> (8 * i));
    }
  }

  void rawPutLong(long gpa, long v) {
    int po = Pages.offset(gpa);
    if (po <= Pages.PAGE_SIZE - 8) {
      I64.set(page(Pages.pfn(gpa)), po, v);
      return;
    }
    rawPutInt(gpa, (int) v);
    rawPutInt(gpa + 4, (int) (v >>> 32));
  }

  // ---- guest CPU accessors ------------------------------------------------------------------

  private void check(long gpa, int len) {
    if (!contains(gpa, len)) {
      throw new IllegalArgumentException(
          "guest access [" + gpa + ", +" + len + ") outside RAM of " + size + " bytes");
    }
  }

  private void markCpu(long gpa, int len) {
    if (cpuLog.isActive()) {
      cpuLog.markRange(gpa, len);
    }
  }

  /** CPU load of one byte. */
  public byte readByte(long gpa) {
    check(gpa, 1);
    return rawGetByte(gpa);
  }

  /** CPU load of a little-endian 16-bit value. */
  public int readShort(long gpa) {
    check(gpa, 2);
    int po = Pages.offset(gpa);
    if (po <= Pages.PAGE_SIZE - 2) {
      byte[] p = pageOrNull(Pages.pfn(gpa));
      return p == null ? 0 : ((short) I16.get(p, po)) & 0xFFFF;
    }
    return (rawGetByte(gpa) & 0xFF) | ((rawGetByte(gpa + 1) & 0xFF) << 8);
  }

  /** CPU load of a little-endian 32-bit value. */
  public int readInt(long gpa) {
    check(gpa, 4);
    return rawGetInt(gpa);
  }

  /** CPU load of a little-endian 64-bit value. */
  public long readLong(long gpa) {
    check(gpa, 8);
    return rawGetLong(gpa);
  }

  /** CPU copy of {@code len} bytes out of guest memory. */
  public void read(long gpa, byte[] dst, int off, int len) {
    check(gpa, len);
    rawRead(gpa, dst, off, len);
  }

  /** CPU store of one byte; marks the CPU dirty log. */
  public void writeByte(long gpa, byte v) {
    check(gpa, 1);
    page(Pages.pfn(gpa))[Pages.offset(gpa)] = v;
    markCpu(gpa, 1);
  }

  /** CPU store of a little-endian 16-bit value; marks the CPU dirty log. */
  public void writeShort(long gpa, int v) {
    check(gpa, 2);
    int po = Pages.offset(gpa);
    if (po <= Pages.PAGE_SIZE - 2) {
      I16.set(page(Pages.pfn(gpa)), po, (short) v);
    } else {
      page(Pages.pfn(gpa))[po] = (byte) v;
      page(Pages.pfn(gpa + 1))[0] = (byte) (v >>> 8);
    }
    markCpu(gpa, 2);
  }

  /** CPU store of a little-endian 32-bit value; marks the CPU dirty log. */
  public void writeInt(long gpa, int v) {
    check(gpa, 4);
    rawPutInt(gpa, v);
    markCpu(gpa, 4);
  }

  /** CPU store of a little-endian 64-bit value; marks the CPU dirty log. */
  public void writeLong(long gpa, long v) {
    check(gpa, 8);
    rawPutLong(gpa, v);
    markCpu(gpa, 8);
  }

  /** CPU copy of {@code len} bytes into guest memory; marks the CPU dirty log. */
  public void write(long gpa, byte[] src, int off, int len) {
    check(gpa, len);
    rawWrite(gpa, src, off, len);
    markCpu(gpa, len);
  }
}
