package org.vfiomc.conformance.emulator.dma;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The function's IOMMU domain: a page table from IOVA pages to guest-physical pages with read and
 * write permission (VFIO_IOMMU_MAP_DMA in miniature). Sparse two-level table.
 */
public final class Iommu {
  private static final long READ = 1;
  private static final long WRITE = 2;
  private final long[][] dir = new long[Pages.DIR_SIZE][];
  private long mappedPages;
  private long generation;
  private final java.util.List<Runnable> invalidations = new java.util.ArrayList<>();

  /** Registers a callback run whenever a mapping changes (DMA ports flush their IOTLB). */
  void onChange(Runnable r) {
    invalidations.add(r);
  }

  private void changed() {
    generation++;
    for (Runnable r : invalidations) {
      r.run();
    }
  }

  /** Changes whenever a mapping changes (DMA ports drop cached translations when it does). */
  public long generation() {
    return generation;
  }

  /** Maps {@code [iova, iova + len)} to {@code [gpa, gpa + len)}; both page aligned. */
  public void map(long iova, long gpa, long len, boolean read, boolean write) {
    checkArgument(
        Pages.offset(iova) == 0 && Pages.offset(gpa) == 0, "unaligned map %s->%s", iova, gpa);
    checkArgument(len > 0 && Pages.offset(len) == 0, "length %s not a positive page multiple", len);
    checkArgument(Pages.inRange(iova, len) && Pages.inRange(gpa, len), "map outside space");
    long perms = (read ? READ : 0) | (write ? WRITE : 0);
    checkArgument(perms != 0, "a mapping needs read or write permission");
    changed();
    for (long i = 0; i < len >>> Pages.PAGE_SHIFT; i++) {
      long p = Pages.pfn(iova) + i;
      long[] leaf = dir[(int) (p >>> Pages.LEAF_BITS)];
      if (leaf == null) {
        leaf = new long[Pages.LEAF_SIZE];
        dir[(int) (p >>> Pages.LEAF_BITS)] = leaf;
      }
      if (leaf[(int) (p & Pages.LEAF_MASK)] == 0) {
        mappedPages++;
      }
      leaf[(int) (p & Pages.LEAF_MASK)] = ((Pages.pfn(gpa) + i) << 2) | perms;
    }
  }

  /** Identity-maps {@code [0, len)} read/write (a guest without a vIOMMU). */
  public void mapIdentity(long len) {
    map(0, 0, len, true, true);
  }

  /** Removes the mappings of {@code [iova, iova + len)}. */
  public void unmap(long iova, long len) {
    checkArgument(
        Pages.offset(iova) == 0 && Pages.offset(len) == 0 && Pages.inRange(iova, len),
        "bad unmap range");
    changed();
    for (long p = Pages.pfn(iova); p < Pages.pfn(iova + len); p++) {
      long[] leaf = dir[(int) (p >>> Pages.LEAF_BITS)];
      if (leaf != null && leaf[(int) (p & Pages.LEAF_MASK)] != 0) {
        leaf[(int) (p & Pages.LEAF_MASK)] = 0;
        mappedPages--;
      }
    }
  }

  /** Number of mapped IOVA pages. */
  public long mappedPages() {
    return mappedPages;
  }

  /**
   * Translates one IOVA page. Returns the guest-physical address of the byte, or a negative value:
   * {@code -1} unmapped, {@code -2} permission denied, {@code -3} out of range.
   */
  public long translate(long iova, boolean write) {
    if (iova < 0 || iova >= Pages.ADDRESS_LIMIT) {
      return -3;
    }
    long p = iova >>> Pages.PAGE_SHIFT;
    long[] leaf = dir[(int) (p >>> Pages.LEAF_BITS)];
    long e = leaf == null ? 0 : leaf[(int) (p & Pages.LEAF_MASK)];
    if (e == 0) {
      return -1;
    }
    if ((e & (write ? WRITE : READ)) == 0) {
      return -2;
    }
    return ((e >>> 2) << Pages.PAGE_SHIFT) | (iova & (Pages.PAGE_SIZE - 1));
  }
}
