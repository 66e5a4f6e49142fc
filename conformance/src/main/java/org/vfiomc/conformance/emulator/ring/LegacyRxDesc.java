package org.vfiomc.conformance.emulator.ring;

/**
 * Legacy Rx descriptor (SRRCTL.DESCTYPE = 000b), 16 bytes little-endian: read format bytes 0..7
 * buffer address; write-back bytes 8..9 length, 10..11 fragment checksum, 12 status (the low 8
 * status bits of the advanced format: DD 0, EOP 1, VP 3), 13 errors (CE 0x01, LE 0x02, PE 0x08, OSE
 * 0x10, USE 0x20, TCPE 0x40, IPE 0x80), 14..15 VLAN. The device does not write bytes 0..7 back.
 * ({@code ../shared/reference/82599-vf.md} §2 "Legacy Rx descriptor"; the layout of the 82598EB
 * datasheet's legacy receive descriptor; ixgbevf never uses it.)
 */
public final class LegacyRxDesc {
  public static final int BUFFER_ADDR = 0;
  public static final int LENGTH = 8;
  public static final int CSUM = 10;
  public static final int STATUS = 12;
  public static final int ERRORS = 13;
  public static final int VLAN = 14;

  /** Error byte (13) bit: CRC error. */
  public static final int ERR_CE = 0x01;

  /** SRRCTL.DESCTYPE of the legacy format. */
  public static final int DESCTYPE = 0;

  private LegacyRxDesc() {}

  /** The write-back upper half (bytes 8..15) as one little-endian long. */
  public static long upper(int length, int status, int errors, int vlan) {
    return (length & 0xFFFFL)
        | ((long) (status & 0xFF) << 32)
        | ((long) (errors & 0xFF) << 40)
        | ((long) (vlan & 0xFFFF) << 48);
  }
}
