package org.vfiomc.conformance.vfio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.function.SyntheticFunction;

/**
 * Byte counts used below, for a {@link SyntheticFunction} with 64 scratch bytes and no peer: its
 * state is 56 header bytes + 64 scratch = 120 bytes. The version string
 * "1b36:00ff/synthetic-fn/stream-1/state-1" has 39 bytes, so the stream header is 8 + 39 + 4 = 51;
 * a 120-byte section is 13 + 120 = 133; END is 21. A STOP_COPY-only stream is 51 + 133 + 21 = 205;
 * a PRE_COPY initial image is 51 + 133 = 184; finishing it adds 133 + 21 = 154.
 */
final class VfioMigrationDeviceTest {
  private static final int STATE = 120;
  private static final int HEADER = 51;
  private static final int SECTION = 133;
  private static final int END = 21;

  private static VfioMigrationDevice device(MigrationFeatures f) {
    return new VfioMigrationDevice("dev", new SyntheticFunction(64), f);
  }

  private static SyntheticFunction fn(VfioMigrationDevice d) {
    return (SyntheticFunction) d.function();
  }

  private static byte[] drain(DataFd fd) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ReadResult r = fd.read(64); !r.endOfStreamReached(); r = fd.read(64)) {
      assertTrue(r.errno().isEmpty(), r.toString());
      out.writeBytes(r.data());
    }
    return out.toByteArray();
  }

  @Test
  void stateSize_isTheDocumentedNumber() {
    assertEquals(STATE, new SyntheticFunction(64).saveState().length);
  }

  @Nested
  final class Saving {
    @Test
    void stopCopyOnly_runningToStopCopy_walksTwoArcsAndStreamsToPermanentEnd() {
      VfioMigrationDevice d = device(MigrationFeatures.STOP_COPY);
      assertEquals(HEADER + SECTION + END, d.stopCopySize()); // 205, before anything starts
      SetResult r = d.set(MigrationState.STOP_COPY);
      assertTrue(r.ok());
      // Without P2P the kernel path is RUNNING -> STOP -> STOP_COPY; only the last arc opens fd 3.
      assertEquals(
          List.of(
              Arc.of(MigrationState.RUNNING, MigrationState.STOP),
              Arc.of(MigrationState.STOP, MigrationState.STOP_COPY)),
          r.arcs());
      DataFd fd = r.dataFd().orElseThrow();
      assertEquals(3, fd.number());
      assertEquals(1, d.sessionsStarted());
      int[] sizes = {64, 64, 64, 13}; // 205 bytes in 64-byte reads
      for (int size : sizes) {
        assertEquals(size, fd.read(64).length());
      }
      assertTrue(fd.read(64).endOfStreamReached());
      assertTrue(fd.read(64).endOfStreamReached()); // STOP_COPY end is permanent, never ENOMSG
      assertEquals(Optional.of(Errno.EINVAL), fd.precopyInfo().errno()); // not in PRE_COPY
    }

    @Test
    void preCopy_initialShrinksDirtyGrowsThenStopCopyContinuesTheSameSession() {
      VfioMigrationDevice d = device(MigrationFeatures.ALL);
      SetResult r = d.set(MigrationState.PRE_COPY);
      assertEquals(List.of(Arc.of(MigrationState.RUNNING, MigrationState.PRE_COPY)), r.arcs());
      DataFd fd = r.dataFd().orElseThrow();
      assertEquals(PrecopyInfo.of(HEADER + SECTION, 0), fd.precopyInfo()); // 184 initial
      assertEquals(100, fd.read(100).length());
      assertEquals(PrecopyInfo.of(84, 0), fd.precopyInfo()); // 184 - 100
      assertEquals(84, fd.read(500).length());
      assertEquals(PrecopyInfo.of(0, 0), fd.precopyInfo());
      assertEquals(Optional.of(Errno.ENOMSG), fd.read(64).errno()); // temporary end
      fn(d).tick(); // the running function changes: one new image is pending
      assertEquals(PrecopyInfo.of(0, SECTION), fd.precopyInfo());
      assertEquals(SECTION, fd.read(1000).length());
      assertEquals(PrecopyInfo.of(0, 0), fd.precopyInfo());
      assertEquals(HEADER + SECTION + END, d.stopCopySize() + HEADER); // 154 still to come

      SetResult sc = d.set(MigrationState.STOP_COPY);
      // PRE_COPY -> PRE_COPY_P2P -> STOP_COPY stays in the saving group: same session, no new fd.
      assertEquals(2, sc.arcs().size());
      assertTrue(sc.dataFd().isEmpty());
      assertTrue(fd.live());
      assertEquals(SECTION + END, fd.read(1000).length());
      assertTrue(fd.read(1).endOfStreamReached());
      assertEquals(1, d.sessionsStarted());

      assertTrue(d.set(MigrationState.STOP).ok());
      assertFalse(fd.live());
      assertEquals(Optional.of(Errno.ENODEV), fd.read(1).errno());
      assertTrue(d.liveSession().isEmpty());
    }

    @Test
    void wholePreCopyStream_hasTwoImagesAndParses() {
      VfioMigrationDevice d = device(MigrationFeatures.STOP_COPY_PRE_COPY);
      DataFd fd = d.set(MigrationState.PRE_COPY).dataFd().orElseThrow();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(fd.read(1000).data());
      fn(d).tick();
      out.writeBytes(fd.read(1000).data());
      fn(d).tick();
      byte[] expectedFinal = fn(d).saveState();
      assertTrue(d.set(MigrationState.STOP_COPY).ok()); // direct PC -> SC without P2P
      out.writeBytes(drain(fd));
      byte[] stream = out.toByteArray();
      // header + image + image + final + END; the second tick's change went into the final state.
      assertEquals(HEADER + 3 * SECTION + END, stream.length);
      MigrationStreamReader.Parsed p =
          MigrationStreamReader.parse(stream, SyntheticFunction.IDENTITY);
      assertTrue(p.error().isEmpty());
      assertEquals(2, p.precopyImages());
      assertArrayEquals(expectedFinal, p.finalState());
    }

    @Test
    void reset_inPreCopy_endsSessionAndReturnsToRunningWithFreshFunction() {
      VfioMigrationDevice d = device(MigrationFeatures.ALL);
      fn(d).tick();
      DataFd fd = d.set(MigrationState.PRE_COPY).dataFd().orElseThrow();
      d.reset();
      assertEquals(MigrationState.RUNNING, d.state());
      assertEquals(Optional.of(Errno.ENODEV), fd.read(10).errno());
      assertEquals(0, fn(d).work());
      assertTrue(d.liveSession().isEmpty());
    }

    @Test
    void closedFd_returnsEbadfAndLeavesTheDeviceAlone() {
      VfioMigrationDevice d = device(MigrationFeatures.ALL);
      DataFd fd = d.set(MigrationState.PRE_COPY).dataFd().orElseThrow();
      fd.close();
      assertEquals(Optional.of(Errno.EBADF), fd.read(10).errno());
      assertEquals(MigrationState.PRE_COPY, d.state());
      assertEquals(Optional.of(Arc.SessionKind.SAVING), d.liveSession());
      assertEquals(Optional.of(Errno.EBADF), fd.write(new byte[1]).errno());
    }
  }

  @Nested
  final class Resuming {
    private byte[] sourceStream(SyntheticFunction source) {
      VfioMigrationDevice src = new VfioMigrationDevice("src", source, MigrationFeatures.STOP_COPY);
      DataFd fd = src.set(MigrationState.STOP_COPY).dataFd().orElseThrow();
      return drain(fd);
    }

    @Test
    void runningToResumingToRunning_loadsTheSourceState() {
      SyntheticFunction source = new SyntheticFunction(64);
      for (int i = 0; i < 5; i++) {
        source.tick();
      }
      byte[] stream = sourceStream(source);
      VfioMigrationDevice dst = device(MigrationFeatures.ALL);
      SetResult r = dst.set(MigrationState.RESUMING);
      // RUNNING -> RUNNING_P2P -> STOP -> RESUMING, new fd on the last arc.
      assertEquals(3, r.arcs().size());
      DataFd fd = r.dataFd().orElseThrow();
      assertEquals(Arc.SessionKind.RESUMING, fd.kind());
      // Segmentation on the destination need not match the source's reads.
      assertEquals(WriteResult.ok(7), fd.write(Arrays.copyOfRange(stream, 0, 7)));
      assertEquals(
          WriteResult.ok(stream.length - 7),
          fd.write(Arrays.copyOfRange(stream, 7, stream.length)));
      SetResult run = dst.set(MigrationState.RUNNING);
      assertTrue(run.ok(), run.toString());
      assertEquals(3, run.arcs().size()); // RESUMING -> STOP -> RUNNING_P2P -> RUNNING
      assertEquals(source.stateDigest(), fn(dst).stateDigest());
      assertEquals(5, fn(dst).work());
      assertEquals(Optional.of(Errno.ENODEV), fd.write(new byte[1]).errno());
    }

    @Test
    void truncatedStream_failsWithEinvalStaysResumingAndCanBeCompleted() {
      byte[] stream = sourceStream(new SyntheticFunction(64));
      VfioMigrationDevice dst = device(MigrationFeatures.STOP_COPY);
      long before = fn(dst).stateDigest();
      DataFd fd = dst.set(MigrationState.RESUMING).dataFd().orElseThrow();
      fd.write(Arrays.copyOf(stream, stream.length - 1));
      SetResult r = dst.set(MigrationState.STOP);
      assertFalse(r.ok());
      assertEquals(Optional.of(Errno.EINVAL), r.errno());
      assertEquals(MigrationState.RESUMING, r.state());
      assertEquals(MigrationState.RESUMING, dst.state());
      assertEquals(StreamError.Kind.TRUNCATED, dst.lastLoadError().orElseThrow().kind());
      assertEquals(before, fn(dst).stateDigest()); // nothing loaded
      assertTrue(fd.live());
      fd.write(new byte[] {stream[stream.length - 1]});
      assertTrue(dst.set(MigrationState.STOP).ok());
    }

    @Test
    void corruptedStream_isRejectedUntilReset() {
      byte[] stream = sourceStream(new SyntheticFunction(64));
      stream[HEADER + 20] ^= 0x40; // inside the FINAL_STATE payload
      VfioMigrationDevice dst = device(MigrationFeatures.STOP_COPY);
      DataFd fd = dst.set(MigrationState.RESUMING).dataFd().orElseThrow();
      fd.write(stream);
      SetResult r = dst.set(MigrationState.RUNNING);
      assertEquals(MigrationState.RESUMING, r.state());
      assertTrue(r.arcs().isEmpty());
      StreamError e = dst.lastLoadError().orElseThrow();
      assertEquals(StreamError.Kind.SECTION_CHECKSUM, e.kind());
      assertEquals(HEADER + 9 + STATE, e.offset()); // CRC of the final section
      dst.reset();
      assertEquals(MigrationState.RUNNING, dst.state());
      assertFalse(fd.live());
    }

    @Test
    void incompatibleTarget_saysSoBeforeAndRejectsTheStream() {
      byte[] stream = sourceStream(new SyntheticFunction(64));
      FunctionIdentity other = new FunctionIdentity(0x1b36, 0x00ff, "synthetic-fn", 3, 2);
      VfioMigrationDevice dst =
          new VfioMigrationDevice(
              "dst", new SyntheticFunction(other, 64), MigrationFeatures.STOP_COPY);
      Compatibility c = dst.checkCompatibility("1b36:00ff/synthetic-fn/stream-1/state-1");
      assertFalse(c.compatible());
      assertEquals("source state version 1 outside the target's loadable range 2..3", c.reason());
      DataFd fd = dst.set(MigrationState.RESUMING).dataFd().orElseThrow();
      fd.write(stream);
      assertFalse(dst.set(MigrationState.STOP).ok());
      assertEquals(StreamError.Kind.INCOMPATIBLE, dst.lastLoadError().orElseThrow().kind());
    }

    @Test
    void wellFormedStreamWithAPayloadTheFunctionRefuses_isStateRejected() {
      MigrationStreamWriter w =
          new MigrationStreamWriter(MigrationVersion.of(SyntheticFunction.IDENTITY));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(w.header());
      out.writeBytes(
          w.finalState(new byte[] {1, 2, 3, 4})); // CRCs fine, not a SyntheticFunction state
      out.writeBytes(w.end());
      VfioMigrationDevice dst = device(MigrationFeatures.STOP_COPY);
      long before = fn(dst).stateDigest();
      DataFd fd = dst.set(MigrationState.RESUMING).dataFd().orElseThrow();
      fd.write(out.toByteArray());
      SetResult r = dst.set(MigrationState.STOP);
      assertEquals(Optional.of(Errno.EINVAL), r.errno());
      assertEquals(MigrationState.RESUMING, dst.state());
      StreamError e = dst.lastLoadError().orElseThrow();
      assertEquals(StreamError.Kind.STATE_REJECTED, e.kind());
      // The 4 payload bytes are read as the state magic 0x01020304, which is not "SYNF".
      assertEquals("function refused: bad magic", e.message());
      assertEquals(before, fn(dst).stateDigest());
    }

    @Test
    void precopyInfo_checksTheDeviceStateBeforeTheFd() {
      VfioMigrationDevice src = device(MigrationFeatures.ALL);
      DataFd first = src.set(MigrationState.PRE_COPY).dataFd().orElseThrow();
      src.set(MigrationState.RUNNING); // the first session ends: its fd is disabled
      // outside PRE_COPY(_P2P): EINVAL, although the fd is disabled (not ENODEV)
      assertEquals(Optional.of(Errno.EINVAL), first.precopyInfo().errno());
      DataFd second = src.set(MigrationState.PRE_COPY).dataFd().orElseThrow();
      // in PRE_COPY with a new session: the disabled fd is ENODEV, the live one answers
      assertEquals(Optional.of(Errno.ENODEV), first.precopyInfo().errno());
      assertEquals(Optional.empty(), second.precopyInfo().errno());
    }

    @Test
    void precopyInfoAndReads_onAResumingFd_areEbadf() {
      VfioMigrationDevice dst = device(MigrationFeatures.ALL);
      DataFd fd = dst.set(MigrationState.RESUMING).dataFd().orElseThrow();
      assertEquals(Optional.of(Errno.EBADF), fd.precopyInfo().errno());
      assertEquals(Optional.of(Errno.EBADF), fd.read(1).errno());
      dst.reset();
      assertEquals(Optional.of(Errno.ENODEV), fd.write(new byte[1]).errno());
    }

    @Test
    void oversizedWrite_isEfbigAndWritesNothing() {
      VfioMigrationDevice dst =
          new VfioMigrationDevice(
              "dst", new SyntheticFunction(64), MigrationFeatures.STOP_COPY, 100);
      DataFd fd = dst.set(MigrationState.RESUMING).dataFd().orElseThrow();
      assertEquals(WriteResult.ok(60), fd.write(new byte[60]));
      WriteResult w = fd.write(new byte[41]); // 60 + 41 = 101 > 100
      assertEquals(Optional.of(Errno.EFBIG), w.errno());
      assertEquals(WriteResult.ok(40), fd.write(new byte[40])); // exactly 100 is accepted
      assertEquals(Optional.of(Errno.EBADF), fd.read(1).errno());
    }
  }

  @Nested
  final class Failures {
    @Test
    void failStay_onSecondArc_leavesDeviceOnThePath() {
      VfioMigrationDevice d = device(MigrationFeatures.ALL);
      Arc bad = Arc.of(MigrationState.RUNNING_P2P, MigrationState.STOP);
      d.setFaultInjector(a -> a.equals(bad) ? Optional.of(ArcFault.FAIL_STAY) : Optional.empty());
      SetResult r = d.set(MigrationState.STOP);
      assertEquals(Optional.of(Errno.EIO), r.errno());
      assertEquals(MigrationState.RUNNING_P2P, r.state());
      assertEquals(List.of(Arc.of(MigrationState.RUNNING, MigrationState.RUNNING_P2P)), r.arcs());
      assertEquals(0, d.errorEntries());
      d.setFaultInjector(ArcFaultInjector.NONE);
      assertTrue(d.set(MigrationState.RUNNING).ok()); // the user recovers with a SET
    }

    @Test
    void failToError_endsSessionAndOnlyResetLeaves() {
      VfioMigrationDevice d = device(MigrationFeatures.ALL);
      DataFd fd = d.set(MigrationState.PRE_COPY).dataFd().orElseThrow();
      d.setFaultInjector(a -> Optional.of(ArcFault.FAIL_TO_ERROR));
      SetResult r = d.set(MigrationState.STOP_COPY);
      assertEquals(MigrationState.ERROR, r.state());
      assertEquals(1, d.errorEntries());
      assertFalse(fd.live());
      d.setFaultInjector(ArcFaultInjector.NONE);
      for (MigrationState s : MigrationState.values()) {
        SetResult again = d.set(s);
        assertEquals(Optional.of(Errno.EINVAL), again.errno(), s.toString());
        assertEquals(MigrationState.ERROR, d.state());
      }
      assertTrue(fn(d).quiesced());
      d.reset();
      assertEquals(MigrationState.RUNNING, d.state());
      assertFalse(fn(d).quiesced());
    }

    @Test
    void blockedArc_stopCopyToPreCopy_isEinvalAndChangesNothing() {
      VfioMigrationDevice d = device(MigrationFeatures.ALL);
      DataFd fd = d.set(MigrationState.STOP_COPY).dataFd().orElseThrow();
      SetResult r = d.set(MigrationState.PRE_COPY);
      assertEquals(Optional.of(Errno.EINVAL), r.errno());
      assertEquals(MigrationState.STOP_COPY, d.state());
      assertTrue(fd.live());
    }
  }

  @Nested
  final class Behaviour {
    @Test
    void quiescedStates_freezeTheFunction_p2pStatesBlockOnlyOutbound() {
      SyntheticFunction a = new SyntheticFunction(64);
      SyntheticFunction b = new SyntheticFunction(64);
      a.setPeer(b);
      VfioMigrationDevice d = new VfioMigrationDevice("a", a, MigrationFeatures.ALL);
      a.tick(); // issues write #1, in flight
      assertEquals(1, a.p2pInFlight());
      d.set(MigrationState.RUNNING_P2P);
      // Entering RUNNING_P2P completes the outstanding write before the arc returns.
      assertEquals(0, a.p2pInFlight());
      assertEquals(1, b.p2pReceived());
      long digest = a.stateDigest();
      a.tick(); // still runs (state changes) but issues no new P2P
      assertNotEquals(digest, a.stateDigest());
      assertEquals(1, a.p2pIssued());
      d.set(MigrationState.STOP);
      long frozen = a.stateDigest();
      for (int i = 0; i < 10; i++) {
        a.tick();
      }
      assertEquals(frozen, a.stateDigest());
      assertEquals(2, a.interrupts()); // only the two running ticks raised interrupts
    }

    @Test
    void setToCurrentState_isANoOpWithoutFd() {
      VfioMigrationDevice d = device(MigrationFeatures.ALL);
      SetResult r = d.set(MigrationState.RUNNING);
      assertTrue(r.ok());
      assertTrue(r.arcs().isEmpty());
      assertTrue(r.dataFd().isEmpty());
      assertEquals(0, d.sessionsStarted());
    }
  }
}
