package org.vfiomc.conformance.vfio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vfiomc.conformance.function.SyntheticFunction;
import org.vfiomc.conformance.testing.Shrinker;

/**
 * Seeded stateful runs against {@link VfioMigrationDevice}: random SETs (including invalid and
 * blocked ones), reads, writes of a real source stream or of garbage, precopy queries, resets,
 * one-shot injected arc failures, fd closes and function ticks. Every action checks its own
 * postcondition against {@link MigrationArcs} and the uAPI rules; after every step the global
 * invariant must hold. A failure prints the seed and the shrunk action list.
 */
final class MigrationDeviceProperties {
  private static final int RUNS = Integer.getInteger("seeds", 300);
  private static final int STEPS = 60;

  /** One step of a run. */
  sealed interface Action {
    record Set(MigrationState target) implements Action {}

    record Read(int max) implements Action {}

    record WriteSource(int len) implements Action {}

    record WriteGarbage(int len) implements Action {}

    record Info() implements Action {}

    record Reset() implements Action {}

    record Fault(ArcFault fault) implements Action {}

    record Close() implements Action {}

    record Tick() implements Action {}
  }

  static List<Action> randomRun(Random r, int steps) {
    List<Action> run = new ArrayList<>();
    MigrationState[] states = MigrationState.values();
    for (int i = 0; i < steps; i++) {
      int k = r.nextInt(100);
      Action a;
      if (k < 35) {
        a = new Action.Set(states[r.nextInt(states.length)]);
      } else if (k < 55) {
        a = new Action.Read(r.nextBoolean() ? 4096 : 1 + r.nextInt(64));
      } else if (k < 68) {
        a = new Action.WriteSource(r.nextBoolean() ? 4096 : 1 + r.nextInt(64));
      } else if (k < 71) {
        a = new Action.WriteGarbage(1 + r.nextInt(8));
      } else if (k < 77) {
        a = new Action.Info();
      } else if (k < 81) {
        a = new Action.Reset();
      } else if (k < 85) {
        a = new Action.Fault(r.nextBoolean() ? ArcFault.FAIL_STAY : ArcFault.FAIL_TO_ERROR);
      } else if (k < 88) {
        a = new Action.Close();
      } else {
        a = new Action.Tick();
      }
      run.add(a);
    }
    return run;
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

    Harness(MigrationFeatures features, byte[] sourceStream) {
      this.features = features;
      this.sourceStream = sourceStream;
      this.device = new VfioMigrationDevice("dut", fn, features);
      device.setFaultInjector(
          arc -> {
            Optional<ArcFault> f = armed;
            armed = Optional.empty();
            return f;
          });
    }

    Optional<DataFd> currentFd() {
      return fds.isEmpty() ? Optional.empty() : Optional.of(fds.get(fds.size() - 1));
    }

    void apply(Action a) {
      if (a instanceof Action.Set) {
        set(((Action.Set) a).target());
      } else if (a instanceof Action.Read) {
        read(((Action.Read) a).max());
      } else if (a instanceof Action.WriteSource) {
        int len = Math.min(((Action.WriteSource) a).len(), sourceStream.length - sourcePos);
        if (len > 0) {
          write(Arrays.copyOfRange(sourceStream, sourcePos, sourcePos + len), false);
        }
      } else if (a instanceof Action.WriteGarbage) {
        write(new byte[((Action.WriteGarbage) a).len()], true);
      } else if (a instanceof Action.Info) {
        info();
      } else if (a instanceof Action.Reset) {
        device.reset();
        errorViaFault = false;
        check(device.state() == MigrationState.RUNNING, "reset must lead to RUNNING");
        for (DataFd fd : fds) {
          check(!fd.live(), "reset must end every session");
        }
      } else if (a instanceof Action.Fault) {
        armed = Optional.of(((Action.Fault) a).fault());
      } else if (a instanceof Action.Close) {
        MigrationState before = device.state();
        currentFd().ifPresent(DataFd::close);
        check(device.state() == before, "closing an fd must not change the state");
      } else if (a instanceof Action.Tick) {
        long digest = fn.stateDigest();
        fn.tick();
        if (device.state().quiesced()) {
          check(digest == fn.stateDigest(), "state changed while quiesced in " + device.state());
        }
      } else {
        throw new AssertionError(a);
      }
      invariant();
    }

    private void set(MigrationState target) {
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

    private void read(int max) {
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

    private void write(byte[] data, boolean garbage) {
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

    private void info() {
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

    void invariant() {
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
    }

    private static void check(boolean ok, String what) {
      if (!ok) {
        throw new IllegalStateException(what);
      }
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

  /** Runs the actions; returns the first failure message, with the step index. */
  static Optional<String> execute(MigrationFeatures f, List<Action> actions) {
    return execute(new Harness(f, sourceStream()), actions);
  }

  static Optional<String> execute(Harness h, List<Action> actions) {
    for (int i = 0; i < actions.size(); i++) {
      try {
        h.apply(actions.get(i));
      } catch (IllegalStateException e) {
        return Optional.of("step " + i + " " + actions.get(i) + ": " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  static LongStream seeds() {
    return LongStream.range(0, RUNS);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomRuns_keepEveryInvariant(long seed) {
    Random r = new Random(seed);
    MigrationFeatures f = MigrationFeatures.values()[r.nextInt(4)];
    List<Action> run = randomRun(r, STEPS);
    Optional<String> failure = execute(f, run);
    if (failure.isPresent()) {
      List<Action> shrunk = Shrinker.shrink(run, c -> execute(f, c).isPresent());
      throw new AssertionError(
          "seed "
              + seed
              + " "
              + f
              + ": "
              + failure.get()
              + "\nshrunk to "
              + shrunk
              + "\n -> "
              + execute(f, shrunk).orElseThrow());
    }
  }

  /** The random runs reach the interesting outcomes, not just invalid requests. */
  @Test
  void randomRuns_coverLoadsRejectionsErrorsAndBothStreamEnds() {
    int ok = 0;
    int rejected = 0;
    int errors = 0;
    int enomsg = 0;
    int eof = 0;
    for (long seed = 0; seed < RUNS; seed++) {
      Random r = new Random(seed);
      Harness h = new Harness(MigrationFeatures.values()[r.nextInt(4)], sourceStream());
      assertTrue(execute(h, randomRun(r, STEPS)).isEmpty());
      ok += h.loadsOk;
      rejected += h.loadsRejected;
      errors += h.errorsEntered;
      enomsg += h.enomsgs;
      eof += h.eofs;
    }
    String counts =
        ok
            + " loads, "
            + rejected
            + " rejected, "
            + errors
            + " ERROR, "
            + enomsg
            + " ENOMSG, "
            + eof
            + " EOF";
    assertTrue(ok > 0 && rejected > 0 && errors > 0 && enomsg > 0 && eof > 0, counts);
  }

  @Test
  void sourceStream_isTheStopCopyOnlyLayout() {
    // 56 + 32 scratch = 88-byte state, plus one in-flight-free payload: 51 + (13 + 88) + 21 = 173.
    assertEquals(173, sourceStream().length);
  }

  /**
   * The harness and shrinker find and minimise a violation: the (false) claim "a saving fd never
   * returns ENOMSG" fails on some seed and shrinks to two actions.
   */
  @Test
  void shrinker_minimisesAFalseClaimToTwoActions() {
    MigrationFeatures f = MigrationFeatures.ALL;
    java.util.function.Predicate<List<Action>> claimFails =
        actions -> {
          Harness h = new Harness(f, sourceStream());
          for (Action a : actions) {
            h.apply(a);
            if (a instanceof Action.Read
                && h.currentFd().isPresent()
                && h.currentFd().get().read(1).errno().equals(Optional.of(Errno.ENOMSG))) {
              return true;
            }
          }
          return false;
        };
    List<Action> failing = null;
    long seed = 0;
    for (; failing == null; seed++) {
      List<Action> run = randomRun(new Random(seed), STEPS);
      if (claimFails.test(run)) {
        failing = run;
      }
    }
    List<Action> shrunk = Shrinker.shrink(failing, claimFails);
    // The predicate's own probe read is the "one more read", so two actions remain: a SET into
    // PRE_COPY or PRE_COPY_P2P (both open a saving session) and a read that drains the image.
    assertEquals(2, shrunk.size(), "shrunk: " + shrunk);
    MigrationState target = ((Action.Set) shrunk.get(0)).target();
    assertTrue(
        target == MigrationState.PRE_COPY || target == MigrationState.PRE_COPY_P2P,
        "shrunk: " + shrunk);
    assertEquals(new Action.Read(4096), shrunk.get(1));
    assertTrue(seed > 0);
  }
}
