package org.vfiomc.conformance.vfio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.testing.StatefulProperty.check;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.function.SyntheticFunction;
import org.vfiomc.conformance.testing.StatefulProperty;

/**
 * Seeded stateful runs against {@link VfioMigrationDevice}: random SETs (including invalid and
 * blocked ones), reads, writes of a real source stream or of garbage, precopy queries, resets,
 * one-shot injected arc failures, fd closes and function ticks. Every action checks its own
 * postcondition against {@link MigrationArcs} and the uAPI rules; after every step the global
 * invariant must hold ({@link StatefulProperty}: a failure names the seed and the shrunk action
 * list).
 */
final class MigrationDeviceProperties {
  private static final int RUNS = 300;
  private static final int STEPS = 60;

  /** One step of a run; each applies itself to the harness (exhaustive by construction). */
  sealed interface Action {
    void apply(Harness h);

    record Set(MigrationState target) implements Action {
      @Override
      public void apply(Harness h) {
        h.set(target);
      }
    }

    record Read(int max) implements Action {
      @Override
      public void apply(Harness h) {
        h.read(max);
      }
    }

    record WriteSource(int len) implements Action {
      @Override
      public void apply(Harness h) {
        int n = Math.min(len, h.sourceStream.length - h.sourcePos);
        if (n > 0) {
          h.write(Arrays.copyOfRange(h.sourceStream, h.sourcePos, h.sourcePos + n), false);
        }
      }
    }

    record WriteGarbage(int len) implements Action {
      @Override
      public void apply(Harness h) {
        h.write(new byte[len], true);
      }
    }

    record Info() implements Action {
      @Override
      public void apply(Harness h) {
        h.info();
      }
    }

    record Reset() implements Action {
      @Override
      public void apply(Harness h) {
        h.device.reset();
        h.errorViaFault = false;
        check(h.device.state() == MigrationState.RUNNING, "reset must lead to RUNNING");
        for (DataFd fd : h.fds) {
          check(!fd.live(), "reset must end every session");
        }
      }
    }

    record Fault(ArcFault fault) implements Action {
      @Override
      public void apply(Harness h) {
        h.armed = Optional.of(fault);
      }
    }

    record Close() implements Action {
      @Override
      public void apply(Harness h) {
        MigrationState before = h.device.state();
        h.currentFd().ifPresent(DataFd::close);
        check(h.device.state() == before, "closing an fd must not change the state");
      }
    }

    record Tick() implements Action {
      @Override
      public void apply(Harness h) {
        long digest = h.fn.stateDigest();
        h.fn.tick();
        if (h.device.state().quiesced()) {
          check(
              digest == h.fn.stateDigest(), "state changed while quiesced in " + h.device.state());
        }
      }
    }
  }

  static Action next(SplittableRandom r) {
    MigrationState[] states = MigrationState.values();
    int k = r.nextInt(100);
    if (k < 35) {
      return new Action.Set(states[r.nextInt(states.length)]);
    } else if (k < 55) {
      return new Action.Read(r.nextBoolean() ? 4096 : 1 + r.nextInt(64));
    } else if (k < 68) {
      return new Action.WriteSource(r.nextBoolean() ? 4096 : 1 + r.nextInt(64));
    } else if (k < 71) {
      return new Action.WriteGarbage(1 + r.nextInt(8));
    } else if (k < 77) {
      return new Action.Info();
    } else if (k < 81) {
      return new Action.Reset();
    } else if (k < 85) {
      return new Action.Fault(r.nextBoolean() ? ArcFault.FAIL_STAY : ArcFault.FAIL_TO_ERROR);
    } else if (k < 88) {
      return new Action.Close();
    }
    return new Action.Tick();
  }

  /** The system under test plus the test's own model of what must hold. */
  static final class Harness {
    final MigrationFeatures features;
    final SyntheticFunction fn = new SyntheticFunction(32);
    final VfioMigrationDevice device;
    final byte[] sourceStream;
    final List<DataFd> fds = new ArrayList<>();
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    int sourcePos;
    boolean garbageWritten;
    Optional<ArcFault> armed = Optional.empty();
    boolean errorViaFault;
    long lastInitial = Long.MAX_VALUE;
    boolean eofSeen;
    int loadsOk;
    int loadsRejected;
    int errorsEntered;
    int enomsgs;
    int eofs;

    /** Arcs taken so far; with {@code failEvery > 0} every n-th fails unasked (a broken device). */
    int arcs;

    Harness(MigrationFeatures features, byte[] sourceStream, int failEvery, ImageMode mode) {
      this.features = features;
      this.sourceStream = sourceStream;
      this.device = new VfioMigrationDevice("dut", fn, features);
      device.setImageMode(mode);
      device.setFaultInjector(
          arc -> {
            if (failEvery > 0 && ++arcs % failEvery == 0 && armed.isEmpty()) {
              return Optional.of(ArcFault.FAIL_TO_ERROR);
            }
            Optional<ArcFault> f = armed;
            armed = Optional.empty();
            return f;
          });
    }

    @Override
    public String toString() {
      return features + " in " + device.state();
    }

    Optional<DataFd> currentFd() {
      return fds.isEmpty() ? Optional.empty() : Optional.of(fds.get(fds.size() - 1));
    }

    void set(MigrationState target) {
      MigrationState before = device.state();
      SetPath path = MigrationArcs.resolve(before, target, features);
      boolean faultArmed = armed.isPresent() && !path.arcs().isEmpty() && path.valid();
      ArcFault fault = armed.orElse(null);
      boolean loads =
          path.arcs().stream()
              .anyMatch(x -> x.endsSession().isPresent() && x.from() == MigrationState.RESUMING);
      SetResult r = device.set(target);
      if (!path.valid()) {
        check(r.errno().equals(Optional.of(Errno.EINVAL)), "invalid request must be EINVAL");
        check(device.state() == before, "invalid request must not move the device");
        return;
      }
      if (faultArmed) {
        check(!r.ok(), "injected fault must fail the SET");
        check(r.errno().equals(Optional.of(Errno.EIO)), "injected fault is EIO");
        if (fault == ArcFault.FAIL_TO_ERROR) {
          check(device.state() == MigrationState.ERROR, "FAIL_TO_ERROR must reach ERROR");
          errorViaFault = true;
          errorsEntered++;
        } else {
          check(device.state() == before, "first-arc FAIL_STAY keeps the original state");
        }
        return;
      }
      if (loads) {
        boolean intact = !garbageWritten && Arrays.equals(written.toByteArray(), sourceStream);
        if (!intact) {
          check(!r.ok() && r.errno().equals(Optional.of(Errno.EINVAL)), "bad stream must fail");
          check(device.state() == MigrationState.RESUMING, "bad stream keeps RESUMING");
          loadsRejected++;
          return;
        }
        check(fn.stateDigest() == loadedDigest(), "loaded state must equal the source state");
        loadsOk++;
      }
      check(r.ok(), "valid request failed: " + r);
      check(device.state() == target, "SET must end in the target");
      check(r.arcs().equals(path.arcs()), "arcs must follow the table");
      check(r.dataFd().isPresent() == path.newDataFd(), "fd iff the table says so");
      r.dataFd()
          .ifPresent(
              fd -> {
                fds.add(fd);
                lastInitial = Long.MAX_VALUE;
                eofSeen = false;
                if (fd.kind() == Arc.SessionKind.RESUMING) {
                  written.reset();
                  sourcePos = 0;
                  garbageWritten = false;
                }
              });
    }

    private long loadedDigest() {
      SyntheticFunction probe = new SyntheticFunction(32);
      probe.loadState(MigrationStreamReader.parse(sourceStream, probe.identity()).finalState());
      return probe.stateDigest();
    }

    void read(int max) {
      Optional<DataFd> fd = currentFd();
      if (fd.isEmpty()) {
        return;
      }
      ReadResult r = fd.get().read(max);
      MigrationState s = device.state();
      if (r.errno().equals(Optional.of(Errno.ENOMSG))) {
        check(
            s == MigrationState.PRE_COPY || s == MigrationState.PRE_COPY_P2P,
            "ENOMSG only in PRE_COPY states");
        enomsgs++;
      }
      if (eofSeen && fd.get().live()) {
        check(r.endOfStreamReached(), "STOP_COPY end must be permanent");
      }
      if (r.endOfStreamReached()) {
        check(s == MigrationState.STOP_COPY, "end of stream only in STOP_COPY");
        eofSeen = true;
        eofs++;
      }
    }

    void write(byte[] data, boolean garbage) {
      Optional<DataFd> fd = currentFd();
      if (fd.isEmpty()) {
        return;
      }
      WriteResult w = fd.get().write(data);
      if (w.errno().isEmpty()) {
        written.writeBytes(data);
        if (garbage) {
          garbageWritten = true;
        } else {
          sourcePos += data.length;
        }
      }
    }

    void info() {
      Optional<DataFd> fd = currentFd();
      if (fd.isEmpty()) {
        return;
      }
      PrecopyInfo p = fd.get().precopyInfo();
      if (p.errno().isEmpty()) {
        check(p.initialBytes() <= lastInitial, "initial_bytes grew");
        check(p.flags() == 0, "output flags must be 0");
        lastInitial = p.initialBytes();
      }
    }

    boolean invariant() {
      MigrationState s = device.state();
      Optional<Arc.SessionKind> live = device.liveSession();
      Optional<Arc.SessionKind> expected =
          s.inSavingGroup()
              ? Optional.of(Arc.SessionKind.SAVING)
              : s == MigrationState.RESUMING
                  ? Optional.of(Arc.SessionKind.RESUMING)
                  : Optional.empty();
      check(live.equals(expected), "session " + live + " in state " + s);
      long liveFds = fds.stream().filter(DataFd::live).count();
      check(liveFds <= 1, liveFds + " live fds");
      check(s != MigrationState.ERROR || errorViaFault, "ERROR without an injected failure");
      check(fn.quiesced() == s.quiesced(), "quiesced flag wrong in " + s);
      check(fn.outboundP2pBlocked() == s.blocksOutboundP2p(), "P2P block wrong in " + s);
      return true;
    }
  }

  static byte[] sourceStream() {
    SyntheticFunction source = new SyntheticFunction(32);
    source.tick();
    source.tick();
    VfioMigrationDevice src = new VfioMigrationDevice("src", source, MigrationFeatures.STOP_COPY);
    DataFd fd = src.set(MigrationState.STOP_COPY).dataFd().orElseThrow();
    return fd.read(1 << 16).data();
  }

  /** The property over a device whose every {@code failEvery}-th arc fails unasked (0: never). */
  static StatefulProperty.Builder<Harness, Action> property(int failEvery) {
    return property(failEvery, ImageMode.WHOLE);
  }

  /** The same property over a device saving images in {@code mode}. */
  static StatefulProperty.Builder<Harness, Action> property(int failEvery, ImageMode mode) {
    return StatefulProperty.<Harness, Action>named("vfio migration device", Action.class)
        .system(
            seed ->
                new Harness(
                    List.of(MigrationFeatures.values()).get((int) (seed % 4)),
                    sourceStream(),
                    failEvery,
                    mode))
        .actions((r, h) -> next(r))
        .step((h, a) -> a.apply(h))
        .invariant(
            "session, fds, ERROR, quiesce and P2P block agree with the state", Harness::invariant)
        .cover("a load accepted", h -> h.loadsOk > 0)
        .cover("a load rejected", h -> h.loadsRejected > 0)
        .cover("ERROR entered", h -> h.errorsEntered > 0)
        .cover("ENOMSG in PRE_COPY", h -> h.enomsgs > 0)
        .cover("end of stream in STOP_COPY", h -> h.eofs > 0)
        .runs(RUNS)
        .steps(STEPS);
  }

  /**
   * Every action's postcondition (against {@link MigrationArcs} and the uAPI rules) and the global
   * invariant hold in every run, and the runs reach loads, rejections, ERROR and both stream ends.
   */
  @Test
  void randomRuns_keepEveryInvariant_andCoverTheOutcomes() {
    property(0).check();
  }

  /** The same with incremental images: the saving side's rules do not depend on the image kind. */
  @Test
  void randomRuns_withIncrementalImages_keepEveryInvariant() {
    property(0, ImageMode.DELTA).check();
  }

  /** A device whose arcs fail unasked is caught: ERROR without an injected failure. */
  @Test
  void aDeviceFailingArcsUnasked_isCaught() {
    AssertionError e = assertThrows(AssertionError.class, () -> property(3).check());
    assertTrue(
        e.getMessage().contains("for seed ") && e.getMessage().contains("ERROR"), e.getMessage());
  }

  @Test
  void sourceStream_isTheStopCopyOnlyLayout() {
    // 56 + 32 scratch = 88-byte state, plus one in-flight-free payload: 51 + (13 + 88) + 21 = 173.
    assertEquals(173, sourceStream().length);
  }

  /**
   * The harness finds and minimises a false claim, "a saving fd never returns ENOMSG": a SET into
   * PRE_COPY or PRE_COPY_P2P (both open a saving session), a read that drains the initial image and
   * one more read.
   */
  @Test
  void aFalseClaim_isShrunkToThreeActions() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> property(0).invariant("no ENOMSG (false)", h -> h.enomsgs == 0).check());
    List<String> shrunk = StatefulProperty.shrunkActions(e);
    assertEquals(3, shrunk.size(), e.getMessage());
    assertTrue(
        shrunk.get(0).equals("Set[target=PRE_COPY]")
            || shrunk.get(0).equals("Set[target=PRE_COPY_P2P]"),
        e.getMessage());
    assertEquals("Read[max=4096]", shrunk.get(1), e.getMessage());
    assertTrue(shrunk.get(2).startsWith("Read["), e.getMessage());
    assertTrue(e.getMessage().contains("for seed "), e.getMessage());
  }
}
