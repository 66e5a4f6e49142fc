package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.Vf82599;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.dma.Iommu;
import org.vfiomc.conformance.vfio.DataFd;
import org.vfiomc.conformance.vfio.Errno;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.ReadResult;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/**
 * The 82599 VF's host-side configuration in a migration (issue 10, item 7): the PF administrator's
 * port VLAN and admin MAC must match on both sides (refused by the management pre-check before the
 * source stops; without it, QEMU migrates and RESUMING → STOP rejects the stream), and the
 * destination host's administrator policy (trust, link state, RSS query) is never overwritten by
 * the source's.
 */
final class HostConfigMigrationTest {
  private static final long RAM = 1L << 20;

  private static Vf82599 vf() {
    Iommu iommu = new Iommu();
    iommu.mapIdentity(RAM);
    return new Vf82599(new DmaPort(new GuestMemory(RAM), iommu));
  }

  private static byte[] drain(DataFd fd) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ReadResult r = fd.read(4096); !r.endOfStreamReached(); r = fd.read(4096)) {
      out.write(r.data(), 0, r.length());
    }
    return out.toByteArray();
  }

  /**
   * Saves {@code src} and loads it into {@code dst}; returns the SET STOP errno (empty: loaded).
   */
  private static Optional<Errno> migrate(VfioMigrationDevice src, VfioMigrationDevice dst) {
    byte[] stream = drain(src.set(MigrationState.STOP_COPY).dataFd().orElseThrow());
    DataFd in = dst.set(MigrationState.RESUMING).dataFd().orElseThrow();
    assertTrue(in.write(stream).errno().isEmpty());
    return dst.set(MigrationState.STOP).errno();
  }

  @Test
  void destinationKeepsItsAdministratorPolicy() {
    Vf82599 s = vf();
    s.pf().setTrusted(true);
    s.pf().setLinkEnable(false);
    s.pf().setRssQueryEnabled(true);
    Vf82599 d = vf();
    // the two hosts' policies differ in every field, so a load that copies them is seen
    assertTrue(s.pf().state().trusted() != d.pf().state().trusted());
    assertTrue(s.pf().state().linkEnable() != d.pf().state().linkEnable());
    assertTrue(s.pf().state().rssQueryEnabled() != d.pf().state().rssQueryEnabled());
    boolean trusted = d.pf().state().trusted();
    boolean link = d.pf().state().linkEnable();
    boolean rss = d.pf().state().rssQueryEnabled();
    VfioMigrationDevice src = new VfioMigrationDevice("src", s, MigrationFeatures.ALL);
    VfioMigrationDevice dst = new VfioMigrationDevice("dst", d, MigrationFeatures.ALL);
    assertEquals(Optional.empty(), migrate(src, dst));
    assertEquals(trusted, d.pf().state().trusted());
    assertEquals(link, d.pf().state().linkEnable());
    assertEquals(rss, d.pf().state().rssQueryEnabled());
    // the migrated, VF-owned part did arrive: the registers are the source's
    assertEquals(s.snapshot().registers(), d.snapshot().registers());
  }

  @Test
  void anotherPortVlan_isRefusedAtResumingToStop_nothingLoaded_andTheSourceResumes() {
    Vf82599 s = vf();
    Vf82599 d = vf();
    d.pf().setPortVlan(100, 3);
    VfioMigrationDevice src = new VfioMigrationDevice("src", s, MigrationFeatures.ALL);
    VfioMigrationDevice dst = new VfioMigrationDevice("dst", d, MigrationFeatures.ALL);
    long before = d.stateDigest();
    assertEquals(Optional.of(Errno.EINVAL), migrate(src, dst));
    assertEquals(MigrationState.RESUMING, dst.state());
    assertEquals(before, d.stateDigest());
    assertTrue(src.set(MigrationState.RUNNING).ok());
  }

  /** With the management layer: its pre-check refuses the pair before the source stops. */
  @Test
  void anotherPortVlan_isRefusedByManagementBeforeTheSourceStops() {
    Vf82599 s = vf();
    Vf82599 d = vf();
    d.pf().setPortVlan(100, 0);
    VfioMigrationDevice src = new VfioMigrationDevice("src", s, MigrationFeatures.ALL);
    VfioMigrationDevice dst = new VfioMigrationDevice("dst", d, MigrationFeatures.ALL);
    List<MigrationState> sourceArcs = new java.util.ArrayList<>();
    src.addArcListener((dev, arc) -> sourceArcs.add(arc.to()));
    MigrationReport r =
        new MigrationManagement(
                List.of(new DevicePair("vf", src, dst)),
                new NoMemory(),
                new IdleWorkload(),
                new ManualClock(),
                OrchestratorOptions.defaults())
            .migrate();
    assertEquals(MigrationReport.Outcome.REFUSED, r.outcome());
    assertTrue(
        r.detail()
            .startsWith("management pre-check: target of vf has another host-side configuration"),
        r.detail());
    assertEquals(0, r.arcs());
    assertEquals(List.of(), sourceArcs);
    assertEquals(MigrationState.RUNNING, src.state());
    assertFalse(s.isQuiesced());
  }

  /**
   * QEMU alone (no management pre-check): the migration runs, the destination's RESUMING -> STOP
   * rejects the stream of another port VLAN, QEMU resets that device and completes; the error is
   * only logged on the destination, which runs without the VF's state.
   */
  @Test
  void anotherPortVlan_withoutManagement_destinationRejectsTheLoadAndIsReset() {
    Vf82599 s = vf();
    Vf82599 d = vf();
    d.pf().setPortVlan(100, 0);
    VfioMigrationDevice src = new VfioMigrationDevice("src", s, MigrationFeatures.ALL);
    VfioMigrationDevice dst = new VfioMigrationDevice("dst", d, MigrationFeatures.ALL);
    List<String> dstArcs = new java.util.ArrayList<>();
    dst.addArcListener(
        new org.vfiomc.conformance.vfio.ArcListener() {
          @Override
          public void afterArc(VfioMigrationDevice dev, org.vfiomc.conformance.vfio.Arc arc) {
            dstArcs.add(arc.from() + "->" + arc.to());
          }

          @Override
          public void afterReset(VfioMigrationDevice dev) {
            dstArcs.add("reset");
          }
        });
    MigrationReport r =
        new MigrationOrchestrator(
                List.of(new DevicePair("vf", src, dst)),
                new NoMemory(),
                new IdleWorkload(),
                new ManualClock(),
                OrchestratorOptions.defaults())
            .migrate();
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome(), r.toString());
    assertTrue(r.detail().startsWith("vf destination rejected the load ("), r.detail());
    assertEquals(1, r.devicesReset());
    assertEquals(
        List.of("RUNNING->RUNNING_P2P", "RUNNING_P2P->STOP", "STOP->RESUMING", "reset"), dstArcs);
    assertEquals(MigrationState.STOP, src.state());
    assertEquals(MigrationState.RUNNING, dst.state());
  }

  private static final class NoMemory implements GuestMemoryMigration {
    @Override
    public int pageSize() {
      return 4096;
    }

    @Override
    public long pageCount() {
      return 0;
    }

    @Override
    public void startDirtyTracking() {}

    @Override
    public long[] readAndClearDirty() {
      return new long[0];
    }

    @Override
    public long dirtyPageCount() {
      return 0;
    }

    @Override
    public void copyPage(long page) {}

    @Override
    public void stopDirtyTracking() {}
  }

  private static final class IdleWorkload implements MigrationWorkload {
    @Override
    public void runGuest(long nanos) {}

    @Override
    public void betweenArcs() {}
  }
}
