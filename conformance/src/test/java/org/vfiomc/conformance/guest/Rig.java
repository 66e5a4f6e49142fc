package org.vfiomc.conformance.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.vfiomc.conformance.emulator.Vf82599;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.emulator.VfListener;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.dma.Iommu;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.packet.PacketId;
import org.vfiomc.conformance.emulator.packet.TestFrames;
import org.vfiomc.conformance.emulator.state.VfSnapshotCodec;
import org.vfiomc.conformance.ledger.PacketLedger;

/**
 * Test rig: 64 MiB of guest RAM identity-mapped in the VF's IOMMU, one VF, one driver, a ledger
 * wired to the stack and to the device's drop reports.
 */
// retiredDrops is indexed by DropReason.ordinal(), in memory only, as in RxEngine
@SuppressWarnings("EnumOrdinal")
public final class Rig {
  /** Guest RAM: 64 MiB, far more than the driver's 1 MiB + rings + buffers. */
  public static final long RAM = 64L << 20;

  /** MAC of the traffic source on the wire. */
  public static final long PEER_MAC = 0x02AABBCCDDEEL;

  public final GuestMemory mem = new GuestMemory(RAM);
  public final Iommu iommu = new Iommu();
  public final DmaPort dma = new DmaPort(mem, iommu);
  public final PacketLedger ledger = new PacketLedger();

  /** Ledger of the transmit direction: guest stack to wire. */
  public final PacketLedger txLedger = new PacketLedger();

  public final GuestDriver driver;
  public Vf82599 vf;
  private final SplittableRandom lengths;
  private final long seed;
  private long nextId;
  private long clock;

  private final VfConfig vfConfig;

  /** Device time in nanoseconds (what {@link #elapse} gave the VF). */
  private long nanos;

  /** Frames with a CRC error the device dropped and counted, for any reason. */
  public long badFramesDroppedByDevice;

  /** Every frame the guest stack received, in order. */
  public final java.util.List<byte[]> stackRx = new java.util.ArrayList<>();

  /** Every frame the VF put on the wire, in order. */
  public final java.util.List<byte[]> wireTx = new java.util.ArrayList<>();

  /** Device time of every MSI-X message, in order. */
  public final java.util.List<Long> msixAt = new java.util.ArrayList<>();

  /** A rig whose driver uses {@code cfg}; traffic lengths drawn from {@code seed}. */
  public Rig(GuestDriver.Config cfg, long seed) {
    this(cfg, VfConfig.defaults(), seed);
  }

  /** A rig with a given device configuration (e.g. an injected device bug). */
  public Rig(GuestDriver.Config cfg, VfConfig vfConfig, long seed) {
    this.vfConfig = vfConfig;
    this.seed = seed;
    this.lengths = new SplittableRandom(seed);
    iommu.mapIdentity(RAM);
    vf = newVf();
    driver =
        new GuestDriver(
            Bar.of(vf),
            mem,
            cfg,
            new RxStack() {
              @Override
              public void receive(byte[] buf, int len, int q, int slot) {
                stackRx.add(java.util.Arrays.copyOf(buf, len));
                ledger.delivered(buf, len, "rx q" + q + " slot " + slot + " @" + clock);
              }

              @Override
              public void droppedByDriver(byte[] buf, int len, int q, int slot) {
                ledger.droppedByDriver(buf, len, "driver q" + q + " slot " + slot + " @" + clock);
              }
            });
  }

  private Vf82599 newVf() {
    return new Vf82599(
        dma,
        vfConfig,
        new VfListener() {
          @Override
          public void rxDropped(Frame frame, DropReason reason) {
            if (frame.fcsError()) {
              badFramesDroppedByDevice++;
            }
            ledger.dropped(frame, reason, "device @" + clock);
          }

          @Override
          public void msix(int vector) {
            msixAt.add(nanos);
            driver.msix(vector);
          }

          @Override
          public void transmitted(int q, byte[] buf, int len) {
            wireTx.add(java.util.Arrays.copyOf(buf, len));
            txLedger.delivered(
                java.util.Arrays.copyOf(buf, len), len, "wire tx q" + q + " @" + clock);
          }
        });
  }

  /** Brings the driver up and checks it succeeded. */
  public Rig up() {
    assertEquals(GuestDriver.UpResult.UP, driver.bringUp());
    return this;
  }

  /** Puts a new identified frame of 60..255 bytes on the wire. */
  public Frame wire() {
    return wire(60 + lengths.nextInt(196));
  }

  /** Puts a new identified frame of {@code len} bytes on the wire. */
  public Frame wire(int len) {
    return wire(len, RxStack.NO_VLAN, false);
  }

  /**
   * Puts a new identified frame of {@code len} bytes on the wire, with the 802.1Q tag {@code
   * vlanTci} after its MACs unless it is {@link RxStack#NO_VLAN}; with {@code bitError} the VF
   * receives it with its last byte broken and a bad FCS ({@link Frame#withBitErrorInLastByte}). The
   * ledger records the frame as sent; returns what the VF received.
   */
  public Frame wire(int len, int vlanTci, boolean bitError) {
    clock++;
    PacketId id = new PacketId(nextId++);
    Frame f = TestFrames.build(id, driver.mac(), PEER_MAC, len, seed);
    if (vlanTci != RxStack.NO_VLAN) {
      f = f.withVlanTag(vlanTci);
    }
    ledger.sent(id, f);
    Frame received = bitError ? f.withBitErrorInLastByte() : f;
    vf.deliver(received);
    return received;
  }

  /** The guest sends a new identified frame (60..3999 bytes); false if the ring was full. */
  public boolean transmit() {
    clock++;
    PacketId id = new PacketId(nextId++);
    Frame f = TestFrames.build(id, PEER_MAC, driver.mac(), 60 + lengths.nextInt(3940), seed);
    if (!driver.tx().transmit(f)) {
      return false;
    }
    txLedger.sent(id, f);
    return true;
  }

  /** The guest reclaims completed Tx descriptors. */
  public boolean txClean() {
    clock++;
    return driver.tx().clean() > 0;
  }

  /** One device micro-step. */
  public boolean device() {
    clock++;
    return vf.step();
  }

  /** One guest Rx micro-step. */
  public boolean guest() {
    clock++;
    return driver.rxStep();
  }

  /** Device time passes (interrupt moderation). */
  public void elapse(long ns) {
    nanos += ns;
    vf.elapse(ns);
  }

  /** Device time in nanoseconds. */
  public long nanos() {
    return nanos;
  }

  /** One guest NAPI micro-step ({@link GuestDriver#napiStep()}). */
  public boolean napi() {
    clock++;
    return driver.napiStep();
  }

  /**
   * Runs device, NAPI and time (1 us per round) until nothing happened for {@code quietMicros}
   * rounds in a row (bounded): the interrupt-driven drain.
   */
  public void drainNapi(int quietMicros) {
    int quiet = 0;
    for (int i = 0; i < 200_000 && quiet < quietMicros; i++) {
      boolean p = device();
      p |= napi();
      elapse(1_000);
      quiet = p ? 0 : quiet + 1;
    }
    driver.rx().flushStack();
  }

  /** Drops counted by VFs this rig migrated away from, per reason (their PF counters). */
  private final long[] retiredDrops = new long[DropReason.values().length];

  /**
   * Stops the VF (VFIO STOP: the frame in flight is finished, the packet buffer dropped and
   * counted), migrates its state through the codec into a fresh VF on the same memory and points
   * the driver at it (memory is shared, so this checks the migrated device state is complete).
   */
  public void migrate() {
    clock++;
    vf.setQuiesced(true);
    for (DropReason r : DropReason.values()) {
      retiredDrops[r.ordinal()] += vf.rx().drops(r);
    }
    byte[] stream = vf.saveState();
    Vf82599 dst = newVf();
    dst.loadState(stream)
        .ifPresent(
            why -> {
              throw new AssertionError(why);
            });
    // what migrates: all but the registers no one can write (statistics, VFFRTIMER: the fresh
    // destination's own, conformance/docs/migrated-state.md)
    assertEquals(vf.snapshot().restorablePart(), dst.snapshot().restorablePart());
    dst.setQuiesced(false); // RUNNING on the destination (it shares the source's DMA port here)
    vf = dst;
    driver.rebind(Bar.of(vf));
    // sanity: the codec is canonical
    assertEquals(stream.length, VfSnapshotCodec.encode(dst.snapshot()).length);
  }

  /** Steps device and guest until neither makes progress (bounded). */
  public void drain() {
    for (int i = 0; i < 100_000; i++) {
      boolean d = device();
      boolean g = guest();
      boolean c = txClean();
      if (!d && !g && !c && !guest() && !device()) {
        driver.rx().flushStack(); // the application reads what the stack still holds
        return;
      }
    }
    throw new AssertionError("did not drain in 100000 rounds");
  }

  /** Checks the device's drop counters against the ledger for every reason. */
  public void checkDropCounters() {
    for (DropReason r : DropReason.values()) {
      ledger.checkDropCounter(r, retiredDrops[r.ordinal()] + vf.rx().drops(r));
    }
  }
}
