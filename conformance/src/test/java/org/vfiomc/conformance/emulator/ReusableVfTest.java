package org.vfiomc.conformance.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.dma.Pages;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * {@link ReusableVf#powerOn()} is a complete reset: a VF that ran other guest scripts first and
 * then was powered on behaves, script by script, exactly as a freshly built VF on fresh RAM. The
 * comparison covers all a guest and the host can observe: the values every MMIO read returned, the
 * migrated device state ({@link Vf82599#stateDigest()}), every page of guest RAM, the frames put on
 * the wire, the drop reasons reported, what is left in the packet buffer or in flight, the quiesce
 * gates, and how much each emulator tally (steps, frozen writes, MSI-X messages, unknown and
 * dropped register accesses, DMA faults and refusals, Rx drops per reason, Tx drops, PF messages,
 * NACKs and acks, mailbox lock refusals) grew during the script.
 */
final class ReusableVfTest {
  private static final int SCRIPTS = 80;
  private static final int CHOICES = 400;

  @Test
  void reusedVf_behavesAsAFreshOne_scriptByScript() throws Exception {
    ReusableVf reused = new ReusableVf();
    int dirtied = 0;
    for (int i = 0; i < SCRIPTS; i++) {
      boolean mailbox = i % 2 == 0;
      long seed = 1_000L + i;
      // the previous input: another script, of the other kind, leaves the reused VF dirty
      Behaviour before = behaviour(reused, !mailbox, 7 * seed + 3, reused::powerOn);
      if (before.leftSomething()) {
        dirtied++;
      }
      ReusableVf fresh = new ReusableVf();
      assertEquals(
          behaviour(fresh, mailbox, seed, fresh::powerOn).text(),
          behaviour(reused, mailbox, seed, reused::powerOn).text(),
          (mailbox ? "mailbox" : "registers") + " script " + seed);
    }
    // the comparison means something only if the earlier scripts left work for the reset
    assertTrue(dirtied > SCRIPTS / 4, "scripts that left RAM, frames or a quiesced VF: " + dirtied);
  }

  /**
   * The comparison tells an incomplete reset apart: resetting only the device (no zeroing of the
   * RAM the previous script wrote) changes what some scripts observe.
   */
  @Test
  void aResetThatKeepsTheRam_isToldApart() throws Exception {
    ReusableVf reused = new ReusableVf();
    Runnable deviceOnly =
        () -> {
          reused.f.vf.reset();
          reused.f.vf.setQuiesced(false);
          reused.f.drops.clear();
          reused.f.wire.clear();
        };
    int differ = 0;
    for (int i = 0; i < 30; i++) {
      long seed = 5_000L + i;
      behaviour(reused, false, 7 * seed + 3, deviceOnly);
      ReusableVf fresh = new ReusableVf();
      if (!behaviour(fresh, false, seed, fresh::powerOn)
          .text()
          .equals(behaviour(reused, false, seed, deviceOnly).text())) {
        differ++;
      }
    }
    assertNotEquals(0, differ, "stale RAM never showed");
  }

  /** A script's observable behaviour, and whether it left state a reset has to undo. */
  private record Behaviour(String text, boolean leftSomething) {}

  private static Behaviour behaviour(ReusableVf d, boolean mailbox, long seed, Runnable powerOn)
      throws Exception {
    powerOn.run();
    VfFixture f = d.f;
    long[] start = tallies(f.vf);
    ScriptInput in = ScriptInput.random(seed, CHOICES);
    long reads = mailbox ? GuestScripts.mailbox(f, in) : GuestScripts.registers(f, in);
    long[] end = tallies(f.vf);
    List<Long> grew = new ArrayList<>();
    for (int i = 0; i < start.length; i++) {
      grew.add(end[i] - start[i]);
    }
    String ram = ram(f);
    String text =
        String.join(
            "\n",
            "reads " + Long.toHexString(reads),
            "state " + Long.toHexString(f.vf.stateDigest()),
            "ram " + ram,
            "wire " + digest(out -> f.wire.forEach(out)),
            "drops " + f.drops,
            "fifo " + f.vf.rx().fifoSize() + " in flight " + f.vf.rx().frameInFlight(),
            "quiesced " + f.vf.isQuiesced() + " dma " + f.vf.isDmaAllowed(),
            "tallies grew " + grew);
    boolean left =
        !ram.equals(EMPTY_RAM) || !f.wire.isEmpty() || f.vf.isQuiesced() || !f.vf.rx().idle();
    return new Behaviour(text, left);
  }

  private static final String EMPTY_RAM = digest(out -> {});

  /** Every tally the emulator keeps, in a fixed order. */
  private static long[] tallies(Vf82599 vf) {
    List<Long> t = new ArrayList<>();
    t.add(vf.steps());
    t.add(vf.frozenWrites());
    for (int v = 0; v < Interrupts.VECTORS; v++) {
      t.add(vf.msixSent(v));
    }
    t.add(vf.registers().unknownReads());
    t.add(vf.registers().unknownWrites());
    t.add(vf.registers().droppedWrites());
    t.add(vf.dma().faultCount());
    t.add(vf.dma().blockedCount());
    for (DropReason r : DropReason.values()) {
      t.add(vf.rx().drops(r));
    }
    for (int q = 0; q < VfRegs.QUEUES; q++) {
      t.add(vf.tx().dropped(q));
    }
    t.add(vf.pf().messages());
    t.add(vf.pf().nacks());
    t.add(vf.pf().vfAcks());
    t.add(vf.mailbox().lockRefusals());
    return t.stream().mapToLong(Long::longValue).toArray();
  }

  /** SHA-256 of every non-zero page of guest RAM with its address. */
  private static String ram(VfFixture f) {
    byte[] page = new byte[Pages.PAGE_SIZE];
    return digest(
        out -> {
          for (long gpa = 0; gpa < f.mem.size(); gpa += Pages.PAGE_SIZE) {
            f.mem.readPage(gpa, page);
            for (byte b : page) {
              if (b != 0) {
                out.accept(Long.toString(gpa).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.accept(page);
                break;
              }
            }
          }
        });
  }

  private static String digest(Consumer<Consumer<byte[]>> parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      parts.accept(
          b -> {
            sha.update(
                Integer.toString(b.length).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(b);
          });
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
