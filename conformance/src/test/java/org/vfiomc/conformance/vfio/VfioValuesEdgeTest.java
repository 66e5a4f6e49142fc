package org.vfiomc.conformance.vfio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.vfio.CompatProfile.Kind;
import org.vfiomc.conformance.vfio.CompatProfile.VersionRange;

/**
 * The bounds and small contracts of the {@code vfio} package's value types (issue 13, PIT survivors
 * outside the stream classes): the identity's 16-bit PCI ids and version range, the compatibility
 * profile's domain (spec {@code VfioCompat}'s {@code DeviceOK}), the migration capability flags of
 * the VFIO uAPI, errno numbers, and {@link DeltaImage}'s encoding at its edges.
 */
final class VfioValuesEdgeTest {

  @Test
  void functionIdentity_takesSixteenBitPciIds_aModelName_andAStateVersionRange() {
    // PCI vendor and device ids are 16-bit config-space registers (PCI_VENDOR_ID, PCI_DEVICE_ID)
    new FunctionIdentity(0, 0, "m", 1, 1);
    new FunctionIdentity(0xFFFF, 0xFFFF, "m", 1, 1);
    for (int bad : new int[] {-1, 0x10000}) {
      assertThrows(IllegalArgumentException.class, () -> new FunctionIdentity(bad, 0, "m", 1, 1));
      assertThrows(IllegalArgumentException.class, () -> new FunctionIdentity(0, bad, "m", 1, 1));
    }
    // the model is the middle field of the version string: 1..63 characters of [a-z0-9.-]
    new FunctionIdentity(0, 0, "a".repeat(63), 1, 1);
    for (String bad : List.of("", "a".repeat(64), "Nic", "-nic", "nic/x")) {
      assertThrows(IllegalArgumentException.class, () -> new FunctionIdentity(0, 0, bad, 1, 1));
    }
    // state versions start at 1, and the oldest loadable one is at most the current one
    assertThrows(IllegalArgumentException.class, () -> new FunctionIdentity(0, 0, "m", 0, 1));
    new FunctionIdentity(0, 0, "m", 3, 3);
    assertThrows(IllegalArgumentException.class, () -> new FunctionIdentity(0, 0, "m", 3, 4));
    assertThrows(IllegalArgumentException.class, () -> new FunctionIdentity(0, 0, "m", 3, 0));
  }

  private static CompatProfile profile(Kind kind, String type, int psize, int share, int saveLo) {
    return new CompatProfile(
        "p",
        "intel",
        "nic",
        kind,
        type,
        psize,
        share,
        new VersionRange(saveLo, 2),
        new VersionRange(1, 2),
        0,
        "");
  }

  @Test
  void compatProfile_acceptsExactlyTheSpecsDeviceDomain() {
    // VfioCompat's DeviceOK: psize and share in Nat \ {0}; phys => share = 1 /\ type = "";
    // save # {}; version numbers in Nat
    profile(Kind.MDEV, "half", 1, 1, 0);
    profile(Kind.PHYS, "", 1, 1, 1);
    assertThrows(IllegalArgumentException.class, () -> profile(Kind.MDEV, "half", 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> profile(Kind.MDEV, "half", 1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> profile(Kind.PHYS, "", 2, 2, 1));
    assertThrows(IllegalArgumentException.class, () -> profile(Kind.PHYS, "half", 1, 1, 1));
    // a save range of 3..2 is empty: the device would save no stream version
    assertThrows(IllegalArgumentException.class, () -> profile(Kind.PHYS, "", 1, 1, 3));
    new VersionRange(0, 0);
    assertThrows(IllegalArgumentException.class, () -> new VersionRange(-1, 0));
  }

  @Test
  void compatFaults_carryTheSpecsDefectNames() throws IOException {
    // the names VfioCompat's DefectNames defines, one per fault (comments stripped)
    Path spec =
        Path.of(System.getProperty("vfiomc.root", "..")).resolve("specs/VfioCompat/VfioCompat.tla");
    String text = Files.readString(spec, StandardCharsets.UTF_8).replaceAll("\\\\\\*[^\n]*", "");
    Matcher def = Pattern.compile("(?m)^DefectNames\\s*==\\s*\\{([^}]*)\\}").matcher(text);
    assertTrue(def.find(), "VfioCompat defines DefectNames");
    Set<String> names = new TreeSet<>();
    Matcher lit = Pattern.compile("\"([^\"]*)\"").matcher(def.group(1));
    while (lit.find()) {
      names.add(lit.group(1));
    }
    Set<String> ours =
        EnumSet.allOf(CompatPolicy.Fault.class).stream()
            .map(CompatPolicy.Fault::specName)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(names, ours);
  }

  @Test
  void migrationFeatures_areTheUapiFlags() {
    // include/uapi/linux/vfio.h: VFIO_MIGRATION_STOP_COPY (1 << 0), VFIO_MIGRATION_P2P (1 << 1),
    // VFIO_MIGRATION_PRE_COPY (1 << 2); STOP_COPY is mandatory
    assertFalse(MigrationFeatures.STOP_COPY.p2p());
    assertFalse(MigrationFeatures.STOP_COPY.preCopy());
    assertTrue(MigrationFeatures.STOP_COPY_P2P.p2p());
    assertFalse(MigrationFeatures.STOP_COPY_P2P.preCopy());
    assertFalse(MigrationFeatures.STOP_COPY_PRE_COPY.p2p());
    assertTrue(MigrationFeatures.STOP_COPY_PRE_COPY.preCopy());
    assertTrue(MigrationFeatures.ALL.p2p() && MigrationFeatures.ALL.preCopy());
    // vfio.h: RUNNING_P2P needs P2P, PRE_COPY needs PRE_COPY, PRE_COPY_P2P both; ERROR is never
    // set by the user
    MigrationState[] base = {
      MigrationState.STOP, MigrationState.RUNNING, MigrationState.STOP_COPY, MigrationState.RESUMING
    };
    assertEquals(Set.of(base), MigrationFeatures.STOP_COPY.settableStates());
    Set<MigrationState> p2p = EnumSet.of(MigrationState.RUNNING_P2P, base);
    assertEquals(p2p, MigrationFeatures.STOP_COPY_P2P.settableStates());
    Set<MigrationState> pre = EnumSet.of(MigrationState.PRE_COPY, base);
    assertEquals(pre, MigrationFeatures.STOP_COPY_PRE_COPY.settableStates());
    Set<MigrationState> all = EnumSet.complementOf(EnumSet.of(MigrationState.ERROR));
    assertEquals(all, MigrationFeatures.ALL.settableStates());
  }

  @Test
  void errnos_areTheLinuxNumbers() {
    // include/uapi/asm-generic/errno-base.h and errno.h
    assertEquals(22, Errno.EINVAL.number());
    assertEquals(5, Errno.EIO.number());
    assertEquals(19, Errno.ENODEV.number());
    assertEquals(42, Errno.ENOMSG.number());
    assertEquals(27, Errno.EFBIG.number());
    assertEquals(9, Errno.EBADF.number());
  }

  @Test
  void setResult_pairsAnErrnoWithFailure_andAFdWithSuccessOnly() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SetResult(
                true,
                MigrationState.STOP,
                Optional.empty(),
                List.of(),
                Optional.of(Errno.EIO),
                ""));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SetResult(
                false, MigrationState.STOP, Optional.empty(), List.of(), Optional.empty(), ""));
    VfioMigrationDevice d =
        new VfioMigrationDevice(
            "d",
            new org.vfiomc.conformance.function.SyntheticFunction(8),
            MigrationFeatures.STOP_COPY);
    DataFd fd = d.set(MigrationState.STOP_COPY).dataFd().orElseThrow();
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SetResult(
                false,
                MigrationState.STOP_COPY,
                Optional.of(fd),
                List.of(),
                Optional.of(Errno.EIO),
                "x"));
    // what a report prints: the state and fd of a success, the errno and reason of a failure
    SetResult bad = d.set(MigrationState.PRE_COPY);
    assertEquals("SET failed EINVAL (" + bad.message() + "), device in STOP_COPY", bad.toString());
    assertEquals("SET ok -> STOP", d.set(MigrationState.STOP).toString());
    SetResult ok = d.set(MigrationState.RESUMING);
    int n = ok.dataFd().orElseThrow().number();
    assertEquals("SET ok -> RESUMING fd " + n, ok.toString());
  }

  // ----- DeltaImage at its edges

  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  /** A delta for {@code base} with a result of {@code length} bytes and the given run count. */
  private static ByteBuffer deltaHeader(byte[] base, int length, int runs, int bodyBytes) {
    ByteBuffer b = ByteBuffer.allocate(DeltaImage.HEADER_BYTES + bodyBytes);
    return b.putLong(DeltaImage.digest(base)).putInt(base.length).putInt(length).putInt(runs);
  }

  @Test
  void anImageGrownRightAfterAChangeNearTheBasesEnd_encodesAndAppliesBackExactly() {
    // the change at 2 and the new byte at 4 are 2 apart: one run 2..4 whose scan looks at byte 4,
    // which the base does not have
    byte[] base = bytes(0, 0, 0, 0);
    byte[] next = bytes(0, 0, 1, 0, 5);
    byte[] d = DeltaImage.encode(base, next);
    assertEquals(DeltaImage.encodedSize(base, next), d.length);
    assertEquals(DeltaImage.HEADER_BYTES + DeltaImage.RUN_HEADER_BYTES + 3, d.length);
    assertArrayEquals(next, DeltaImage.apply(base, d).image().orElseThrow());
    // and grown by more than a run's header past a change: the growth is its own run or joined,
    // either way the result is the image
    byte[] longer = bytes(0, 0, 1, 0, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
    assertArrayEquals(
        longer, DeltaImage.apply(base, DeltaImage.encode(base, longer)).image().orElseThrow());
  }

  @Test
  void emptyAndLargestResults_areWellFormed() {
    byte[] base = bytes(1, 2, 3);
    // an image that shrinks to nothing: result length 0, no run
    byte[] empty = DeltaImage.encode(base, new byte[0]);
    assertArrayEquals(new byte[0], DeltaImage.apply(base, empty).image().orElseThrow());
    // the result may be as large as a section payload (16 MiB), not one byte more
    int max = StreamFormat.MAX_SECTION_PAYLOAD;
    byte[] big = new byte[max];
    big[max - 1] = 7;
    byte[] d = DeltaImage.encode(base, big);
    byte[] out = DeltaImage.apply(base, d).image().orElseThrow();
    assertEquals(max, out.length);
    assertEquals(7, out[max - 1]);
    ByteBuffer over = ByteBuffer.wrap(d.clone());
    over.putInt(12, max + 1);
    assertEquals(
        Optional.of("result length " + (max + 1)),
        DeltaImage.apply(base, over.array()).malformed());
  }

  @Test
  void aRunCountTheDeltaCannotHold_isNamedAsSuch() {
    byte[] base = bytes(1, 2, 3, 4);
    // 20 + 8 bytes hold at most one run header; 4 runs are claimed
    byte[] d = deltaHeader(base, 4, 4, 8).putInt(0).putInt(1).array();
    assertEquals(Optional.of("run count 4"), DeltaImage.apply(base, d).malformed());
  }

  @Test
  void adjacentRuns_areWellFormed() {
    // runs 0..1 and 2..3: the second starts where the first ends, no overlap (the encoder joins
    // such runs, another writer need not)
    byte[] base = bytes(1, 2, 3, 4);
    byte[] d =
        deltaHeader(base, 4, 2, 2 * 8 + 4)
            .putInt(0)
            .putInt(2)
            .put(bytes(9, 8))
            .putInt(2)
            .putInt(2)
            .put(bytes(7, 6))
            .array();
    assertArrayEquals(bytes(9, 8, 7, 6), DeltaImage.apply(base, d).image().orElseThrow());
  }

  @Test
  void baseDigest_isReadOnlyFromACompleteHeader() {
    byte[] base = bytes(1, 2, 3);
    byte[] d = DeltaImage.encode(base, bytes(1, 2, 4));
    assertEquals(Optional.of(DeltaImage.digest(base)), DeltaImage.baseDigest(d));
    byte[] header = java.util.Arrays.copyOf(d, DeltaImage.HEADER_BYTES);
    assertEquals(Optional.of(DeltaImage.digest(base)), DeltaImage.baseDigest(header));
    byte[] cut = java.util.Arrays.copyOf(d, DeltaImage.HEADER_BYTES - 1);
    assertEquals(Optional.empty(), DeltaImage.baseDigest(cut));
    // and a cut header names no base, whatever its first bytes say
    assertFalse(DeltaImage.appliesTo(cut, DeltaImage.digest(base), base.length));
    assertTrue(DeltaImage.appliesTo(header, DeltaImage.digest(base), base.length));
  }

  // ----- MigrationVersion's messages

  @Test
  void aGarbledVersionString_isQuotedPrintably_andCutAfter80Characters() {
    FunctionIdentity id = org.vfiomc.conformance.function.SyntheticFunction.IDENTITY;
    // space (0x20) and '~' (0x7e) are printable, control characters and DEL (0x7f) are not
    String mixed = "a b~\u001f\u007f";
    assertTrue(
        MigrationVersion.check(id, mixed).reason().contains("'a b~??'"),
        MigrationVersion.check(id, mixed).reason());
    String eighty = "x".repeat(80);
    assertTrue(MigrationVersion.check(id, eighty).reason().contains("'" + eighty + "'"));
    String longer = "y".repeat(81);
    assertTrue(
        MigrationVersion.check(id, longer).reason().contains("'" + "y".repeat(80) + "...'"),
        MigrationVersion.check(id, longer).reason());
  }
}
