package org.vfiomc.conformance.emulator;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.dma.Iommu;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.packet.PacketId;
import org.vfiomc.conformance.emulator.packet.TestFrames;
import org.vfiomc.conformance.guest.Bar;
import org.vfiomc.conformance.guest.DirtyTracking;
import org.vfiomc.conformance.guest.GuestDriver;
import org.vfiomc.conformance.guest.GuestRxRing;

/**
 * Rx data path, one thread: the device receives a 64-byte frame (60 bytes + FCS on the wire), DMAs
 * the buffer (IOMMU translation, dirty logging on), writes the descriptor back, and the driver
 * model checks the descriptor, copies the frame to its stack and re-arms the ring (refill every 16
 * descriptors, RDT write). One operation = one packet. Target: 14.88 Mpps (10GbE line rate for
 * 64-byte frames).
 *
 * <p>Run (from the repository root; one Maven call compiles and writes the test classpath):
 *
 * <pre>
 * mvn -q -o -pl conformance -am test-compile dependency:build-classpath -DskipTests \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
 * java -cp conformance/target/test-classes:conformance/target/classes:$(cat \
 *     conformance/target/test-cp.txt) org.openjdk.jmh.Main RxPathBench -prof gc
 * </pre>
 *
 * {@code rxOnePacket} is one frame per operation; {@code rxBurst32} is a NAPI-style poll of 32
 * frames ({@code @OperationsPerInvocation(32)}, so its score is also packets per second). Both run
 * with the device dirty log on (as during migration) and allocate nothing per packet. The driver
 * batches as ixgbevf does: it refills once 16 descriptors are free ({@code
 * IXGBEVF_RX_BUFFER_WRITE}) and writes RDT once per refill, not per packet.
 *
 * <p>On a shared machine the wall-clock score drops with every other job on the core; {@link
 * RxPathCpuTime} runs the same operations and reports the benchmark thread's own CPU time per
 * packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class RxPathBench {
  private Vf82599 vf;
  private GuestRxRing rx;
  private Frame frame;
  private long bytes;

  /** Rx ring size: ixgbevf's default 512, and 64. */
  @org.openjdk.jmh.annotations.Param({"512", "64"})
  public int ringSize;

  @Setup
  public void setup() {
    GuestMemory mem = new GuestMemory(64L << 20);
    Iommu iommu = new Iommu();
    iommu.mapIdentity(64L << 20);
    DmaPort dma = new DmaPort(mem, iommu);
    dma.deviceDirtyLog().start();
    vf = new Vf82599(dma);
    GuestDriver driver =
        new GuestDriver(
            Bar.of(vf),
            mem,
            new GuestDriver.Config(
                ringSize,
                64,
                2048,
                DirtyTracking.NONE,
                org.vfiomc.conformance.guest.DoneCheck.LENGTH,
                1 << 20),
            (buf, len, q, slot) -> bytes += len + buf[len - 1]);
    if (driver.bringUp() != GuestDriver.UpResult.UP) {
      throw new IllegalStateException("bring-up failed");
    }
    rx = driver.rx();
    frame = TestFrames.build(new PacketId(1), driver.mac(), 0x02AABBCCDDEEL, 60, 7);
  }

  /** One packet through device and driver. */
  @Benchmark
  public long rxOnePacket() {
    vf.deliver(frame);
    vf.stepRx(); // accept, fetch descriptor, write buffer
    vf.stepRx(); // write descriptor back (DD and length last), advance RDH
    rx.poll(4); // refill if 16 reclaimable, check length, copy, deliver
    return bytes;
  }

  /** NAPI-style: 32 frames arrive, the device places them, one driver poll cleans all 32. */
  @Benchmark
  @org.openjdk.jmh.annotations.OperationsPerInvocation(BURST)
  public long rxBurst32() {
    for (int i = 0; i < BURST; i++) {
      vf.deliver(frame);
    }
    for (int i = 0; i < 2 * BURST; i++) {
      vf.stepRx(); // buffer write, then descriptor write-back, per frame
    }
    rx.poll(3 * BURST); // 32 consumes + 2 refills + the final empty check
    return bytes;
  }

  /** Frames per burst (below the 64-packet NAPI budget and the 63 posted buffers). */
  static final int BURST = 32;
}
