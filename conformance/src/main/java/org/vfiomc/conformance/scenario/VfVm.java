package org.vfiomc.conformance.scenario;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.vfiomc.conformance.guest.Bar;
import org.vfiomc.conformance.guest.DoneCheck;
import org.vfiomc.conformance.guest.GuestDriver;
import org.vfiomc.conformance.guest.GuestRxRing;
import org.vfiomc.conformance.guest.RxStack;
import org.vfiomc.conformance.ledger.PacketLedger;
import org.vfiomc.conformance.ledger.Violation;
import org.vfiomc.conformance.orchestrator.Choices;
import org.vfiomc.conformance.orchestrator.DevicePair;
import org.vfiomc.conformance.orchestrator.ManualClock;
import org.vfiomc.conformance.orchestrator.MigrationOrchestrator;
import org.vfiomc.conformance.orchestrator.MigrationReport;
import org.vfiomc.conformance.orchestrator.MigrationWorkload;
import org.vfiomc.conformance.orchestrator.OrchestratorOptions;
import org.vfiomc.conformance.orchestrator.ProtocolHooks;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/**
 * A VM with one 82599 VF under Rx traffic, live-migrated by the {@link MigrationOrchestrator} to a
 * destination host, in simulated time: source and destination {@link GuestMemory} (each with an
 * identity-mapped IOMMU), a {@link Vf82599} behind a {@link VfioMigrationDevice} on each side, the
 * ixgbevf model ({@link GuestDriver}) and a {@link PacketLedger} that judges every frame.
 *
 * <p>Time advances in 1 µs ticks. In each tick the frames due arrive from the wire, the VF takes
 * 0-2 micro-steps (a buffer write or a descriptor write-back is one) and, while the vCPUs run, the
 * driver takes 0-2 (a descriptor check, a dummy read or write, a consume, a refill), as {@link
 * Choices} decide. The orchestrator moves the clock (page by page in pre-copy, by arc latency and
 * transfer time around the switchover) and this VM catches up to it, so guest and device run
 * between page copies and between arcs exactly as long as the simulated time says.
 *
 * <p>The wire: an {@link EthernetSwitch} forwards every frame to the host where it last learned the
 * VM's MAC: the source until the destination, once running, announces the VM ({@link
 * MigrationWorkload#announce}) and the relearn time has passed. A VF that is stopped (VFIO STOP,
 * STOP_COPY, RESUMING) drops what reaches it, counted ({@code DropReason.VF_STOPPED}): nothing is
 * held anywhere for later delivery, so the frames of the downtime and of the relearn window are
 * lost on the wire, as in a real migration. The service downtime measures the gap they leave.
 *
 * <p>The host model is the strategy's ({@link RxStrategy#host()}): QEMU 10.x for IOMMU tracking,
 * the 2015 RFC host for the guest-side strategies.
 *
 * <p>The destination guest starts with the ring restore of {@link RxStrategy#restore()} once the
 * destination device is RUNNING. On a failed or cancelled migration the source resumes.
 */
public final class VfVm {
  /** One tick of simulated time. */
  public static final long TICK_NANOS = 1_000L;

  /** MAC of the traffic source on the wire. */
  public static final long PEER_MAC = 0x02AABBCCDDEEL;

  /**
   * Ticks without progress that end the final drain: longer than the moderation interval the driver
   * programs (50 us, {@link GuestDriver#RX_ITR_20K}), so an interrupt held by moderation is sent
   * and served before the run is judged; what is left then is a stall.
   */
  static final int QUIET_TICKS = 200;

  /**
   * Run parameters.
   *
   * @param packets frames the wire offers
   * @param intervalNanos time between two frames (1 ms is the seed's ping)
   * @param migrateAfterNanos simulated time before the migration starts
   * @param ramBytes guest RAM (a page multiple, at least 2 MiB: the driver uses 1 MiB up)
   * @param rxRingSize Rx descriptors (multiple of 8, at least 32 so refill batches of 16 happen)
   * @param strategy the RxDma strategies and the P2P ordering
   * @param features the VF's migration features
   * @param network the announce and the switch's relearn time
   * @param badFrames the fraction of frames a bit error breaks and the PFs' FCTRL.SBP
   */
  public record Config(
      long packets,
      long intervalNanos,
      long migrateAfterNanos,
      long ramBytes,
      int rxRingSize,
      RxStrategy strategy,
      MigrationFeatures features,
      EthernetSwitch.Timing network,
      BadFrames badFrames) {
    /**
     * A configuration with the {@linkplain EthernetSwitch.Timing#defaults() default network} and a
     * clean wire ({@link BadFrames#NONE}).
     */
    public Config(
        long packets,
        long intervalNanos,
        long migrateAfterNanos,
        long ramBytes,
        int rxRingSize,
        RxStrategy strategy,
        MigrationFeatures features) {
      this(
          packets,
          intervalNanos,
          migrateAfterNanos,
          ramBytes,
          rxRingSize,
          strategy,
          features,
          EthernetSwitch.Timing.defaults(),
          BadFrames.NONE);
    }

    public Config {
      requireNonNull(network, "network");
      requireNonNull(badFrames, "badFrames");
      checkArgument(packets >= 0, "packets %s must be >= 0", packets);
      checkArgument(intervalNanos >= TICK_NANOS, "packet interval %s ns < one tick", intervalNanos);
      checkArgument(migrateAfterNanos >= 0, "migration start must be >= 0");
      checkArgument(rxRingSize >= 32 && rxRingSize % 8 == 0, "ring size %s", rxRingSize);
      requireNonNull(strategy, "strategy");
      checkArgument(
          strategy.simulated(), "strategy %s is implemented by the replay binding only", strategy);
      requireNonNull(features, "features");
    }

    /**
     * 4 MiB of RAM, a 512-entry Rx ring, one frame every 20 µs, migration after 1 ms, P2P and
     * PRE_COPY. The ring is large so that a lap takes longer than a migration: a buffer the device
     * fills after the vCPUs stop was last touched before dirty logging began, which is what exposes
     * guest-side tracking under QEMU's stop (with a 32-entry ring every buffer page is
     * dummy-written during pre-copy and the flaw hides behind page granularity).
     */
    public static Config of(long packets, RxStrategy strategy) {
      return new Config(
          packets, 20_000L, 1_000_000L, 4L << 20, 512, strategy, MigrationFeatures.ALL);
    }

    public Config withIntervalNanos(long nanos) {
      return with(f -> f.intervalNanos = nanos);
    }

    public Config withMigrateAfterNanos(long nanos) {
      return with(f -> f.migrateAfterNanos = nanos);
    }

    public Config withRxRingSize(int n) {
      return with(f -> f.rxRingSize = n);
    }

    public Config withRamBytes(long bytes) {
      return with(f -> f.ramBytes = bytes);
    }

    public Config withNetwork(EthernetSwitch.Timing t) {
      return with(f -> f.network = t);
    }

    public Config withBadFrames(BadFrames b) {
      return with(f -> f.badFrames = b);
    }

    /** A copy with {@code change} applied to its fields (one place that lists them all). */
    private Config with(java.util.function.Consumer<Fields> change) {
      Fields f = new Fields(this);
      change.accept(f);
      return new Config(
          f.packets,
          f.intervalNanos,
          f.migrateAfterNanos,
          f.ramBytes,
          f.rxRingSize,
          f.strategy,
          f.features,
          f.network,
          f.badFrames);
    }

    /** The fields of a copy being made by {@link #with}; never escapes it. */
    private static final class Fields {
      long packets;
      long intervalNanos;
      long migrateAfterNanos;
      long ramBytes;
      int rxRingSize;
      RxStrategy strategy;
      MigrationFeatures features;
      EthernetSwitch.Timing network;
      BadFrames badFrames;

      Fields(Config c) {
        packets = c.packets;
        intervalNanos = c.intervalNanos;
        migrateAfterNanos = c.migrateAfterNanos;
        ramBytes = c.ramBytes;
        rxRingSize = c.rxRingSize;
        strategy = c.strategy;
        features = c.features;
        network = c.network;
        badFrames = c.badFrames;
      }
    }
  }

  /** One frame the wire offers: when, and how long (60..255 bytes). */
  public record Arrival(long atNanos, int length) {
    public Arrival {
      checkArgument(atNanos >= 0, "arrival time %s", atNanos);
      checkArgument(length >= 60 && length <= 1514, "frame length %s", length);
    }
  }

  /**
   * The wire schedule of {@code cfg}: {@code packets} frames, the first after one tick, then one
   * every {@code intervalNanos}, lengths 60..255 drawn from {@code seed}. (A run draws the same
   * schedule lazily, frame by frame: its memory does not grow with {@code packets}.)
   */
  public static List<Arrival> schedule(Config cfg, long seed) {
    Wire w = Wire.scheduled(cfg, seed);
    List<Arrival> out = new java.util.ArrayList<>();
    while (w.hasNext()) {
      out.add(w.next());
    }
    return out;
  }

  /** The frames the wire offers, in time order, one at a time. */
  private interface Wire {
    boolean hasNext();

    Arrival peek();

    Arrival next();

    /** When the {@code index}-th frame (0-based) arrives; -1 if the wire has no such frame. */
    long arrivalNanos(long index);

    /** {@link #schedule}'s frames, drawn when they are due (no list of {@code packets}). */
    static Wire scheduled(Config cfg, long seed) {
      java.util.SplittableRandom r = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
      return new Wire() {
        private long i;
        private Arrival head;

        @Override
        public boolean hasNext() {
          return head != null || i < cfg.packets();
        }

        @Override
        public Arrival peek() {
          if (head == null) {
            head = new Arrival(TICK_NANOS + i * cfg.intervalNanos(), 60 + r.nextInt(196));
            i++;
          }
          return head;
        }

        @Override
        public Arrival next() {
          Arrival a = peek();
          head = null;
          return a;
        }

        @Override
        public long arrivalNanos(long index) {
          return index >= 0 && index < cfg.packets()
              ? TICK_NANOS + index * cfg.intervalNanos()
              : -1;
        }
      };
    }

    /** A given list of arrivals. */
    static Wire of(List<Arrival> arrivals) {
      java.util.Iterator<Arrival> it = arrivals.iterator();
      return new Wire() {
        @Override
        public long arrivalNanos(long index) {
          return index >= 0 && index < arrivals.size() ? arrivals.get((int) index).atNanos() : -1;
        }

        private Arrival head;

        @Override
        public boolean hasNext() {
          return head != null || it.hasNext();
        }

        @Override
        public Arrival peek() {
          if (head == null) {
            head = it.next();
          }
          return head;
        }

        @Override
        public Arrival next() {
          Arrival a = peek();
          head = null;
          return a;
        }
      };
    }
  }

  private final Config cfg;
  private final Wire arrivals;
  private final Choices choices;
  private final long frameSeed;
  private final ManualClock clock = new ManualClock();
  private final PacketLedger ledger = new PacketLedger();
  private final DeliverySeries series = new DeliverySeries();

  /** The time in the {@code where} of a delivery, as the driver's callback writes it. */
  private static final Pattern DELIVERED_AT = Pattern.compile("@(\\d+) ns$");

  private final GuestMemory srcMem;
  private final GuestMemory dstMem;
  private final DmaPort srcDma;
  private final DmaPort dstDma;
  private final Vf82599 srcVf;
  private final Vf82599 dstVf;
  private final VfioMigrationDevice srcDev;
  private final VfioMigrationDevice dstDev;
  private GuestDriver driver; // assigned once, after the VFs whose listeners call it
  private final EthernetSwitch network;
  private Vf82599 activeVf;
  private boolean onDestination;
  private boolean vcpusRunning = true;
  private boolean destinationStarted;
  private boolean migrating;
  private long now;
  private long sent;
  private long lastDelivery = -1;
  private long serviceDowntime;
  private int downtimeArcs;

  /**
   * A VM whose wire offers {@code arrivals} (ascending times; {@code cfg.packets()} is ignored),
   * whose device and guest micro-steps come from {@code choices}; frame bytes depend on {@code
   * seed}. Tests shrink a failing run by removing arrivals.
   */
  public VfVm(Config cfg, long seed, Choices choices, List<Arrival> arrivals) {
    this(cfg, seed, choices, Wire.of(ascending(arrivals)));
  }

  private static List<Arrival> ascending(List<Arrival> arrivals) {
    List<Arrival> copy = List.copyOf(arrivals);
    for (int i = 1; i < copy.size(); i++) {
      checkArgument(
          copy.get(i - 1).atNanos() <= copy.get(i).atNanos(),
          "arrival %s is earlier than arrival %s",
          i,
          i - 1);
    }
    return copy;
  }

  private VfVm(Config cfg, long seed, Choices choices, Wire arrivals) {
    this(cfg, seed, choices, arrivals, VfConfig.defaults());
  }

  /**
   * As {@link #VfVm(Config, long)} with both VFs built from {@code device} (a mutant, in tests).
   */
  VfVm(Config cfg, long seed, VfConfig device) {
    this(cfg, seed, Choices.seeded(seed), Wire.scheduled(cfg, seed), device);
  }

  private VfVm(Config cfg, long seed, Choices choices, Wire arrivals, VfConfig device) {
    this.cfg = requireNonNull(cfg, "cfg");
    this.arrivals = arrivals;
    this.choices = requireNonNull(choices, "choices");
    this.frameSeed = seed;
    this.srcMem = new GuestMemory(cfg.ramBytes());
    this.dstMem = new GuestMemory(cfg.ramBytes());
    Iommu srcIommu = new Iommu();
    srcIommu.mapIdentity(cfg.ramBytes());
    Iommu dstIommu = new Iommu();
    dstIommu.mapIdentity(cfg.ramBytes());
    this.srcDma = new DmaPort(srcMem, srcIommu);
    this.dstDma = new DmaPort(dstMem, dstIommu);
    this.srcVf = new Vf82599(srcDma, device, listener("source"));
    this.dstVf = new Vf82599(dstDma, device, listener("destination"));
    this.srcDev = new VfioMigrationDevice("vf0-src", srcVf, cfg.features());
    this.dstDev = new VfioMigrationDevice("vf0-dst", dstVf, cfg.features());
    GuestDriver.Config dc =
        new GuestDriver.Config(
            cfg.rxRingSize(),
            64,
            2048,
            cfg.strategy().tracking().guest(),
            DoneCheck.LENGTH,
            1 << 20);
    checkArgument(
        srcMem.contains(dc.memBase(), dc.footprint()),
        "guest RAM of %s bytes cannot hold the driver's rings and buffers",
        cfg.ramBytes());
    this.driver =
        new GuestDriver(
            Bar.of(srcVf),
            srcMem,
            dc,
            new RxStack() {
              @Override
              public void receive(byte[] buf, int len, int q, int slot) {
                ledger.delivered(buf, len, side() + " rx slot " + slot + " @" + now + " ns");
                series.add(DeliverySeries.Kind.DELIVERED, now);
                if (migrating && lastDelivery >= 0) {
                  serviceDowntime = Math.max(serviceDowntime, now - lastDelivery);
                }
                lastDelivery = now;
              }

              @Override
              public void droppedByDriver(byte[] buf, int len, int q, int slot) {
                ledger.droppedByDriver(buf, len, side() + " rx slot " + slot + " @" + now + " ns");
                series.add(DeliverySeries.Kind.DROPPED, now);
              }
            });
    srcVf.pf().setStoreBadPackets(cfg.badFrames().storeBadPackets());
    dstVf.pf().setStoreBadPackets(cfg.badFrames().storeBadPackets());
    this.badFrameDraws = new SplittableRandom(seed ^ BAD_FRAME_SEED_SALT);
    this.activeVf = srcVf;
    this.network = new EthernetSwitch(EthernetSwitch.Port.SOURCE, cfg.network());
  }

  /**
   * A VM with seeded scheduling and the wire schedule of {@code cfg} ({@link #schedule}), drawn
   * frame by frame as the frames are due.
   */
  public VfVm(Config cfg, long seed) {
    this(cfg, seed, Choices.seeded(seed), Wire.scheduled(cfg, seed));
  }

  private String side() {
    return onDestination ? "destination" : "source";
  }

  /** Mixed into the seed for the draws of broken frames, a stream apart from the others. */
  private static final long BAD_FRAME_SEED_SALT = 0xBADF_CAFE_5EEDL;

  /** Which frames a bit error breaks ({@link BadFrames#ratio()}); drawn only when it is > 0. */
  private final SplittableRandom badFrameDraws;

  private VfListener listener(String side) {
    return new VfListener() {
      @Override
      public void rxDropped(Frame frame, DropReason reason) {
        ledger.dropped(frame, reason, side + " VF @" + now + " ns");
        series.add(DeliverySeries.Kind.DROPPED, now);
      }

      @Override
      public void msix(int vector) {
        // the guest takes the interrupt of the VF it runs on (the other one's are not routed)
        if (driver != null && vfOf(side) == activeVf) {
          driver.msix(vector);
        }
      }
    };
  }

  private Vf82599 vfOf(String side) {
    return "source".equals(side) ? srcVf : dstVf;
  }

  /** The ledger (for tests). */
  public PacketLedger ledger() {
    return ledger;
  }

  /** The guest driver (for tests). */
  public GuestDriver driver() {
    return driver;
  }

  /** The source's migration device. */
  public VfioMigrationDevice sourceDevice() {
    return srcDev;
  }

  /** The destination's migration device. */
  public VfioMigrationDevice destinationDevice() {
    return dstDev;
  }

  /** The simulated clock. */
  public ManualClock clock() {
    return clock;
  }

  // ---- the run -------------------------------------------------------------------------------

  /** Brings the driver up, runs traffic, migrates, finishes traffic and judges every frame. */
  public VfRunReport run(OrchestratorOptions options) {
    return run(options, ProtocolHooks.NONE);
  }

  /**
   * As {@link #run(OrchestratorOptions)}, the orchestrator reporting to and carrying {@code hooks}.
   */
  public VfRunReport run(OrchestratorOptions options, ProtocolHooks hooks) {
    MigrationReport report = migrate(options, hooks);
    // the rest of the traffic, then let device and driver finish what is in the rings
    while (arrivals.hasNext()) {
      clock.advance(TICK_NANOS);
      advanceTo(clock.nanos());
    }
    int quiet = 0;
    for (int i = 0; i < 1_000_000 && quiet < QUIET_TICKS; i++) {
      clock.advance(TICK_NANOS);
      advanceTo(clock.nanos());
      boolean progress = activeVf.step();
      if (vcpusRunning) {
        progress |= driver.napiStep();
      }
      quiet = progress ? 0 : quiet + 1;
    }
    boolean stalled = driver.rxStalled();
    driver.rx().flushStack(); // the application reads what the stack still holds
    List<Violation> v = ledger.finalCheck();
    long lost = v.stream().filter(x -> x.kind() == Violation.Kind.LOST).count();
    long dup =
        v.stream()
            .filter(
                x ->
                    x.kind() == Violation.Kind.DUPLICATED
                        || x.kind() == Violation.Kind.DROP_AFTER_DELIVERY)
            .count();
    long corrupt =
        v.stream()
            .filter(x -> x.kind() == Violation.Kind.CORRUPTED || x.kind() == Violation.Kind.UNKNOWN)
            .count();
    for (Violation x : v) {
      if (x.kind() == Violation.Kind.LOST && arrivals.arrivalNanos(x.packetId()) >= 0) {
        series.add(DeliverySeries.Kind.LOST, arrivals.arrivalNanos(x.packetId()));
      } else if (x.kind() == Violation.Kind.CORRUPTED || x.kind() == Violation.Kind.UNKNOWN) {
        // delivered here: the delivery callback's "... @<ns> ns"
        Matcher at = DELIVERED_AT.matcher(x.where());
        if (at.find()) {
          series.add(DeliverySeries.Kind.CORRUPTED, Long.parseLong(at.group(1)));
        }
      }
    }
    long onWire = ledger.dropped(DropReason.VF_STOPPED);
    return new VfRunReport(
        new VfRunReport.Ledger(
            ledger.sent(),
            ledger.delivered(),
            ledger.dropped() - onWire,
            onWire,
            ledger.droppedByDriver(),
            lost,
            corrupt,
            dup),
        v,
        report,
        serviceDowntime,
        driver.rx().dummyWrites(),
        downtimeArcs,
        network.announces(),
        series.snapshot(),
        stalled);
  }

  /**
   * Only the first part of {@link #run}: bring-up, traffic until the migration starts, and the
   * migration, with the traffic that arrives meanwhile; the frames after it are never generated. A
   * run with the same configuration, seed, options and hooks takes the same arcs and reads the same
   * chunks, so this is how {@code simulate} learns, before the real run, which arc and chunk
   * numbers exist.
   */
  public MigrationReport migrateOnly(OrchestratorOptions options, ProtocolHooks hooks) {
    return migrate(options, hooks);
  }

  private MigrationReport migrate(OrchestratorOptions options, ProtocolHooks hooks) {
    checkState(now == 0, "a VfVm runs once");
    GuestDriver.UpResult up = driver.bringUp();
    checkState(up == GuestDriver.UpResult.UP, "driver bring-up failed: %s", up);
    advanceTo(cfg.migrateAfterNanos());
    VfGuestMemoryMigration memory =
        new VfGuestMemoryMigration(srcMem, srcDma, dstMem, cfg.strategy().tracking().deviceLog());
    migrating = true;
    MigrationReport report =
        new MigrationOrchestrator(
                List.of(new DevicePair("vf0", srcDev, dstDev)),
                memory,
                new Workload(),
                clock,
                options.withOrdering(cfg.strategy().ordering()).withHost(cfg.strategy().host()),
                hooks)
            .migrate();
    resumeIfReady();
    return report;
  }

  private final class Workload implements MigrationWorkload {
    @Override
    public void runGuest(long nanos) {
      advanceTo(clock.nanos());
    }

    @Override
    public void betweenArcs() {
      if (!vcpusRunning) {
        downtimeArcs++;
      }
      advanceTo(clock.nanos());
      resumeIfReady();
    }

    @Override
    public void beforeVcpuStop() {
      if (cfg.strategy().stopMode() == RxStrategy.StopMode.GUEST_DRAIN) {
        guestDrain();
      }
      vcpusRunning = false;
    }

    @Override
    public void destinationRunning(boolean running) {
      destinationStarted = running;
    }

    @Override
    public void announce() {
      advanceTo(clock.nanos());
      network.announce(EthernetSwitch.Port.DESTINATION, now);
    }
  }

  /**
   * The RFC's cooperative stop: the driver clears RXDCTL.ENABLE and polls as {@code
   * ixgbevf_disable_rx_queue} does (each 10 us wait gives the source device ten {@link
   * Vf82599#rxTick() ticks}: it finishes the frame it is writing, then ENABLE reads 0), and cleans
   * every done descriptor; only then do the vCPUs pause. The wait is guest time inside the drain,
   * not clock time (as the cleaning is). If the poll gives up, the driver carries on (ixgbevf logs
   * and continues).
   */
  private void guestDrain() {
    driver
        .rx()
        .disableForMigration(
            () -> {
              for (int i = 0; i < 10; i++) {
                srcVf.rxTick();
              }
            });
    for (int i = 0; i < 100_000 && driver.rxStep(); i++) {
      // clean until a poll finds nothing
    }
  }

  /** Destination RUNNING: the guest continues there after its ring restore; or source recovered. */
  private void resumeIfReady() {
    if (!onDestination && destinationStarted && dstDev.state() == MigrationState.RUNNING) {
      onDestination = true;
      activeVf = dstVf;
      driver.migrateTo(Bar.of(dstVf), dstMem);
      GuestRxRing rx = driver.rx();
      switch (cfg.strategy().restore()) {
        case SHIFT -> rx.restoreShift();
        case REINIT -> rx.restoreReinit();
        case HEAD_ZERO -> rx.restoreHeadZero();
        case DROP_RING, RESTORE_HEAD ->
            throw new IllegalStateException("not simulated (Config rejects it): " + cfg.strategy());
      }
      driver.kickRx(); // the restored ring is looked at once, whatever interrupts the stop ate
      vcpusRunning = true;
    } else if (!onDestination
        && !vcpusRunning
        && !destinationStarted
        && srcDev.state() == MigrationState.RUNNING) {
      // the migration failed or was cancelled: the source guest runs on
      vcpusRunning = true;
      if (cfg.strategy().stopMode() == RxStrategy.StopMode.GUEST_DRAIN) {
        driver.rx().enableAfterAbort();
        driver.kickRx();
      }
    }
  }

  private void advanceTo(long t) {
    while (now + TICK_NANOS <= t) {
      now += TICK_NANOS;
      tick();
    }
  }

  private void tick() {
    while (arrivals.hasNext() && arrivals.peek().atNanos() <= now) {
      Arrival a = arrivals.next();
      PacketId id = new PacketId(sent++);
      Frame f = TestFrames.build(id, driver.mac(), PEER_MAC, a.length(), frameSeed);
      ledger.sent(id, f);
      double bad = cfg.badFrames().ratio();
      if (bad > 0 && badFrameDraws.nextDouble() < bad) {
        f = f.withBitErrorInLastByte(); // the ledger keeps what was sent, the VF gets this
      }
      // to the host the switch forwards the VM's MAC to; a stopped VF there drops it, counted
      (network.egress(now) == EthernetSwitch.Port.SOURCE ? srcVf : dstVf).deliver(f);
    }
    srcVf.elapse(TICK_NANOS);
    dstVf.elapse(TICK_NANOS);
    int d = choices.next(3);
    for (int i = 0; i < d; i++) {
      activeVf.step();
    }
    if (vcpusRunning) {
      int g = choices.next(3);
      for (int i = 0; i < g; i++) {
        driver.napiStep(); // interrupt-driven: nothing unless an interrupt scheduled NAPI
      }
    }
  }
}
