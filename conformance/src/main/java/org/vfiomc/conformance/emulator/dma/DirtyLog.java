package org.vfiomc.conformance.emulator.dma;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * A page-granular dirty log with the life cycle of VFIO device DMA logging and iommufd dirty
 * tracking: {@link #start()}, {@link #stop()} and {@link #readAndClear(long, long)} of a range.
 *
 * <p>While stopped, {@link #mark(long)} records nothing. Starting clears any old bits (a new
 * logging session begins clean). Storage is a sparse two-level bitmap, so a 1 TiB address space
 * costs nothing until pages are marked.
 */
public final class DirtyLog {
  private static final int WORDS_PER_LEAF = 4096; // 4096 * 64 pages = 1 GiB per leaf
  private static final int PAGES_PER_LEAF = WORDS_PER_LEAF * 64;
  private static final int LEAF_SHIFT = Integer.numberOfTrailingZeros(PAGES_PER_LEAF);
  private final long[][] leaves =
      new long[(int) (Pages.ADDRESS_LIMIT >>> Pages.PAGE_SHIFT) / PAGES_PER_LEAF][];

  /**
   * Per leaf, the words that may hold a bit: {@code [touchedLo, touchedHi]} (empty when lo > hi).
   * Discarding the bitmap zeroes just those words and keeps the leaves, so a log started and
   * stopped many times (one migration per replay) allocates its leaves once.
   */
  private final int[] touchedLo = new int[leaves.length];

  private final int[] touchedHi = new int[leaves.length];
  private boolean active;

  {
    Arrays.fill(touchedLo, Integer.MAX_VALUE);
    Arrays.fill(touchedHi, -1);
  }

  /** Whether a page was marked since the last discard (if not, there is nothing to clear). */
  private boolean marked;

  /** Clears every bit; leaves stay allocated. */
  private void discard() {
    if (!marked) {
      return; // every leaf's range is still [MAX_VALUE, -1]
    }
    for (int l = 0; l < leaves.length; l++) {
      if (touchedHi[l] >= touchedLo[l]) {
        Arrays.fill(leaves[l], touchedLo[l], touchedHi[l] + 1, 0L);
        touchedLo[l] = Integer.MAX_VALUE;
        touchedHi[l] = -1;
      }
    }
    marked = false;
  }

  /**
   * Changes whenever bits can disappear (start, stop, read-and-clear). A writer that remembers the
   * epoch in which it marked a page may skip marking it again until the epoch changes: the bit is
   * still set.
   */
  private long epoch = 1;

  /** Starts logging; previously recorded bits are discarded. */
  public void start() {
    discard();
    active = true;
    epoch++;
  }

  /** Stops logging and discards the bitmap. */
  public void stop() {
    active = false;
    discard();
    epoch++;
  }

  /**
   * The clearing epoch: a page marked while the epoch had this value is still marked while it has
   * it. Never 0.
   */
  public long epoch() {
    return epoch;
  }

  /** True while logging. */
  public boolean isActive() {
    return active;
  }

  /** Marks the page with frame number {@code pfn}; no effect while stopped. */
  public void mark(long pfn) {
    if (!active) {
      return;
    }
    int page = (int) pfn; // < 2^28 (40-bit space), so shifts equal division and remainder
    int leaf = page >>> LEAF_SHIFT;
    long[] words = leaves[leaf];
    if (words == null) {
      words = new long[WORDS_PER_LEAF];
      leaves[leaf] = words;
    }
    int w = (page & (PAGES_PER_LEAF - 1)) >>> 6;
    words[w] |= 1L << page;
    marked = true;
    if (w < touchedLo[leaf]) {
      touchedLo[leaf] = w;
    }
    if (w > touchedHi[leaf]) {
      touchedHi[leaf] = w;
    }
  }

  /** Marks every page overlapping {@code [addr, addr + len)}. */
  public void markRange(long addr, long len) {
    if (!active || len <= 0) {
      return;
    }
    for (long p = Pages.pfn(addr); p <= Pages.pfn(addr + len - 1); p++) {
      mark(p);
    }
  }

  /** True if the page holding {@code addr} is marked. */
  public boolean isDirty(long addr) {
    int page = (int) Pages.pfn(addr);
    long[] words = leaves[page / PAGES_PER_LEAF];
    if (words == null) {
      return false;
    }
    int bit = page % PAGES_PER_LEAF;
    return (words[bit >>> 6] & (1L << bit)) != 0;
  }

  /**
   * Returns the page-aligned addresses of the dirty pages overlapping {@code [addr, addr + len)},
   * ascending, and clears them (the {@code read_and_clear_dirty} of iommufd).
   */
  public long[] readAndClear(long addr, long len) {
    checkArgument(Pages.inRange(addr, len), "range [%s, +%s) outside address space", addr, len);
    if (len == 0) {
      return new long[0];
    }
    epoch++;
    long first = Pages.pfn(addr);
    long last = Pages.pfn(addr + len - 1);
    long[] out = new long[16];
    int n = 0;
    for (long p = first; p <= last; p++) {
      int page = (int) p;
      int leaf = page / PAGES_PER_LEAF;
      long[] words = leaves[leaf];
      if (words == null || touchedHi[leaf] < touchedLo[leaf]) {
        p = (long) (leaf + 1) * PAGES_PER_LEAF - 1; // skip the empty leaf
        continue;
      }
      int bit = page % PAGES_PER_LEAF;
      if (words[bit >>> 6] == 0) {
        p += 63 - (bit & 63); // skip the empty word
        continue;
      }
      long mask = 1L << bit;
      if ((words[bit >>> 6] & mask) != 0) {
        words[bit >>> 6] &= ~mask;
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = p << Pages.PAGE_SHIFT;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
