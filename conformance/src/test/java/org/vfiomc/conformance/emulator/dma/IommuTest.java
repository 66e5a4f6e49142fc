package org.vfiomc.conformance.emulator.dma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The IOMMU domain's page table (VFIO_IOMMU_MAP_DMA / UNMAP_DMA in miniature; issue 13, item 5: PIT
 * survivors of {@code Iommu}): page-aligned mappings with read and write permission, the translate
 * codes its javadoc names, and the mapped-page tally.
 */
final class IommuTest {
  private final Iommu iommu = new Iommu();

  @Test
  void translate_keepsTheOffset_andNamesEachRefusal() {
    iommu.map(0x40000, 0x123000, 2 * 4096, true, false); // read-only
    iommu.map(0x50000, 0x200000, 4096, false, true); // write-only
    assertEquals(0x123ABC, iommu.translate(0x40ABC, false));
    assertEquals(0x124FFF, iommu.translate(0x41FFF, false), "second page of the mapping");
    assertEquals(-2, iommu.translate(0x40ABC, true), "no write permission");
    assertEquals(0x200010, iommu.translate(0x50010, true));
    assertEquals(-2, iommu.translate(0x50010, false), "no read permission");
    assertEquals(-1, iommu.translate(0x42000, false), "after the mapping");
    assertEquals(-1, iommu.translate(0x3FFFF, false), "before it");
    assertEquals(-1, iommu.translate(0x2_0000_0000L, false), "a leaf with no table");
    assertEquals(-3, iommu.translate(-1, false));
    assertEquals(-3, iommu.translate(Pages.ADDRESS_LIMIT, false));
    assertEquals(-1, iommu.translate(Pages.ADDRESS_LIMIT - 1, false), "the last IOVA is valid");
  }

  @Test
  void mappedPages_countsEachPageOnce() {
    iommu.map(0, 0, 3 * 4096, true, true);
    assertEquals(3, iommu.mappedPages());
    iommu.map(4096, 0x10000, 4096, true, false); // remapping a mapped page adds none
    assertEquals(3, iommu.mappedPages());
    assertEquals(0x10000, iommu.translate(4096, false));
    iommu.unmap(0, 2 * 4096);
    assertEquals(1, iommu.mappedPages());
    iommu.unmap(0, 2 * 4096); // unmapping unmapped pages removes none
    assertEquals(1, iommu.mappedPages());
    iommu.unmap(0x4000_0000L, 4096); // a leaf never allocated
    assertEquals(1, iommu.mappedPages());
    assertEquals(0x2000, iommu.translate(0x2000, true));
  }

  @Test
  void everyMapAndUnmap_changesTheGeneration_andTellsTheListeners() {
    int[] calls = new int[1];
    iommu.onChange(() -> calls[0]++);
    long g0 = iommu.generation();
    iommu.map(0, 0, 4096, true, true);
    long g1 = iommu.generation();
    iommu.unmap(0, 4096);
    long g2 = iommu.generation();
    assertEquals(g0 + 1, g1);
    assertEquals(g1 + 1, g2);
    assertEquals(2, calls[0]);
  }

  @Test
  void mapIdentity_mapsFromZero_readWrite() {
    iommu.mapIdentity(1 << 20);
    assertEquals(256, iommu.mappedPages());
    assertEquals(0xFFFFF, iommu.translate(0xFFFFF, true));
    assertEquals(0, iommu.translate(0, true), "IOVA 0 is an address like any other");
    assertEquals(-1, iommu.translate(1 << 20, false));
  }

  @Test
  void badMappings_areRefused() {
    assertThrows(IllegalArgumentException.class, () -> iommu.map(1, 0, 4096, true, true));
    assertThrows(IllegalArgumentException.class, () -> iommu.map(0, 1, 4096, true, true));
    assertThrows(IllegalArgumentException.class, () -> iommu.map(0, 0, 0, true, true));
    assertThrows(IllegalArgumentException.class, () -> iommu.map(0, 0, 100, true, true));
    assertThrows(IllegalArgumentException.class, () -> iommu.map(0, 0, -4096, true, true));
    assertThrows(IllegalArgumentException.class, () -> iommu.map(0, 0, 4096, false, false));
    assertThrows(
        IllegalArgumentException.class,
        () -> iommu.map(Pages.ADDRESS_LIMIT - 4096, 0, 2 * 4096, true, true));
    assertThrows(
        IllegalArgumentException.class,
        () -> iommu.map(0, Pages.ADDRESS_LIMIT - 4096, 2 * 4096, true, true));
    assertThrows(IllegalArgumentException.class, () -> iommu.unmap(1, 4096));
    assertThrows(IllegalArgumentException.class, () -> iommu.unmap(0, 100));
    assertThrows(IllegalArgumentException.class, () -> iommu.unmap(Pages.ADDRESS_LIMIT, 4096));
    assertEquals(0, iommu.mappedPages());
    assertEquals(0, iommu.generation(), "a refused change changes nothing");
  }

  @Test
  void theLastPageOfTheSpace_canBeMapped() {
    iommu.map(Pages.ADDRESS_LIMIT - 4096, Pages.ADDRESS_LIMIT - 4096, 4096, true, true);
    assertEquals(Pages.ADDRESS_LIMIT - 1, iommu.translate(Pages.ADDRESS_LIMIT - 1, true));
  }

  @Test
  void pages_arithmetic() {
    assertEquals(0x12345L, Pages.pfn(0x12345ABCL));
    assertEquals(0xABC, Pages.offset(0x12345ABCL));
    assertEquals(true, Pages.inRange(Pages.ADDRESS_LIMIT - 10, 10));
    assertEquals(false, Pages.inRange(Pages.ADDRESS_LIMIT - 10, 11));
    assertEquals(false, Pages.inRange(-1, 1));
    assertEquals(false, Pages.inRange(0, -1));
    assertEquals(true, Pages.inRange(0, 0));
  }
}
