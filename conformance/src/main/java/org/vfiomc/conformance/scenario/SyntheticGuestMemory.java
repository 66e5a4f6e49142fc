package org.vfiomc.conformance.scenario;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;

import java.util.BitSet;
import org.vfiomc.conformance.orchestrator.GuestMemoryMigration;

/**
 * Guest RAM reduced to one version number per page on each side: a guest write bumps the source
 * page's version (and marks it dirty while tracking is on); a copy moves the version to the
 * destination. The migration is memory-correct iff every destination page has the source's version.
 * The synthetic devices write no guest RAM by DMA (only P2P into each other), so the default {@link
 * #dmaDirtySupport()} holds: their DMA logs stay empty, and every host model tracks the same pages.
 */
public final class SyntheticGuestMemory implements GuestMemoryMigration {
  private final int pageSize;
  private final long[] source;
  private final long[] destination;
  private final BitSet dirty = new BitSet();
  private boolean tracking;

  public SyntheticGuestMemory(int pages, int pageSize) {
    checkArgument(pages > 0, "pages must be positive");
    checkArgument(pageSize > 0, "page size must be positive");
    this.pageSize = pageSize;
    this.source = new long[pages];
    this.destination = new long[pages];
  }

  /** The guest writes page {@code page} of the source. */
  public void guestWrite(long page) {
    int p = checkElementIndex((int) page, source.length, "page");
    source[p]++;
    if (tracking) {
      dirty.set(p);
    }
  }

  /** Pages whose destination copy differs from the source. */
  public long mismatchedPages() {
    long n = 0;
    for (int i = 0; i < source.length; i++) {
      n += source[i] != destination[i] ? 1 : 0;
    }
    return n;
  }

  @Override
  public int pageSize() {
    return pageSize;
  }

  @Override
  public long pageCount() {
    return source.length;
  }

  @Override
  public void startDirtyTracking() {
    tracking = true;
    dirty.clear();
  }

  @Override
  public long[] readAndClearDirty() {
    long[] pages = dirty.stream().asLongStream().toArray();
    dirty.clear();
    return pages;
  }

  @Override
  public long dirtyPageCount() {
    return dirty.cardinality();
  }

  @Override
  public void copyPage(long page) {
    int p = checkElementIndex((int) page, source.length, "page");
    destination[p] = source[p];
  }

  @Override
  public void stopDirtyTracking() {
    tracking = false;
  }
}
