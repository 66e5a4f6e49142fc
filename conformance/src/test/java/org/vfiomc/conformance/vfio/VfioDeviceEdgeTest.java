package org.vfiomc.conformance.vfio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.function.SyntheticFunction;

/**
 * What {@link VfioMigrationDevice} promises beyond the arc table (issue 13, PIT survivors of the
 * device): its initial RUNNING behaviour, the listeners' calls and the arc count, distinct data_fd
 * numbers, the read size and resume limit, the increment a SAVE would capture, and the count of
 * increments a device without the base check applied to the wrong image.
 */
final class VfioDeviceEdgeTest {
  private static final int READ_ALL = 1 << 20;

  @Test
  void aNewDevice_runsItsFunction_whateverStateItWasLeftIn() {
    // vfio.h: a device opened by the user is in RUNNING, the function neither quiesced nor blocked
    // from outbound P2P, even if a previous user left it stopped
    SyntheticFunction fn = new SyntheticFunction(8);
    fn.setOutboundP2pBlocked(true);
    fn.setQuiesced(true);
    VfioMigrationDevice d = new VfioMigrationDevice("d", fn, MigrationFeatures.ALL);
    assertEquals(MigrationState.RUNNING, d.state());
    assertFalse(fn.quiesced());
    assertFalse(fn.outboundP2pBlocked());
    assertEquals("d", d.name());
    assertEquals(MigrationFeatures.ALL, d.features());
    assertEquals("d[RUNNING, ALL]", d.toString());
  }

  @Test
  void theResumeLimit_isPositive_andABufferOfExactlyItIsAccepted() {
    SyntheticFunction fn = new SyntheticFunction(8);
    for (long bad : new long[] {0, -1}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> new VfioMigrationDevice("d", fn, MigrationFeatures.STOP_COPY, bad));
    }
    VfioMigrationDevice d = new VfioMigrationDevice("d", fn, MigrationFeatures.STOP_COPY, 1);
    DataFd fd = d.set(MigrationState.RESUMING).dataFd().orElseThrow();
    assertEquals(Errno.EFBIG, fd.write(new byte[2]).errno().orElseThrow());
    assertTrue(fd.write(new byte[1]).errno().isEmpty());
    assertEquals(Errno.EFBIG, fd.write(new byte[1]).errno().orElseThrow());
  }

  @Test
  void listeners_seeEachArcOnce_inOrder_andEachReset_untilRemoved() {
    VfioMigrationDevice d =
        new VfioMigrationDevice("d", new SyntheticFunction(8), MigrationFeatures.STOP_COPY);
    List<String> seen = new ArrayList<>();
    ArcListener l =
        new ArcListener() {
          @Override
          public void afterArc(VfioMigrationDevice device, Arc arc) {
            seen.add(arc.from() + ">" + arc.to() + "@" + device.arcsTaken());
          }

          @Override
          public void afterReset(VfioMigrationDevice device) {
            seen.add("reset in " + device.state());
          }
        };
    d.addArcListener(l);
    // RUNNING -> STOP_COPY goes through STOP (the kernel's vfio_mig_get_next_state): two arcs,
    // counted before the listener hears of them
    assertTrue(d.set(MigrationState.STOP_COPY).ok());
    assertEquals(2, d.arcsTaken());
    d.reset();
    assertEquals(
        List.of("RUNNING>STOP@1", "STOP>STOP_COPY@2", "reset in RUNNING"), seen, seen::toString);
    d.removeArcListener(l);
    assertTrue(d.set(MigrationState.STOP).ok());
    d.reset();
    assertEquals(3, seen.size(), seen::toString);
    assertEquals(3, d.arcsTaken());
  }

  @Test
  void eachSession_getsItsOwnFdNumber() {
    // anon_inode_getfd: the first fd is still open (disabled, not closed) when the second is made
    VfioMigrationDevice d =
        new VfioMigrationDevice("d", new SyntheticFunction(8), MigrationFeatures.STOP_COPY);
    DataFd first = d.set(MigrationState.STOP_COPY).dataFd().orElseThrow();
    assertTrue(d.set(MigrationState.STOP).ok());
    DataFd second = d.set(MigrationState.RESUMING).dataFd().orElseThrow();
    assertNotEquals(first.number(), second.number());
    assertEquals("fd " + first.number() + " (SAVING, dead)", first.toString());
    assertEquals("fd " + second.number() + " (RESUMING, live)", second.toString());
  }

  @Test
  void aRead_asksForAtLeastOneByte_andGetsNoMoreThanItAsked() {
    VfioMigrationDevice d =
        new VfioMigrationDevice("d", new SyntheticFunction(8), MigrationFeatures.STOP_COPY);
    DataFd fd = d.set(MigrationState.STOP_COPY).dataFd().orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> fd.read(0));
    ReadResult one = fd.read(1);
    assertEquals(1, one.length());
    assertEquals("read 1 bytes", one.toString());
    fd.close();
    assertEquals("read: EBADF", fd.read(1).toString());
  }

  @Test
  void incrementPending_isAChangeSinceTheLastImage_inPreCopyOnly() {
    SyntheticFunction fn = new SyntheticFunction(8);
    VfioMigrationDevice d = new VfioMigrationDevice("d", fn, MigrationFeatures.STOP_COPY_PRE_COPY);
    assertFalse(d.incrementPending(), "no session");
    fn.tick();
    assertFalse(d.incrementPending(), "RUNNING, no session: nothing to save");
    DataFd fd = d.set(MigrationState.PRE_COPY).dataFd().orElseThrow();
    assertFalse(d.incrementPending(), "the initial image is the state now");
    fd.read(READ_ALL);
    fn.tick();
    assertTrue(d.incrementPending());
    fd.read(READ_ALL); // the increment is read: the image is the state again
    assertFalse(d.incrementPending());
    fn.tick();
    assertTrue(d.set(MigrationState.STOP_COPY).ok());
    assertFalse(d.incrementPending(), "STOP_COPY: the final image took the change");
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  @Test
  void aDeviceWithoutTheBaseCheck_countsTheIncrementsItAppliedToTheWrongImage() {
    // source in DELTA mode: initial image, an increment after one change, another after two more,
    // the final increment after one more; the first increment's chunk is lost
    SyntheticFunction src = new SyntheticFunction(64);
    VfioMigrationDevice s = new VfioMigrationDevice("s", src, MigrationFeatures.STOP_COPY_PRE_COPY);
    s.setImageMode(ImageMode.DELTA);
    DataFd out = s.set(MigrationState.PRE_COPY).dataFd().orElseThrow();
    List<byte[]> chunks = new ArrayList<>();
    chunks.add(out.read(READ_ALL).data());
    src.tick();
    chunks.add(out.read(READ_ALL).data());
    src.tick();
    src.tick();
    chunks.add(out.read(READ_ALL).data());
    src.tick();
    assertTrue(s.set(MigrationState.STOP_COPY).ok());
    chunks.add(out.read(READ_ALL).data());
    List<byte[]> lost = new ArrayList<>(chunks);
    lost.remove(1);

    SyntheticFunction dst = new SyntheticFunction(64);
    VfioMigrationDevice d = new VfioMigrationDevice("d", dst, MigrationFeatures.STOP_COPY);
    d.setLoadDefects(EnumSet.of(LoadDefect.ACCEPT_REORDERED, LoadDefect.UNCHECKED_DELTA_BASE));
    assertEquals(0, d.lastLoadBaseMismatches());
    DataFd in = d.set(MigrationState.RESUMING).dataFd().orElseThrow();
    assertTrue(in.write(concat(lost)).errno().isEmpty());
    SetResult r = d.set(MigrationState.STOP);
    assertTrue(r.ok(), r::toString);
    // both increments after the gap were made for images the destination never built
    assertEquals(2, d.lastLoadBaseMismatches());
    assertNotEquals(src.stateDigest(), dst.stateDigest(), "a state the source never had");

    // the complete stream, loaded next, applies every increment to its own base
    DataFd again = d.set(MigrationState.RESUMING).dataFd().orElseThrow();
    assertTrue(again.write(concat(chunks)).errno().isEmpty());
    assertTrue(d.set(MigrationState.STOP).ok());
    assertEquals(0, d.lastLoadBaseMismatches());
    assertEquals(src.stateDigest(), dst.stateDigest());
    assertTrue(d.lastLoadError().isEmpty());
  }
}
