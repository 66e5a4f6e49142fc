package org.vfiomc.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.RepoRoot;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.result.OutcomeReader;

/**
 * {@code check --shard K/N} then {@code merge}: three models of the examples (a HOLDS, an invariant
 * violation, a deadlock) checked as two shards give back, merged, the three results of the whole
 * suite in the suite's order, and the exit code the whole check gives.
 */
final class MergeCommandTest {
  @TempDir static Path dir;
  private static Path suite;
  private static Path[] shards;

  @BeforeAll
  static void checkTwoShards() throws Exception {
    suite = dir.resolve("suite");
    Files.createDirectories(suite);
    for (String f :
        List.of("Counter.tla", "CounterOK.cfg", "CounterSum.cfg", "Deadlock.tla", "Deadlock.cfg")) {
      Files.copy(RepoRoot.examples().resolve(f), suite.resolve(f));
    }
    Files.writeString(
        suite.resolve("suite.json"),
        """
        {"suite": "three", "models": [
          {"name": "CounterOK", "spec": "Counter.tla", "config": "CounterOK.cfg",
           "expected": "HOLDS", "profile": "ci"},
          {"name": "CounterSum", "spec": "Counter.tla", "config": "CounterSum.cfg",
           "expected": "VIOLATED", "property": "SumBelow5", "profile": "ci"},
          {"name": "Deadlock", "spec": "Deadlock.tla", "config": "Deadlock.cfg",
           "expected": "VIOLATED", "violationKind": "deadlock", "profile": "ci"}]}
        """,
        StandardCharsets.UTF_8);
    shards = new Path[] {dir.resolve("s1.json"), dir.resolve("s2.json")};
    for (int k = 1; k <= 2; k++) {
      CliRun run =
          CliRun.of(
              "check", suite.toString(), "--shard", k + "/2", "--json", shards[k - 1].toString());
      assertEquals(0, run.code(), run.out() + run.err());
    }
  }

  @Test
  void theShardsTogetherAreTheSuiteInItsOrder() throws Exception {
    Path merged = dir.resolve("merged.json");
    Path xml = dir.resolve("merged.xml");
    CliRun run =
        CliRun.of(
            "merge",
            shards[0].toString(),
            shards[1].toString(),
            "--suite",
            suite.toString(),
            "--json",
            merged.toString(),
            "--junit-xml",
            xml.toString());
    assertEquals(0, run.code(), run.out() + run.err());
    List<ModelResult> results = OutcomeReader.readResults(merged);
    assertEquals(
        List.of("CounterOK", "CounterSum", "Deadlock"),
        results.stream().map(ModelResult::model).toList());
    int inShards =
        OutcomeReader.readResults(shards[0]).size() + OutcomeReader.readResults(shards[1]).size();
    assertEquals(3, inShards);
    assertTrue(Files.readString(xml).contains("CounterSum"));
    assertTrue(run.out().contains("3 model(s), 3 as expected"), run.out());
  }

  @Test
  void aModelInTwoFilesIsAnInputError() {
    CliRun run = CliRun.of("merge", shards[0].toString(), shards[0].toString());
    assertEquals(2, run.code());
    assertTrue(run.err().contains("is in both"), run.err());
  }

  @Test
  void byName_theShardsAreFixed() throws Exception {
    // SHA-256 of the name, first 8 bytes as a signed long, modulo 2: CounterSum -> shard 1,
    // CounterOK and Deadlock -> shard 2 (whatever else the suite holds)
    assertEquals(
        List.of("CounterSum"),
        OutcomeReader.readResults(shards[0]).stream().map(ModelResult::model).toList());
    assertEquals(
        List.of("CounterOK", "Deadlock"),
        OutcomeReader.readResults(shards[1]).stream().map(ModelResult::model).toList());
  }

  @Test
  void aMissingShardIsAnInputErrorNamingItsModels() {
    CliRun run = CliRun.of("merge", shards[0].toString(), "--suite", suite.toString());
    assertEquals(2, run.code());
    assertTrue(run.err().contains("2 model(s)"), run.err());
    assertTrue(run.err().contains("CounterOK, Deadlock"), run.err());
    assertTrue(run.err().contains("did a shard not run?"), run.err());
  }

  @Test
  void shardOptionsAreChecked() {
    assertEquals(2, CliRun.of("check", suite.toString(), "--shard", "3/2").code());
    assertEquals(2, CliRun.of("check", suite.toString(), "--balance", shards[0].toString()).code());
  }
}
