package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.Vf82599;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.dma.Iommu;
import org.vfiomc.conformance.emulator.packet.PacketId;
import org.vfiomc.conformance.emulator.packet.TestFrames;
import org.vfiomc.conformance.function.SyntheticFunction;
import org.vfiomc.conformance.guest.Bar;
import org.vfiomc.conformance.guest.DirtyTracking;
import org.vfiomc.conformance.guest.GuestDriver;
import org.vfiomc.conformance.guest.RecordingStack;
import org.vfiomc.conformance.vfio.DataFd;
import org.vfiomc.conformance.vfio.Errno;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.ReadResult;
import org.vfiomc.conformance.vfio.StreamError;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/**
 * The 82599 VF's migration stream (its snapshot codec bytes inside the VFIO stream sections):
 * corrupted, truncated and incompatible streams are refused by the destination's RESUMING → STOP,
 * nothing is loaded, and the source goes back to RUNNING and keeps receiving.
 */
class VfStreamRejectionTest {
  private static final long RAM = 4L << 20;

  private static Vf82599 vf(GuestMemory mem) {
    Iommu iommu = new Iommu();
    iommu.mapIdentity(RAM);
    return new Vf82599(new DmaPort(mem, iommu));
  }

  private static byte[] drain(DataFd fd) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ReadResult r = fd.read(4096); !r.endOfStreamReached(); r = fd.read(4096)) {
      assertEquals(Optional.empty(), r.errno());
      out.write(r.data(), 0, r.length());
    }
    return out.toByteArray();
  }

  private void rejected(UnaryOperator<byte[]> mutate, StreamError.Kind kind) {
    GuestMemory mem = new GuestMemory(RAM);
    Vf82599 src = vf(mem);
    RecordingStack stack = new RecordingStack();
    GuestDriver driver =
        new GuestDriver(Bar.of(src), mem, GuestDriver.Config.of(DirtyTracking.NONE), stack);
    assertEquals(GuestDriver.UpResult.UP, driver.bringUp());
    VfioMigrationDevice source = new VfioMigrationDevice("src", src, MigrationFeatures.ALL);
    byte[] stream = drain(source.set(MigrationState.STOP_COPY).dataFd().orElseThrow());

    Vf82599 dstVf = vf(new GuestMemory(RAM));
    VfioMigrationDevice dst = new VfioMigrationDevice("dst", dstVf, MigrationFeatures.ALL);
    long before = dstVf.stateDigest();
    DataFd in = dst.set(MigrationState.RESUMING).dataFd().orElseThrow();
    assertTrue(in.write(mutate.apply(stream)).errno().isEmpty());
    assertEquals(Optional.of(Errno.EINVAL), dst.set(MigrationState.STOP).errno());
    assertEquals(MigrationState.RESUMING, dst.state());
    assertEquals(kind, dst.lastLoadError().orElseThrow().kind());
    assertEquals(before, dstVf.stateDigest()); // nothing loaded

    // the source resumes and receives
    assertTrue(source.set(MigrationState.RUNNING).ok());
    src.deliver(TestFrames.build(new PacketId(7), driver.mac(), 0x02AABBCCDDEEL, 100, 1));
    for (int i = 0; i < 20; i++) {
      src.step();
      driver.rxStep();
    }
    assertEquals(1, stack.received().size());
  }

  @Test
  void corruptedVfPayload_isRejectedAndTheSourceKeepsRunning() {
    // a bit flipped in the middle of the stream lands in the VF's snapshot bytes: the section
    // checksum refuses it
    rejected(
        s -> {
          byte[] b = s.clone();
          b[b.length / 2] ^= 0x10;
          return b;
        },
        StreamError.Kind.SECTION_CHECKSUM);
  }

  @Test
  void truncatedStream_isRejectedAndTheSourceKeepsRunning() {
    rejected(s -> Arrays.copyOf(s, s.length - 10), StreamError.Kind.TRUNCATED);
  }

  @Test
  void incompatibleStream_isRejectedAndTheSourceKeepsRunning() {
    // a stream saved by another function (the synthetic device) cannot load into the VF
    VfioMigrationDevice other =
        new VfioMigrationDevice("other", new SyntheticFunction(48), MigrationFeatures.ALL);
    byte[] foreign = drain(other.set(MigrationState.STOP_COPY).dataFd().orElseThrow());
    rejected(s -> foreign, StreamError.Kind.INCOMPATIBLE);
  }
}
