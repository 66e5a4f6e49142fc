package org.vfiomc.conformance.emulator.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.VfFixture;
import org.vfiomc.conformance.emulator.regs.VfRegs;

final class VfSnapshotCodecTest {
  /** A device with a little of everything: PF state, a frame in flight, frames waiting. */
  private static VfSnapshot busySnapshot() {
    VfFixture f = new VfFixture().resetHandshake().rxRing(VfFixture.COUNT - 1);
    f.vf.deliver(f.frame(1, 60));
    f.vf.deliver(f.frame(2, 100));
    f.vf.deliver(f.frame(3, 61));
    f.vf.runUntilIdle(2); // frame 1 placed
    f.vf.stepRx(); // frame 2: data written, descriptor pending
    return f.vf.snapshot();
  }

  @Test
  void roundTrip_isExact() throws SnapshotFormatException {
    VfSnapshot s = busySnapshot();
    assertEquals(s, VfSnapshotCodec.decode(VfSnapshotCodec.encode(s)));
  }

  @Test
  void theDevicesOwnSave_isTheEncodedSnapshot() {
    // Vf82599.saveState encodes its register words without boxing them into a snapshot first:
    // the bytes must be those of encoding the snapshot, on a busy device as on a fresh one
    VfFixture f = new VfFixture().resetHandshake().rxRing(VfFixture.COUNT - 1);
    f.vf.deliver(f.frame(1, 60));
    f.vf.deliver(f.frame(2, 100));
    f.vf.runUntilIdle(2);
    f.vf.stepRx();
    assertArrayEquals(VfSnapshotCodec.encode(f.vf.snapshot()), f.vf.saveState());
    VfFixture fresh = new VfFixture();
    assertArrayEquals(VfSnapshotCodec.encode(fresh.vf.snapshot()), fresh.vf.saveState());
  }

  @Test
  void freshDevice_encodesToTheDocumentedSize() {
    // header 16 + REGS (6 + 4 + 4096*4 = 16394) + TX (6 + 4 + 2*1 = 12)
    // + PF (6 + 8 + 4 + 7*4 + 3*4 = 58) + CRC 4 = 16484
    assertEquals(16484, new VfFixture().vf.saveState().length);
  }

  @Test
  void everyTruncation_isRejectedWithAnOffset() {
    byte[] good = VfSnapshotCodec.encode(busySnapshot());
    for (int len = 0; len < good.length; len++) {
      byte[] cut = java.util.Arrays.copyOf(good, len);
      SnapshotFormatException e =
          assertThrows(SnapshotFormatException.class, () -> VfSnapshotCodec.decode(cut));
      assertTrue(e.offset() >= 0 && e.offset() <= good.length, e.getMessage());
    }
  }

  @Test
  void anyFlippedByte_isRejected() {
    byte[] good = VfSnapshotCodec.encode(busySnapshot());
    for (int i = 0; i < good.length; i += 13) { // 13: coprime stride hitting every field kind
      byte[] bad = good.clone();
      bad[i] ^= 0x40;
      assertThrows(
          SnapshotFormatException.class, () -> VfSnapshotCodec.decode(bad), "flip at " + i);
    }
  }

  @Test
  void incompatibleVersion_isNamedAtOffset8() {
    // version 1 carried the packet buffer, the frame in flight and the emulator's tallies
    byte[] s = VfSnapshotCodec.encode(busySnapshot());
    s[8] = 1;
    fixCrc(s);
    SnapshotFormatException e =
        assertThrows(SnapshotFormatException.class, () -> VfSnapshotCodec.decode(s));
    assertEquals(8, e.offset());
    assertTrue(e.getMessage().contains("unsupported format version 1"), e.getMessage());
  }

  @Test
  void validCrcButInconsistentContent_isStillRejected() {
    byte[] s = VfSnapshotCodec.encode(busySnapshot());
    // REGS count at 16 + 2 (tag) + 4 (length) = 22: claim 4095 registers
    s[22] = (byte) 0xFF;
    s[23] = 0x0F;
    fixCrc(s);
    SnapshotFormatException e =
        assertThrows(SnapshotFormatException.class, () -> VfSnapshotCodec.decode(s));
    assertEquals(22, e.offset());
  }

  @Test
  void randomGarbage_neverCrashes() {
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < 2000; i++) {
      byte[] g = new byte[r.nextInt(64)];
      r.nextBytes(g);
      if (i % 2 == 0 && g.length >= 8) {
        System.arraycopy(VfSnapshotCodec.MAGIC, 0, g, 0, 8);
      }
      assertThrows(SnapshotFormatException.class, () -> VfSnapshotCodec.decode(g));
    }
  }

  @Test
  void registerAccessor_readsByOffset() {
    VfSnapshot s = busySnapshot();
    assertEquals(1, s.register(VfRegs.rdh(0))); // frame 1 consumed one descriptor
  }

  private static void fixCrc(byte[] s) {
    CRC32C c = new CRC32C();
    c.update(s, 0, s.length - 4);
    int v = (int) c.getValue();
    for (int i = 0; i < 4; i++) {
      s[s.length - 4 + i] = (byte) (v >>> (8 * i));
    }
  }
}
