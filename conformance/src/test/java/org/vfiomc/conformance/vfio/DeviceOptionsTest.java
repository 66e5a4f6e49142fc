package org.vfiomc.conformance.vfio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.function.ActivityFunction;
import org.vfiomc.conformance.function.SyntheticFunction;

/**
 * The device options {@link SaveMode}, {@link SaveDefect} and {@link ResetRace}: each default keeps
 * the device's documented behaviour, each other value behaves as the driver it cites, and each
 * defect variant breaks the invariant its correct counterpart keeps.
 */
final class DeviceOptionsTest {
  private static VfioMigrationDevice device() {
    return new VfioMigrationDevice(
        "dev",
        new ActivityFunction(SyntheticFunction.IDENTITY, ActivityFunction.Misbehaviour.NONE),
        MigrationFeatures.STOP_COPY_PRE_COPY);
  }

  private static ActivityFunction fn(VfioMigrationDevice d) {
    return (ActivityFunction) d.function();
  }

  /** RUNNING -> PRE_COPY, the initial image read, one change of the function. */
  private static DataFd preCopyWithOneChange(VfioMigrationDevice d) {
    DataFd fd = d.set(MigrationState.PRE_COPY).dataFd().orElseThrow();
    long initial = fd.precopyInfo().initialBytes();
    assertEquals(initial, fd.read((int) initial).length());
    assertTrue(fn(d).activity());
    return fd;
  }

  @Test
  void synchronousSave_theDefault_readProducesTheIncrementAtOnce() {
    VfioMigrationDevice d = device();
    assertEquals(SaveMode.SYNCHRONOUS, d.saveMode());
    DataFd fd = preCopyWithOneChange(d);
    assertTrue(fd.read(1 << 16).length() > 0, "the read itself saves the changed function");
    assertFalse(d.saveInFlight());
    assertEquals(0, d.savesStarted());
  }

  @Test
  void asynchronousSave_theIoctlStartsTheSave_onlyItsCompletionQueuesTheIncrement() {
    VfioMigrationDevice d = device();
    d.setSaveMode(SaveMode.ASYNCHRONOUS);
    DataFd fd = preCopyWithOneChange(d);
    // nothing queued: read() is at the temporary end although the device has an increment
    assertEquals(Optional.of(Errno.ENOMSG), fd.read(1 << 16).errno());
    assertTrue(d.incrementPending());
    // peeking at the estimates starts nothing; the ioctl reports the increment and starts a SAVE
    assertTrue(fd.peekPrecopyInfo().dirtyBytes() > 0);
    assertFalse(d.saveInFlight());
    assertTrue(fd.precopyInfo().dirtyBytes() > 0);
    assertTrue(d.saveInFlight());
    // a second ioctl while it runs starts no second SAVE
    fd.precopyInfo();
    assertEquals(1, d.savesStarted());
    assertEquals(Optional.of(Errno.ENOMSG), fd.read(1 << 16).errno());
    // completion: the increment (a whole image section of the changed state) is queued
    assertTrue(d.completeSave());
    assertFalse(d.saveInFlight());
    assertFalse(d.incrementPending());
    long queued = d.queuedDirtyBytes();
    assertEquals(StreamFormat.SECTION_OVERHEAD + fn(d).stateSizeEstimate(), queued);
    assertEquals(queued, fd.read(1 << 16).length());
    assertFalse(d.completeSave(), "nothing in flight any more");
  }

  @Test
  void asynchronousSave_correctDevice_stopCopyArcWaitsForTheSaveInFlight() {
    VfioMigrationDevice d = device();
    d.setSaveMode(SaveMode.ASYNCHRONOUS);
    DataFd fd = preCopyWithOneChange(d);
    fd.precopyInfo();
    assertTrue(d.arcWaitsForSave(MigrationState.STOP_COPY));
    assertFalse(d.arcWaitsForSave(MigrationState.RUNNING), "only the final SAVE waits");
    assertTrue(d.set(MigrationState.STOP_COPY).ok());
    // one SAVE at a time: the incremental one completed before the final one was issued
    assertFalse(d.saveInFlight());
    // the stream has the increment and then the final state and END
    long increment = StreamFormat.SECTION_OVERHEAD + fn(d).stateSizeEstimate();
    assertEquals(
        increment + increment + StreamFormat.END_SECTION_BYTES, d.stopCopySize(), "unread bytes");
  }

  @Test
  void concurrentSaveDefect_k6_twoSavesRunAtOnce_theIncrementalOneOutlivesPreCopy() {
    VfioMigrationDevice d = device();
    d.setSaveMode(SaveMode.ASYNCHRONOUS);
    d.setSaveDefects(Set.of(SaveDefect.CONCURRENT_SAVE));
    DataFd fd = preCopyWithOneChange(d);
    fd.precopyInfo();
    assertFalse(d.arcWaitsForSave(MigrationState.STOP_COPY));
    assertTrue(d.set(MigrationState.STOP_COPY).ok());
    assertEquals(MigrationState.STOP_COPY, d.state());
    assertTrue(d.saveInFlight(), "the incremental SAVE is still running next to the final one");
    // the final image holds the state; the late completion adds nothing after it
    long finalOnly = StreamFormat.SECTION_OVERHEAD + fn(d).stateSizeEstimate();
    assertEquals(finalOnly + StreamFormat.END_SECTION_BYTES, d.stopCopySize());
    assertTrue(d.completeSave());
    assertEquals(finalOnly + StreamFormat.END_SECTION_BYTES, d.stopCopySize());
  }

  /** A listener that resets the device inside the first arc it sees. */
  private static final class ResetInsideArc implements ArcListener {
    private boolean done;

    @Override
    public void afterArc(VfioMigrationDevice device, Arc arc) {}

    @Override
    public void insideArc(VfioMigrationDevice device, Arc arc) {
      if (!done) {
        done = true;
        device.reset();
      }
    }
  }

  @Test
  void deferredReset_theDefault_isAppliedAtTheUnlock_sessionInvariantHolds() {
    VfioMigrationDevice d = device();
    assertEquals(ResetRace.DEFERRED, d.resetRace());
    d.addArcListener(new ResetInsideArc());
    SetResult r = d.set(MigrationState.PRE_COPY);
    // the SET succeeded and returned its fd; the reset applied at the unlock ended the session
    assertTrue(r.ok());
    assertEquals(MigrationState.RUNNING, r.state());
    assertEquals(MigrationState.RUNNING, d.state());
    assertFalse(r.dataFd().orElseThrow().live());
    assertEquals(Optional.empty(), d.liveSession());
  }

  @Test
  void immediateReset_theArcRecordsItsEndStateOverTheReset_savingStateWithoutSession() {
    VfioMigrationDevice d = device();
    d.setResetRace(ResetRace.IMMEDIATE);
    d.addArcListener(new ResetInsideArc());
    SetResult r = d.set(MigrationState.PRE_COPY);
    assertTrue(r.ok());
    // the race: PRE_COPY recorded over RUNNING, the session the arc opened already ended
    assertEquals(MigrationState.PRE_COPY, d.state());
    assertEquals(Optional.empty(), d.liveSession());
    DataFd fd = r.dataFd().orElseThrow();
    assertFalse(fd.live());
    assertEquals(Optional.of(Errno.ENODEV), fd.read(16).errno());
    // the switchover has no session to finish: the arc fails instead of inventing one
    SetResult stop = d.set(MigrationState.STOP_COPY);
    assertFalse(stop.ok());
    assertEquals(Optional.of(Errno.EIO), stop.errno());
    assertEquals(MigrationState.PRE_COPY, d.state());
  }
}
