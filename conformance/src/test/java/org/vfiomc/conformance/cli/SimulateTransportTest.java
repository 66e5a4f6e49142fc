package org.vfiomc.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20: {@code simulate}'s transport options. {@code --stream-fault KIND@SECTION} puts a fault
 * of QEMU's main channel into the run; {@code --multifd-channels N} sends the stop-copy state as
 * multifd packets, with {@code --multifd-max-queued} and {@code --multifd-fault KIND@PACKET}. Bad
 * text is exit 2 naming the option and the text, before anything runs; the text and JSON reports
 * name the transport.
 */
final class SimulateTransportTest {
  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  /** A VF run of 200 frames with 2 multifd channels, {@code fault} and {@code more} options. */
  private static CliRun multifd(String fault, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "simulate",
                "--packets",
                "200",
                "--multifd-channels",
                "2",
                "--multifd-fault",
                fault));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  /** Every bad input: exit 2, nothing on stdout, the message names the option and the text. */
  @Test
  void badTransportOptions_exitTwoNamingOptionAndText() {
    List<List<String>> cases =
        List.of(
            List.of("--stream-fault", "BREAK", "--stream-fault must be KIND@SECTION", "'BREAK'"),
            List.of(
                "--stream-fault",
                "LOSS@1",
                "KIND one of BREAK, UNKNOWN_TAG and SECTION >= 1",
                "'LOSS@1'"),
            List.of("--stream-fault", "BREAK@0", "--stream-fault must be", "'BREAK@0'"),
            List.of("--stream-fault", "BREAK@x", "--stream-fault must be", "'BREAK@x'"),
            List.of("--multifd-channels", "0", "--multifd-channels must be in 1..255", "got 0"),
            List.of("--multifd-channels", "256", "--multifd-channels must be in 1..255", "256"),
            List.of("--multifd-fault", "REORDER@0", "--multifd-fault needs --multifd-channels", ""),
            List.of(
                "--multifd-max-queued", "10", "--multifd-max-queued needs --multifd-channels", ""));
    for (List<String> c : cases) {
      CliRun r = run("simulate", "--packets", "10", c.get(0), c.get(1));
      assertEquals(2, r.code(), c + ": " + r.out() + r.err());
      assertEquals("", r.out(), c.toString());
      assertTrue(r.err().contains(c.get(2)) && r.err().contains(c.get(3)), c + ": " + r.err());
    }
  }

  @Test
  void badMultifdFault_exitsTwo() {
    CliRun kind = run("simulate", "--multifd-channels", "2", "--multifd-fault", "LOSS@1");
    assertEquals(2, kind.code(), kind.err());
    assertTrue(
        kind.err()
            .contains(
                "--multifd-fault must be KIND@PACKET with KIND one of REORDER, STALL, DUPLICATE,"
                    + " BREAK, VERSION and PACKET >= 0, got 'LOSS@1'"),
        kind.err());
    CliRun one = run("simulate", "--multifd-channels", "1", "--multifd-fault", "reorder@0");
    assertEquals(2, one.code(), one.err());
    assertTrue(
        one.err().contains("--multifd-fault reorder@0 needs --multifd-channels 2 or more"),
        one.err());
    CliRun bound = run("simulate", "--multifd-channels", "2", "--multifd-max-queued", "0");
    assertEquals(2, bound.code(), bound.err());
    assertTrue(bound.err().contains("--multifd-max-queued must be >= 1 byte, got 0"), bound.err());
    CliRun net = run("simulate", "--multifd-channels", "2", "--net-fault", "LOSS:1");
    assertEquals(2, net.code(), net.err());
    assertTrue(net.err().contains("--net-fault is the VfioMigration spec's un-framed wire"));
  }

  /**
   * A position the run never reaches is refused before the run, with the valid range from a
   * fault-free probe: the VF's run sends 4 sections (setup, 1 pre-copy iteration, stop-copy,
   * config) and 2 stop-copy packets (its state in one 1 MiB read, then the config packet), so a
   * REORDER can only strike packet 0 (packet 1 has none after it).
   */
  @Test
  void faultPositionsTheRunNeverReaches_exitTwoWithTheRange() {
    CliRun stream = run("simulate", "--packets", "200", "--stream-fault", "BREAK@5");
    assertEquals(2, stream.code(), stream.out() + stream.err());
    assertTrue(
        stream
            .err()
            .contains(
                "--stream-fault BREAK@5 never fires: this run sends 4 VFIO sections, so SECTION"
                    + " must be in 1..4"),
        stream.err());
    CliRun reorder = multifd("REORDER@1");
    assertEquals(2, reorder.code(), reorder.out() + reorder.err());
    assertTrue(
        reorder
            .err()
            .contains(
                "--multifd-fault REORDER@1 never fires: a device of this run sends at most 2"
                    + " stop-copy packets (the config packet last), so PACKET must be in 0..0 for"
                    + " REORDER"),
        reorder.err());
    CliRun dup = multifd("DUPLICATE@2");
    assertEquals(2, dup.code(), dup.out() + dup.err());
    assertTrue(dup.err().contains("so PACKET must be in 0..1 for DUPLICATE"), dup.err());
  }

  /**
   * The channel closes in the first section (setup): the destination's load fails and it exits; the
   * source runs on, so the migration FAILED and the run is not clean (exit 1).
   */
  @Test
  void streamBreak_failsTheMigration_reportsTheFault(@TempDir Path dir) throws Exception {
    Path j = dir.resolve("s.json");
    CliRun r =
        run("simulate", "--packets", "200", "--stream-fault", "break@1", "--json", j.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("transport: main channel (stream fault BREAK@1)\n"), r.out());
    assertTrue(
        r.out()
            .contains(
                "outcome FAILED: vf0 destination failed the load (end of stream inside a"
                    + " section)"),
        r.out());
    JsonNode t = new ObjectMapper().readTree(Files.readString(j)).get("transport");
    assertEquals("BREAK@1", t.get("streamFault").asText());
    assertTrue(t.get("multifd").isNull());
  }

  /**
   * Multifd with the VF: its stop-copy state is one data packet (index 0, a 1 MiB read holds it
   * all) and the config packet (index 1). REORDER@0 delivers the config packet first; the reorder
   * buffer holds it and the migration completes clean. DUPLICATE@0 fails the load.
   */
  @Test
  void multifdFaults_reorderAbsorbed_duplicateFails(@TempDir Path dir) throws Exception {
    Path j = dir.resolve("m.json");
    CliRun reorder = multifd("REORDER@0", "--json", j.toString());
    assertEquals(0, reorder.code(), reorder.out() + reorder.err());
    assertTrue(
        reorder
            .out()
            .contains(
                "transport: main channel, stop-copy over multifd (2 channels, no queue bound);"
                    + " multifd fault REORDER@0\n"),
        reorder.out());
    assertTrue(reorder.out().contains("outcome COMPLETED\n"), reorder.out());
    JsonNode m = new ObjectMapper().readTree(Files.readString(j)).get("transport").get("multifd");
    assertEquals(2, m.get("channels").asInt());
    assertTrue(m.get("maxQueuedBufferBytes").isNull());
    assertEquals("REORDER@0", m.get("fault").asText());

    CliRun dup = multifd("DUPLICATE@0", "--multifd-max-queued", "1048576");
    assertEquals(1, dup.code(), dup.out() + dup.err());
    assertTrue(dup.out().contains("queue bound 1048576 bytes"), dup.out());
    assertTrue(dup.out().contains("(vf0: state buffer 0 already filled)"), dup.out());
  }
}
