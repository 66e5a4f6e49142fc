package org.vfiomc.conformance.emulator.regs;

import static org.vfiomc.conformance.emulator.regs.RegAccess.HEAD;
import static org.vfiomc.conformance.emulator.regs.RegAccess.MAILBOX;
import static org.vfiomc.conformance.emulator.regs.RegAccess.QUEUE_CTRL;
import static org.vfiomc.conformance.emulator.regs.RegAccess.RC_W1C;
import static org.vfiomc.conformance.emulator.regs.RegAccess.RESET_CTRL;
import static org.vfiomc.conformance.emulator.regs.RegAccess.RO;
import static org.vfiomc.conformance.emulator.regs.RegAccess.RW;
import static org.vfiomc.conformance.emulator.regs.RegAccess.STAT;
import static org.vfiomc.conformance.emulator.regs.RegAccess.TAIL;
import static org.vfiomc.conformance.emulator.regs.RegAccess.W1C_WO;
import static org.vfiomc.conformance.emulator.regs.RegAccess.W1S;
import static org.vfiomc.conformance.emulator.regs.VfRegs.*;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;

/**
 * The one table binding each VF BAR0 register to its access behaviour, writable mask and reset
 * value (offsets as in Linux {@code ixgbevf/regs.h}). Masks come from the ethtool self-test
 * patterns where the driver has one (RDBAL/TDBAL 0xFFFFFF80, RDLEN/TDLEN 0x000FFF80, RDT
 * 0x0000FFFF, RDBAH/TDBAH all ones); the others from the bit fields of {@code ixgbevf/defines.h}.
 * Values no driver source confirms are marked UNVERIFIED (VFSTATUS reads 0; IVAR vector field 2
 * bits wide).
 */
public final class RegisterMap {
  /** The 82599 VF register map with {@link VfRegs#QUEUES} queues. */
  public static final RegisterMap VF_82599 = new RegisterMap(build());

  private final ImmutableList<Reg> regs;
  private final Reg[] byWord = new Reg[RegisterFile.BAR_SIZE / 4];

  private RegisterMap(List<Reg> regs) {
    this.regs = ImmutableList.copyOf(regs);
    for (Reg r : regs) {
      if (byWord[r.offset() >>> 2] != null) {
        throw new IllegalStateException("two registers at offset " + r.offset());
      }
      byWord[r.offset() >>> 2] = r;
    }
  }

  /** All registers, in table order. */
  public ImmutableList<Reg> all() {
    return regs;
  }

  /** The register at a byte offset, or null for an unknown or unaligned offset. */
  public Reg at(int offset) {
    if (offset < 0 || offset >= RegisterFile.BAR_SIZE || (offset & 3) != 0) {
      return null;
    }
    return byWord[offset >>> 2];
  }

  private static List<Reg> build() {
    List<Reg> r = new ArrayList<>();
    r.add(Reg.of(VFCTRL, "VFCTRL", RESET_CTRL, VFCTRL_RST, 0));
    r.add(Reg.of(VFSTATUS, "VFSTATUS", RO, 0, 0));
    // LINK_UP | speed 11b = 10 Gb/s: the driver requires LINK_UP on five consecutive reads.
    r.add(Reg.of(VFLINKS, "VFLINKS", RO, 0, VFLINKS_UP | VFLINKS_SPEED_10G));
    r.add(Reg.of(VFFRTIMER, "VFFRTIMER", RO, 0, 0));
    r.add(Reg.of(VTEICR, "VTEICR", RC_W1C, IRQ_MASK, 0));
    r.add(new Reg(VTEICS, "VTEICS", W1S, IRQ_MASK, 0, VTEICR));
    r.add(Reg.of(VTEIMS, "VTEIMS", W1S, IRQ_MASK, 0));
    r.add(new Reg(VTEIMC, "VTEIMC", W1C_WO, IRQ_MASK, 0, VTEIMS));
    r.add(Reg.of(VTEIAC, "VTEIAC", RW, IRQ_MASK, 0));
    r.add(Reg.of(VTEIAM, "VTEIAM", RW, IRQ_MASK, 0));
    for (int n = 0; n < (QUEUES + 1) / 2; n++) {
      // bytes: Rx 2n, Tx 2n, Rx 2n+1, Tx 2n+1; each = valid bit 7 | vector 1:0.
      r.add(Reg.of(VTIVAR0 + 4 * n, "VTIVAR" + n, RW, 0x83838383, 0));
    }
    r.add(Reg.of(VTIVAR_MISC, "VTIVAR_MISC", RW, 0x83, 0));
    for (int n = 0; n < 3; n++) {
      // interval 11:3 (IXGBE_MAX_EITR = 0xFF8) and CNT_WDIS bit 31.
      r.add(Reg.of(VTEITR0 + 4 * n, "VTEITR" + n, RW, 0x80000FF8, 0));
    }
    for (int i = 0; i < MBMEM_WORDS; i++) {
      r.add(Reg.of(VFMBMEM + 4 * i, "VFMBMEM" + i, RW, 0xFFFFFFFF, 0));
    }
    // REQ, ACK and VFU are the VF-writable bits; RSTD pending: the PF finished its reset.
    r.add(Reg.of(VFMAILBOX, "VFMAILBOX", MAILBOX, 0x7, 0x80));
    // TCPHDR 4, UDPHDR 5, IPV4HDR 8, IPV6HDR 9, L2HDR 12, RQPL 30:29.
    r.add(Reg.of(VFPSRTYPE, "VFPSRTYPE", RW, 0x60001330, 0));
    for (int q = 0; q < QUEUES; q++) {
      r.add(Reg.of(rdbal(q), "VFRDBAL" + q, RW, 0xFFFFFF80, 0));
      r.add(Reg.of(rdbah(q), "VFRDBAH" + q, RW, 0xFFFFFFFF, 0));
      r.add(Reg.of(rdlen(q), "VFRDLEN" + q, RW, 0x000FFF80, 0));
      r.add(Reg.of(dcaRxctrl(q), "VFDCA_RXCTRL" + q, RW, 0xFFFFFFFF, 0x0000A200));
      r.add(Reg.of(rdh(q), "VFRDH" + q, HEAD, 0xFFFF, 0));
      // BSIZEPACKET 6:0, BSIZEHEADER 13:8, RDMTS 24:22, DESCTYPE 27:25, DROP_EN 28.
      r.add(Reg.of(srrctl(q), "VFSRRCTL" + q, RW, 0x1FC03F7F, 0x00000402));
      r.add(Reg.of(rdt(q), "VFRDT" + q, TAIL, 0xFFFF, 0));
      r.add(
          Reg.of(rxdctl(q), "VFRXDCTL" + q, QUEUE_CTRL, RXDCTL_VME | DCTL_SWFLSH | DCTL_ENABLE, 0));
      r.add(Reg.of(tdbal(q), "VFTDBAL" + q, RW, 0xFFFFFF80, 0));
      r.add(Reg.of(tdbah(q), "VFTDBAH" + q, RW, 0xFFFFFFFF, 0));
      r.add(Reg.of(tdlen(q), "VFTDLEN" + q, RW, 0x000FFF80, 0));
      r.add(Reg.of(dcaTxctrl(q), "VFDCA_TXCTRL" + q, RW, 0xFFFFFFFF, 0x00002A00));
      r.add(Reg.of(tdh(q), "VFTDH" + q, HEAD, 0xFFFF, 0));
      r.add(Reg.of(tdt(q), "VFTDT" + q, TAIL, 0xFFFF, 0));
      // PTHRESH 6:0, HTHRESH 14:8, WTHRESH 22:16, ENABLE 25, SWFLSH 26.
      r.add(Reg.of(txdctl(q), "VFTXDCTL" + q, QUEUE_CTRL, 0x067F7F7F, 0));
      // enable bit 0, address 31:2 (bit 1 reserved).
      r.add(Reg.of(tdwbal(q), "VFTDWBAL" + q, RW, 0xFFFFFFFD, 0));
      r.add(Reg.of(tdwbah(q), "VFTDWBAH" + q, RW, 0xFFFFFFFF, 0));
    }
    r.add(Reg.of(VFGPRC, "VFGPRC", STAT, 0, 0));
    r.add(Reg.of(VFGORC_LSB, "VFGORC_LSB", STAT, 0, 0));
    r.add(Reg.of(VFGORC_MSB, "VFGORC_MSB", STAT, 0, 0));
    r.add(Reg.of(VFMPRC, "VFMPRC", STAT, 0, 0));
    r.add(Reg.of(VFGPTC, "VFGPTC", STAT, 0, 0));
    r.add(Reg.of(VFGOTC_LSB, "VFGOTC_LSB", STAT, 0, 0));
    r.add(Reg.of(VFGOTC_MSB, "VFGOTC_MSB", STAT, 0, 0));
    r.add(Reg.of(VFRXMEMWRAP, "VFRXMEMWRAP", RO, 0, 0));
    return r;
  }
}
