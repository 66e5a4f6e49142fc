package org.vfiomc.conformance.replay.rxdma;

import org.vfiomc.conformance.emulator.dma.Pages;

/**
 * Where RxDma's pages live in each host's guest RAM, for a spec ring of {@code n} on a device ring
 * of {@code d} descriptors ({@link RxDmaBinding#deviceRing}). Buffer {@code b} is the page at
 * {@code BUF0 + b * 4096} (spec page {@code b}), the ring the page after the last buffer (spec page
 * {@code n}). Frame {@code p} is a 64-byte test frame with id {@code p} and byte {@link #FIRST} =
 * {@code p}.
 */
final class RxLayout {
  /** Byte of a frame that the dummy write reads and writes back. */
  static final int FIRST = 22;

  static final int PKT_LEN = 64;

  /**
   * First buffer page: 64 KiB, so guest address 0 (a written-back descriptor's) is no page of ours.
   */
  static final long BUF0 = 64L << 10;

  /** Where the bring-up driver keeps its own rings and buffers (40 KiB), past N = 64's pages. */
  static final long DRIVER_BASE = 512L << 10;

  /** Guest RAM, identity-mapped by the IOMMU: 1 MiB. */
  static final long RAM = 1L << 20;

  static final long PEER_MAC = 0x02AABBCCDDEEL;

  /** Spec ring size. */
  final int n;

  /** Device ring size: N if it is a multiple of 8, else 8 (N divides 8). */
  final int d;

  RxLayout(int n) {
    this.n = n;
    this.d = RxDmaBinding.deviceRing(n);
  }

  long ring() {
    return BUF0 + (long) n * Pages.PAGE_SIZE;
  }

  long desc(int s) {
    return ring() + 16L * s;
  }

  static long bufAddr(int b) {
    return BUF0 + (long) b * Pages.PAGE_SIZE;
  }

  long pageAddr(int page) {
    return BUF0 + (long) page * Pages.PAGE_SIZE;
  }

  /**
   * The spec's {@code addr} of a descriptor whose bytes 0-7 hold {@code lower}: buffer {@code b}
   * for a buffer page address; for anything else {@code WbAddr} (N + 2) if the device wrote the
   * descriptor back (bytes 0-7 are then pkt_info/hdr_info/RSS, which this VF writes as zeros), else
   * {@code NoBuf} (N + 1, a zeroed descriptor).
   */
  int bufIndex(long lower, boolean writtenBack) {
    long off = lower - BUF0;
    if (off >= 0 && off % Pages.PAGE_SIZE == 0 && off / Pages.PAGE_SIZE < n) {
      return (int) (off / Pages.PAGE_SIZE);
    }
    return writtenBack ? n + 2 : n + 1;
  }

  /**
   * The spec page of a dirty guest page frame, or -1 if it is none of the spec's pages 0..N (e.g.
   * guest address 0, where a re-taken written-back descriptor makes the device write: the spec's
   * WbAddr is neither tracked nor sent).
   */
  int specPage(long pfn) {
    long page = (pfn * Pages.PAGE_SIZE - BUF0) / Pages.PAGE_SIZE;
    return pfn * Pages.PAGE_SIZE >= BUF0 && page <= n ? (int) page : -1;
  }
}
