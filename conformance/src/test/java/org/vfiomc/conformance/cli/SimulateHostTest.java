package org.vfiomc.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, point 5: {@code simulate --host} names the host model of every run, and a VF run's
 * dirty tracking belongs to exactly one: {@code iommu-log} to QEMU 10.x, the guest-side strategies
 * (which model a host ignoring device DMA) to the 2015 RFC host. Any other pairing is exit 2 before
 * anything runs.
 */
final class SimulateHostTest {
  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void guestSideTracking_onTheQemuHost_exitsTwoNamingTheRfcHost() {
    for (String t : new String[] {"dummy-after-check", "dummy-before-check", "none"}) {
      CliRun r = run("simulate", "--packets", "10", "--strategy", "dirty-tracking=" + t);
      assertEquals(2, r.code(), t + ": " + r.out() + r.err());
      assertTrue(
          r.err().contains("dirty-tracking=" + t + " needs --host rfc-2015, not --host qemu-10"),
          r.err());
      assertEquals("", r.out());
    }
  }

  @Test
  void iommuLog_onTheRfcHost_exitsTwo() {
    CliRun r = run("simulate", "--host", "rfc-2015", "--strategy", "iommu-log");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("needs --host qemu-10, not --host rfc-2015"), r.err());
  }

  @Test
  void rfcHost_withoutAGuestStrategy_exitsTwo() {
    CliRun r = run("simulate", "--host", "rfc-2015");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--host rfc-2015 has no device DMA tracking"), r.err());
  }

  @Test
  void unknownHost_exitsTwo() {
    CliRun r = run("simulate", "--host", "qemu-2");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--host must be qemu-10 or rfc-2015, got 'qemu-2'"), r.err());
  }

  @Test
  void everyReport_namesItsHost(@TempDir Path dir) throws Exception {
    Path q = dir.resolve("q.json");
    CliRun qemu = run("simulate", "--packets", "200", "--json", q.toString());
    assertEquals(0, qemu.code(), qemu.out());
    assertTrue(
        qemu.out().startsWith("simulate: one 82599 VF on QEMU 10.x (--host qemu-10)"), qemu.out());
    JsonNode qj = new ObjectMapper().readTree(Files.readString(q));
    assertEquals("qemu-10", qj.get("host").asText());

    Path f = dir.resolve("r.json");
    CliRun rfc =
        run(
            "simulate",
            "--packets",
            "200",
            "--host",
            "rfc-2015",
            "--strategy",
            "dummy-after-check",
            "--strategy",
            "guest-drain",
            "--json",
            f.toString());
    assertEquals(0, rfc.code(), rfc.out());
    assertTrue(
        rfc.out().startsWith("simulate: one 82599 VF on 2015 RFC host (--host rfc-2015)"),
        rfc.out());
    JsonNode rj = new ObjectMapper().readTree(Files.readString(f));
    assertEquals("rfc-2015", rj.get("host").asText());

    Path s = dir.resolve("s.json");
    CliRun syn =
        run(
            "simulate",
            "--synthetic",
            "2",
            "--pages",
            "256",
            "--host",
            "rfc-2015",
            "--json",
            s.toString());
    assertEquals(0, syn.code(), syn.out());
    assertTrue(syn.out().contains("on 2015 RFC host (--host rfc-2015)"), syn.out());
    assertEquals("rfc-2015", new ObjectMapper().readTree(Files.readString(s)).get("host").asText());
  }
}
