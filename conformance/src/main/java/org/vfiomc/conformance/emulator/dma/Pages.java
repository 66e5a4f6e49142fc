package org.vfiomc.conformance.emulator.dma;

/** Page arithmetic shared by guest memory, the IOMMU and the dirty logs (4 KiB pages). */
public final class Pages {
  /** log2 of the page size. */
  public static final int PAGE_SHIFT = 12;

  /** 4096: the page size of x86 guests and of the IOMMU mappings VFIO installs. */
  public static final int PAGE_SIZE = 1 << PAGE_SHIFT;

  /** Guest-physical and IOVA addresses are 40 bits wide (1 TiB), enough for any test VM. */
  public static final int ADDRESS_BITS = 40;

  /** First address beyond the modelled space. */
  public static final long ADDRESS_LIMIT = 1L << ADDRESS_BITS;

  static final int LEAF_BITS = 14;
  static final int LEAF_SIZE = 1 << LEAF_BITS;
  static final int LEAF_MASK = LEAF_SIZE - 1;
  static final int DIR_SIZE = 1 << (ADDRESS_BITS - PAGE_SHIFT - LEAF_BITS);

  private Pages() {}

  /** True if {@code [addr, addr + len)} lies inside the modelled address space. */
  public static boolean inRange(long addr, long len) {
    return addr >= 0 && len >= 0 && addr <= ADDRESS_LIMIT - len;
  }

  /** Page frame number of an address. */
  public static long pfn(long addr) {
    return addr >>> PAGE_SHIFT;
  }

  /** Offset of an address inside its page. */
  public static int offset(long addr) {
    return (int) (addr & (PAGE_SIZE - 1));
  }
}
