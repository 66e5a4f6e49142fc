package org.vfiomc.conformance.emulator.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Advanced Tx descriptors, 16 bytes little-endian (Linux {@code ixgbe_adv_tx_context_desc} and
 * {@code union ixgbe_adv_tx_desc} in {@code ixgbevf/defines.h}).
 *
 * <pre>
 * data (read)   0..7 buffer address | 8..11 cmd_type_len | 12..15 olinfo_status
 * write-back    0..7 reserved       | 8..11 nxtseq_seed  | 12..15 status (DD = bit 0)
 * cmd_type_len: 15:0 DTALEN, 23:20 DTYP (0011 data, 0010 context), 24 EOP, 25 IFCS, 27 RS,
 *               29 DEXT, 30 VLE, 31 TSE
 * olinfo_status: 3:0 STA, 7 CC, 13:8 POPTS, 31:14 PAYLEN
 * </pre>
 */
public final class AdvTxDesc {
  private static final VarHandle I32 =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle I64 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  public static final int ADDR = 0;
  public static final int CMD_TYPE_LEN = 8;
  public static final int OLINFO_STATUS = 12;

  public static final int DTALEN_MASK = 0xFFFF;
  public static final int DTYP_SHIFT = 20;
  public static final int DTYP_DATA = 0x3;
  public static final int DTYP_CONTEXT = 0x2;
  public static final int CMD_EOP = 1 << 24;
  public static final int CMD_IFCS = 1 << 25;
  public static final int CMD_RS = 1 << 27;
  public static final int CMD_DEXT = 1 << 29;
  public static final int STA_DD = 1;
  public static final int OLINFO_CC = 1 << 7;
  public static final int PAYLEN_SHIFT = 14;

  private AdvTxDesc() {}

  /** cmd_type_len of a data descriptor as ixgbevf builds it (IFCS | DEXT | DTYP=data). */
  public static int dataCmd(int length, boolean eop, boolean rs) {
    return (length & DTALEN_MASK)
        | (DTYP_DATA << DTYP_SHIFT)
        | CMD_IFCS
        | CMD_DEXT
        | (eop ? CMD_EOP : 0)
        | (rs ? CMD_RS : 0);
  }

  /** Writes a data descriptor. */
  public static void encodeData(byte[] d, int off, long addr, int cmdTypeLen, int olinfo) {
    I64.set(d, off + ADDR, addr);
    I32.set(d, off + CMD_TYPE_LEN, cmdTypeLen);
    I32.set(d, off + OLINFO_STATUS, olinfo);
  }

  /** Buffer address. */
  public static long addr(byte[] d, int off) {
    return (long) I64.get(d, off + ADDR);
  }

  /** cmd_type_len dword. */
  public static int cmdTypeLen(byte[] d, int off) {
    return (int) I32.get(d, off + CMD_TYPE_LEN);
  }

  /** olinfo_status dword (status on write-back). */
  public static int olinfoStatus(byte[] d, int off) {
    return (int) I32.get(d, off + OLINFO_STATUS);
  }
}
