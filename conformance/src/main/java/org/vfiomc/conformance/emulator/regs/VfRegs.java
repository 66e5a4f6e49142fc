package org.vfiomc.conformance.emulator.regs;

/**
 * VF BAR0 offsets and bit definitions; names and values follow Linux {@code ixgbevf/regs.h}, {@code
 * defines.h} and {@code mbx.h}.
 */
public final class VfRegs {
  private VfRegs() {}

  /**
   * Queues per VF: 82599 with 64 pools gives each VF 2 (Linux {@code ixgbe_get_vf_queues} in {@code
   * ixgbe/ixgbe_sriov.c}).
   */
  public static final int QUEUES = 2;

  /** Per-queue register stride. */
  public static final int QUEUE_STRIDE = 0x40;

  public static final int VFCTRL = 0x0000;
  public static final int VFCTRL_RST = 1 << 26;
  public static final int VFSTATUS = 0x0008;
  public static final int VFLINKS = 0x0010;
  public static final int VFLINKS_UP = 1 << 30;
  public static final int VFLINKS_SPEED_10G = 3 << 28;
  public static final int VFFRTIMER = 0x0048;
  public static final int VTEICR = 0x0100;
  public static final int VTEICS = 0x0104;
  public static final int VTEIMS = 0x0108;
  public static final int VTEIMC = 0x010C;
  public static final int VTEIAC = 0x0110;
  public static final int VTEIAM = 0x0114;
  public static final int VTIVAR0 = 0x0120;
  public static final int VTIVAR_MISC = 0x0140;
  public static final int VFMBMEM = 0x0200;
  public static final int MBMEM_WORDS = 16;
  public static final int VFMAILBOX = 0x02FC;
  public static final int VFPSRTYPE = 0x0300;
  public static final int VTEITR0 = 0x0820;
  public static final int VFRXMEMWRAP = 0x3190;

  /** Interrupt causes: 3 MSI-X vectors (IXGBE_VF_IRQ_CLEAR_MASK = 7). */
  public static final int IRQ_MASK = 0x7;

  public static final int VFGPRC = 0x101C;
  public static final int VFGORC_LSB = 0x1020;
  public static final int VFGORC_MSB = 0x1024;
  public static final int VFMPRC = 0x1034;
  public static final int VFGPTC = 0x201C;
  public static final int VFGOTC_LSB = 0x2020;
  public static final int VFGOTC_MSB = 0x2024;

  public static int rdbal(int q) {
    return 0x1000 + QUEUE_STRIDE * q;
  }

  public static int rdbah(int q) {
    return 0x1004 + QUEUE_STRIDE * q;
  }

  public static int rdlen(int q) {
    return 0x1008 + QUEUE_STRIDE * q;
  }

  public static int dcaRxctrl(int q) {
    return 0x100C + QUEUE_STRIDE * q;
  }

  public static int rdh(int q) {
    return 0x1010 + QUEUE_STRIDE * q;
  }

  public static int srrctl(int q) {
    return 0x1014 + QUEUE_STRIDE * q;
  }

  public static int rdt(int q) {
    return 0x1018 + QUEUE_STRIDE * q;
  }

  public static int rxdctl(int q) {
    return 0x1028 + QUEUE_STRIDE * q;
  }

  public static int tdbal(int q) {
    return 0x2000 + QUEUE_STRIDE * q;
  }

  public static int tdbah(int q) {
    return 0x2004 + QUEUE_STRIDE * q;
  }

  public static int tdlen(int q) {
    return 0x2008 + QUEUE_STRIDE * q;
  }

  public static int dcaTxctrl(int q) {
    return 0x200C + QUEUE_STRIDE * q;
  }

  public static int tdh(int q) {
    return 0x2010 + QUEUE_STRIDE * q;
  }

  public static int tdt(int q) {
    return 0x2018 + QUEUE_STRIDE * q;
  }

  public static int txdctl(int q) {
    return 0x2028 + QUEUE_STRIDE * q;
  }

  public static int tdwbal(int q) {
    return 0x2038 + QUEUE_STRIDE * q;
  }

  public static int tdwbah(int q) {
    return 0x203C + QUEUE_STRIDE * q;
  }

  /** RXDCTL/TXDCTL bit 25. */
  public static final int DCTL_ENABLE = 1 << 25;

  /** RXDCTL/TXDCTL bit 26. */
  public static final int DCTL_SWFLSH = 1 << 26;

  /** RXDCTL bit 30: strip VLAN. */
  public static final int RXDCTL_VME = 1 << 30;

  /** SRRCTL bits 6:0: packet buffer size in 1 KiB units. */
  public static final int SRRCTL_BSIZEPKT_MASK = 0x7F;

  /** SRRCTL bits 27:25: descriptor type (001 = advanced one buffer). */
  public static final int SRRCTL_DESCTYPE_SHIFT = 25;

  /** SRRCTL bit 28: drop when no descriptors. */
  public static final int SRRCTL_DROP_EN = 1 << 28;

  /** TDWBAL bit 0: head write-back enable. */
  public static final int TDWBAL_ENABLE = 1;

  /** VFPSRTYPE bit 29: more than one Rx queue (RSS across 2 queues). */
  public static final int PSRTYPE_RQPL = 1 << 29;
}
