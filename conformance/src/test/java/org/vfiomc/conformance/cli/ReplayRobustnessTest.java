package org.vfiomc.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, defects 2, 3 and 4 for {@code replay}: one bad file never sinks a batch (each is listed
 * with its name and reason, counted in the summary and the JSON, and the files after it still
 * replay), a too large file is refused before it is read, an exhausted heap is exit 3 with a
 * sentence, an unwritable {@code --json} is exit 2 before anything runs. Issue 19: a trace without
 * {@code #meta.module} is unbound, never malformed.
 */
final class ReplayRobustnessTest {
  private static final Path TRACES = Path.of("src/test/resources/traces");
  private static final Path GOOD = TRACES.resolve("tours/VfioFsm-Reject.itf.json");

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  /** Replays {@code dir} (the bad file plus a copy of a good tour) with a JSON report. */
  private static CliRun replayDir(Path dir, Path json) throws Exception {
    Files.copy(GOOD, dir.resolve("zz-good.itf.json"));
    return run("replay", dir.toString(), "--json", json.toString());
  }

  /** The bad file is listed once, with its reason; the good one after it replayed. */
  private static void assertListedAndGoesOn(CliRun r, Path json, Path bad, String reason)
      throws Exception {
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("unreadable: " + bad + ": "), r.err());
    assertTrue(r.err().contains(reason), r.err());
    assertTrue(
        r.out()
            .contains(
                "2 files, 1 replays, 0 not as expected, 0 malformed, 0 unbound, 1 unreadable"),
        r.out());
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertEquals(2, doc.get("files").asInt());
    assertEquals(1, doc.get("reports").size());
    assertEquals(1, doc.get("unreadable").size());
    assertEquals(bad.toString(), doc.get("unreadable").get(0).get("file").asText());
    assertTrue(doc.get("unreadable").get(0).get("reason").asText().contains(reason));
  }

  @Test
  void notUtf8_isListedWithItsOffset_andTheBatchGoesOn(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("a-latin1.itf.json");
    // "{"#meta": "é"}" in ISO-8859-1: 0xE9 followed by '"' is not UTF-8
    Files.write(bad, "{\"#meta\": \"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
    Path json = dir.resolve("report.json");
    assertListedAndGoesOn(replayDir(dir, json), json, bad, "not valid UTF-8");
    assertTrue(run("replay", bad.toString()).err().contains("at offset 11"));
  }

  @Test
  void utf16_isNamed(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("a-utf16.itf.json");
    Files.write(bad, Files.readString(GOOD).getBytes(StandardCharsets.UTF_16));
    Path json = dir.resolve("report.json");
    assertListedAndGoesOn(replayDir(dir, json), json, bad, "UTF-16");
    // without a byte-order mark too: JSON starts with ASCII, so UTF-16LE has a NUL at offset 1
    Files.write(bad, Files.readString(GOOD).getBytes(StandardCharsets.UTF_16LE));
    CliRun r = run("replay", bad.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("NUL byte at offset 1"), r.err());
  }

  @Test
  void symlinkLoop_isNamed(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("a-loop.itf.json");
    Path other = dir.resolve("b-loop.itf.json");
    Files.createSymbolicLink(bad, other);
    Files.createSymbolicLink(other, bad);
    Path json = dir.resolve("report.json");
    Files.copy(GOOD, dir.resolve("zz-good.itf.json"));
    CliRun r = run("replay", dir.toString(), "--json", json.toString());
    // both links are listed, each with the loop as its reason, and the good tour replays
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("unreadable: " + bad + ": "), r.err());
    assertTrue(r.err().contains("symbolic link"), r.err());
    assertTrue(
        r.out()
            .contains(
                "3 files, 1 replays, 0 not as expected, 0 malformed, 0 unbound, 2 unreadable"),
        r.out());
    assertEquals(2, new ObjectMapper().readTree(json.toFile()).get("unreadable").size());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void fifo_isNeverOpened(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("a-fifo.itf.json");
    Process p = new ProcessBuilder("mkfifo", bad.toString()).start();
    assumeTrue(p.waitFor() == 0, "mkfifo is available");
    Path json = dir.resolve("report.json");
    // before the fix, open() on the FIFO blocked for ever (no writer): the timeout fails the test
    assertListedAndGoesOn(replayDir(dir, json), json, bad, "not a regular file");
    // named on the command line too
    CliRun r = run("replay", bad.toString(), GOOD.toString());
    assertEquals(2, r.code());
    assertTrue(r.out().contains("1 replays"), r.out());
  }

  @Test
  void tooLarge_isRefusedBeforeReading_namingTheLimit(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("a-huge.itf.json");
    try (RandomAccessFile f = new RandomAccessFile(bad.toFile(), "rw")) {
      f.setLength((2L << 20) + 1); // sparse: nothing is written, and nothing must be read
    }
    Files.copy(GOOD, dir.resolve("zz-good.itf.json"));
    Path json = dir.resolve("report.json");
    CliRun r = run("replay", dir.toString(), "--max-trace-mib", "2", "--json", json.toString());
    assertListedAndGoesOn(r, json, bad, "too large: 2097153 bytes, the limit is 2 MiB");
    assertEquals(2, run("replay", "--max-trace-mib", "0", GOOD.toString()).code());
  }

  @Test
  void missingFileArgument_isListed_andTheOthersReplay(@TempDir Path dir) throws Exception {
    Path none = dir.resolve("none.itf.json");
    CliRun r = run("replay", none.toString(), GOOD.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(none + ": no such file"), r.err());
    assertTrue(r.out().contains("1 replays"), r.out());
  }

  @Test
  void unwritableJson_isExit2_beforeAnythingRuns(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("plain");
    Files.writeString(file, "x");
    for (Path target : List.of(file.resolve("report.json"), dir, dir.resolve("no/such/dir.json"))) {
      CliRun r = run("replay", GOOD.toString(), "--json", target.toString());
      assertEquals(2, r.code(), target + ": " + r.out() + r.err());
      assertTrue(r.err().contains("--json " + target), r.err());
      // nothing ran: no replay line, no summary
      assertFalse(r.out().contains("replay:"), r.out());
    }
  }

  @Test
  void noMetaModule_isUnbound_inBothModes(@TempDir Path dir) throws Exception {
    ObjectMapper m = new ObjectMapper();
    JsonNode doc = m.readTree(GOOD.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("#meta")).remove("module");
    Path noModule = dir.resolve("no-module.itf.json");
    Files.writeString(noModule, m.writeValueAsString(doc));
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc).remove("#meta");
    Path noMeta = dir.resolve("no-meta.itf.json");
    Files.writeString(noMeta, m.writeValueAsString(doc));
    for (String mode : List.of("error", "skip")) {
      CliRun r = run("replay", "--unbound=" + mode, noModule.toString(), noMeta.toString());
      assertEquals(mode.equals("error") ? 2 : 0, r.code(), r.out() + r.err());
      assertTrue(r.out().contains("UNBOUND " + noModule + " (no #meta.module"), r.out());
      assertTrue(r.out().contains("UNBOUND " + noMeta + " (no #meta.module"), r.out());
      assertTrue(r.out().contains("0 malformed, 2 unbound"), r.out());
      assertFalse(r.err().contains("malformed"), r.err());
    }
  }

  @Test
  void outOfMemory_isExit3WithASentence_andTheNextFileStillReplays(@TempDir Path dir)
      throws Exception {
    // 6 MB of small JSON objects: a tree of several hundred MB, far beyond a 32 MiB heap
    Path big = dir.resolve("a-big.itf.json");
    StringBuilder b = new StringBuilder("{\"vars\": [], \"states\": [");
    for (int i = 0; i < 400_000; i++) {
      b.append(i == 0 ? "" : ",").append("{\"#meta\": {\"i\": 1}}");
    }
    Files.writeString(big, b.append("]}").toString());
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx32m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of("replay", big.toString(), GOOD.toAbsolutePath().toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), output);
    assertEquals(3, p.exitValue(), output);
    assertTrue(output.contains("failed: " + big + ": out of memory (the heap's limit is"), output);
    assertTrue(output.contains("1 replays"), output);
    assertTrue(output.contains("1 failed (internal error)"), output);
    assertFalse(output.contains("java.lang.OutOfMemoryError"), output);
  }
}
