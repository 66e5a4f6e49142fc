package org.vfiomc.conformance.emulator.mailbox;

/** Mailbox message IDs, word-0 flags and VFMAILBOX bits (Linux {@code ixgbevf/mbx.h}). */
public final class MboxMsg {
  private MboxMsg() {}

  public static final int RESET = 0x01;
  public static final int SET_MAC_ADDR = 0x02;
  public static final int SET_MULTICAST = 0x03;
  public static final int SET_VLAN = 0x04;
  public static final int SET_LPE = 0x05;
  public static final int SET_MACVLAN = 0x06;
  public static final int API_NEGOTIATE = 0x08;
  public static final int GET_QUEUES = 0x09;
  public static final int GET_RETA = 0x0A;
  public static final int GET_RSS_KEY = 0x0B;
  public static final int UPDATE_XCAST_MODE = 0x0C;
  public static final int GET_LINK_STATE = 0x10;
  public static final int FEATURES_NEGOTIATE = 0x12;
  public static final int PF_CONTROL_MSG = 0x0100;

  /** Word 0 bit 29: clear to send. */
  public static final int CTS = 0x20000000;

  /** Word 0 bit 30: failure. */
  public static final int NACK = 0x40000000;

  /** Word 0 bit 31: success. */
  public static final int ACK = 0x80000000;

  /** API enum wire values. */
  public static final int API_10 = 0;

  public static final int API_11 = 2;
  public static final int API_12 = 3;
  public static final int API_13 = 4;
  public static final int API_14 = 5;
  public static final int API_15 = 6;
  public static final int API_16 = 7;
  public static final int API_17 = 8;

  /** VFMAILBOX bits. */
  public static final int MB_REQ = 0x01;

  public static final int MB_ACK = 0x02;
  public static final int MB_VFU = 0x04;
  public static final int MB_PFU = 0x08;
  public static final int MB_PFSTS = 0x10;
  public static final int MB_PFACK = 0x20;
  public static final int MB_RSTI = 0x40;
  public static final int MB_RSTD = 0x80;

  /** Read-to-clear bits: PFSTS, PFACK, RSTD. */
  public static final int MB_R2C = MB_PFSTS | MB_PFACK | MB_RSTD;

  /** Packs a MAC (first byte most significant) into mailbox words 1..2 as the kernel does. */
  public static void putMac(int[] w, int at, long mac) {
    int b0 = (int) (mac >>> 40) & 0xFF;
    int b1 = (int) (mac >>> 32) & 0xFF;
    int b2 = (int) (mac >>> 24) & 0xFF;
    int b3 = (int) (mac >>> 16) & 0xFF;
    int b4 = (int) (mac >>> 8) & 0xFF;
    int b5 = (int) mac & 0xFF;
    w[at] = b0 | b1 << 8 | b2 << 16 | b3 << 24;
    w[at + 1] = b4 | b5 << 8;
  }

  /** Unpacks a MAC from mailbox words {@code at}, {@code at + 1}. */
  public static long getMac(int[] w, int at) {
    long m = 0;
    for (int i = 0; i < 4; i++) {
      m = (m << 8) | ((w[at] >>> (8 * i)) & 0xFF);
    }
    for (int i = 0; i < 2; i++) {
      m = (m << 8) | ((w[at + 1] >>> (8 * i)) & 0xFF);
    }
    return m;
  }
}
