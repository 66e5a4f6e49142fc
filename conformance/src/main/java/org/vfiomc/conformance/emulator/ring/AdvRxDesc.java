package org.vfiomc.conformance.emulator.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Advanced Rx descriptor, 16 bytes little-endian (Linux {@code union ixgbe_adv_rx_desc} in {@code
 * ixgbevf/defines.h}).
 *
 * <pre>
 * read format (driver writes)      write-back format (device writes)
 * 0..7   packet buffer address     0..1 pkt_info   2..3 hdr_info   4..7 RSS hash / ip id+csum
 * 8..15  header buffer address     8..11 status_error   12..13 length   14..15 vlan
 * </pre>
 */
public final class AdvRxDesc {
  private static final VarHandle I16 =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle I32 =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle I64 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  public static final int PKT_ADDR = 0;
  public static final int HDR_ADDR = 8;
  public static final int PKT_INFO = 0;
  public static final int HDR_INFO = 2;
  public static final int RSS = 4;
  public static final int STATUS_ERROR = 8;
  public static final int LENGTH = 12;
  public static final int VLAN = 14;

  public static final int STAT_DD = 1;
  public static final int STAT_EOP = 1 << 1;
  public static final int STAT_VP = 1 << 3;
  public static final int ERR_CE = 1 << 24;
  public static final int ERR_LE = 1 << 25;
  public static final int ERR_PE = 1 << 27;
  public static final int ERR_OSE = 1 << 28;
  public static final int ERR_USE = 1 << 29;

  /** Errors that make ixgbevf drop the frame. */
  public static final int ERR_FRAME = ERR_CE | ERR_LE | ERR_PE | ERR_OSE | ERR_USE;

  private AdvRxDesc() {}

  /** Writes the read format: buffer address, header address. */
  public static void encodeRead(byte[] d, int off, long pktAddr, long hdrAddr) {
    I64.set(d, off + PKT_ADDR, pktAddr);
    I64.set(d, off + HDR_ADDR, hdrAddr);
  }

  /** Reads the packet buffer address. */
  public static long pktAddr(byte[] d, int off) {
    return (long) I64.get(d, off + PKT_ADDR);
  }

  /** Writes the lower write-back half (bytes 0..7). */
  public static void encodeWriteBackLower(byte[] d, int off, int pktInfo, int hdrInfo, int rss) {
    I16.set(d, off + PKT_INFO, (short) pktInfo);
    I16.set(d, off + HDR_INFO, (short) hdrInfo);
    I32.set(d, off + RSS, rss);
  }

  /** Writes the upper write-back half (bytes 8..15): status/errors, length, vlan. */
  public static void encodeWriteBackUpper(
      byte[] d, int off, int statusError, int length, int vlan) {
    I32.set(d, off + STATUS_ERROR, statusError);
    I16.set(d, off + LENGTH, (short) length);
    I16.set(d, off + VLAN, (short) vlan);
  }

  /** Status/error dword. */
  public static int statusError(byte[] d, int off) {
    return (int) I32.get(d, off + STATUS_ERROR);
  }

  /** Length field. */
  public static int length(byte[] d, int off) {
    return ((short) I16.get(d, off + LENGTH)) & 0xFFFF;
  }

  /** VLAN field. */
  public static int vlan(byte[] d, int off) {
    return ((short) I16.get(d, off + VLAN)) & 0xFFFF;
  }

  /** The lower half as one little-endian long. */
  public static long lower(byte[] d, int off) {
    return (long) I64.get(d, off);
  }

  /** The upper half as one little-endian long (what a single 8-byte DMA write stores). */
  public static long upper(byte[] d, int off) {
    return (long) I64.get(d, off + 8);
  }
}
