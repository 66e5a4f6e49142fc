package org.vfiomc.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code checker mutate --history}, {@code --match}, {@code --list} and {@code --oracle-limit} on
 * the fixture suite of {@link MutateCommandTest} (14 mutants; model Counter runs first, then
 * Counter_ReachesThree).
 *
 * <p>Model checks of a full run, by hand: every mutant is checked by Counter first (14 checks);
 * Counter kills 11 of them (TypeOK 4, deadlock 4, TLC error 3), so only 3 reach
 * Counter_ReachesThree (Inc's two stuttering mutants, which it kills, and Reset's {@code x' = x},
 * which survives): 3 more checks, 17 in all, each one line of the history.
 */
final class MutateHistoryTest {
  @TempDir Path dir;

  private Path copyOfFixture() throws Exception {
    Path suite = Files.createDirectories(dir.resolve("suite"));
    try (Stream<Path> s = Files.list(MutateCommandTest.fixture())) {
      for (Path p : s.toList()) {
        Files.copy(p, suite.resolve(p.getFileName()));
      }
    }
    return suite;
  }

  /**
   * Adds a ci HOLDS model {@code name} to the suite: module {@code MC_<file>} with {@code body},
   * its {@code .cfg}, and its manifest entry (first in the list).
   */
  private static void addHoldsModel(Path suite, String name, String file, String body, String cfg)
      throws Exception {
    String module = "MC_" + file;
    Files.writeString(
        suite.resolve(module + ".tla"), "---- MODULE " + module + " ----\n" + body + "====\n");
    Files.writeString(suite.resolve(module + ".cfg"), cfg);
    String manifest = Files.readString(suite.resolve("suite.json"));
    Files.writeString(
        suite.resolve("suite.json"),
        manifest.replace(
            "\"models\": [",
            "\"models\": [\n    {\"name\": \""
                + name
                + "\", \"spec\": \""
                + module
                + ".tla\", \"config\": \""
                + module
                + ".cfg\", \"expected\": \"HOLDS\", \"profile\": \"ci\", \"timeoutSeconds\":"
                + " 60},"));
  }

  private static JsonNode module(Path json) throws Exception {
    return new ObjectMapper().readTree(json.toFile()).get("modules").get(0);
  }

  private static Map<String, String> statuses(JsonNode module) {
    Map<String, String> out = new TreeMap<>();
    module.get("mutants").forEach(x -> out.put(x.get("id").asText(), x.get("status").asText()));
    return out;
  }

  private CliRun mutate(Path suite, Path history, String json, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "mutate",
                suite.toString(),
                "--parallel",
                "2",
                "--history",
                history.toString(),
                "--json",
                dir.resolve(json).toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void secondRun_reusesEveryCheck_andAModelChangeRerunsOnlyThatModel() throws Exception {
    Path suite = copyOfFixture();
    Path history = dir.resolve("h.jsonl");
    CliRun first = mutate(suite, history, "1.json");
    assertEquals(0, first.code(), first.err());
    JsonNode one = module(dir.resolve("1.json"));
    assertEquals(17, one.get("checks").asInt(), "14 by Counter + 3 by Counter_ReachesThree");
    assertEquals(0, one.get("reusedChecks").asInt());
    assertEquals(17, Files.readAllLines(history).size(), "one line per model check");

    CliRun second = mutate(suite, history, "2.json");
    assertEquals(0, second.code(), second.err());
    JsonNode two = module(dir.resolve("2.json"));
    assertEquals(0, two.get("checks").asInt(), "nothing changed: every check is reused");
    // a recorded kill settles its mutant at once: the two that Counter_ReachesThree killed do not
    // read Counter's recorded pass first, so 17 - 2 records are read
    assertEquals(15, two.get("reusedChecks").asInt());
    assertEquals(statuses(one), statuses(two));
    assertEquals(one.get("score"), two.get("score"));
    assertEquals(17, Files.readAllLines(history).size(), "reused checks are not appended again");
    assertTrue(second.out().contains("model checks: 0 run, 15 taken from --history"), second.out());
    assertEquals(
        14, second.err().lines().filter(l -> l.endsWith("[from --history]")).count(), second.err());

    // a comment in Counter_ReachesThree's .cfg: its 3 checks run again, Counter's 14 are reused
    Files.writeString(
        suite.resolve("MC_Counter_Three.cfg"), "\\* edited\n", StandardOpenOption.APPEND);
    CliRun third = mutate(suite, history, "3.json");
    assertEquals(0, third.code(), third.err());
    JsonNode three = module(dir.resolve("3.json"));
    assertEquals(3, three.get("checks").asInt());
    assertEquals(14, three.get("reusedChecks").asInt());
    assertEquals(statuses(one), statuses(three));
    assertEquals(20, Files.readAllLines(history).size());

    // a new model that runs first (3 states under CONSTRAINT x < 2): the 13 mutants with a
    // recorded kill are settled by it at once; only the survivor meets the new model: 1 check
    addHoldsModel(
        suite,
        "Counter_Tiny",
        "Tiny",
        "EXTENDS Counter\nSmall == x < 2\n",
        "SPECIFICATION Spec\nINVARIANT TypeOK\nCONSTRAINT Small\n");
    CliRun fourth = mutate(suite, history, "4.json");
    assertEquals(0, fourth.code(), fourth.err());
    JsonNode four = module(dir.resolve("4.json"));
    assertEquals("Counter_Tiny", four.get("models").get(0).asText(), four.get("models").toString());
    assertEquals(1, four.get("checks").asInt());
    assertEquals(statuses(one), statuses(four));
  }

  @Test
  void aLineCutShortByAKill_isDropped_andOtherDamageIsAnError() throws Exception {
    Path suite = copyOfFixture();
    Path history = dir.resolve("h.jsonl");
    assertEquals(0, mutate(suite, history, "1.json", "--operators", "keep-value").code());
    // keep-value: Inc's (Counter holds, Counter_ReachesThree kills) and Reset's (both hold) = 4
    assertEquals(4, Files.readAllLines(history).size());
    String whole = Files.readString(history);
    Files.writeString(history, "{\"key\":\"ab", StandardOpenOption.APPEND); // no newline: cut
    CliRun r = mutate(suite, history, "2.json", "--operators", "keep-value");
    assertEquals(0, r.code(), r.err());
    assertEquals(0, module(dir.resolve("2.json")).get("checks").asInt());
    assertEquals(whole, Files.readString(history), "the cut line is gone, nothing appended");

    Files.writeString(
        history, "{\"key\":\"xyz\",\"outcome\":\"met\",\"millis\":1}\n", StandardOpenOption.APPEND);
    CliRun bad = mutate(suite, history, "3.json", "--operators", "keep-value");
    assertEquals(2, bad.code(), bad.err());
    assertEquals("error: " + history + ":5: \"key\" must be 64 lower-case hex digits\n", bad.err());

    Files.writeString(history, "not json\n", StandardCharsets.UTF_8);
    CliRun notJson = mutate(suite, history, "4.json", "--operators", "keep-value");
    assertEquals(2, notJson.code(), notJson.err());
    assertTrue(notJson.err().startsWith("error: " + history + ":1: not a JSON object"));
    assertFalse(notJson.err().contains("Exception"), notJson.err());

    CliRun folder = CliRun.of("mutate", suite.toString(), "--history", dir.toString());
    assertEquals(2, folder.code(), folder.err());
    assertTrue(folder.err().contains("--history"), folder.err());
  }

  @Test
  void list_printsEachOfThe14MutantsOnce_checkingNone() throws Exception {
    Path suite = copyOfFixture();
    Files.writeString(
        suite.resolve("mutants.json"),
        "{\"equivalent\":[{\"module\":\"Counter\",\"operator\":\"keep-value\","
            + "\"definition\":\"Reset\",\"original\":\"Restart[x]\",\"replacement\":\"x\","
            + "\"reason\":\"fixture\"}]}");
    CliRun r = CliRun.of("mutate", suite.toString(), "--list");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(14, lines.size(), r.out());
    assertEquals(14, lines.stream().map(l -> l.substring(0, l.indexOf('\t'))).distinct().count());
    Map<String, Long> byDef = new TreeMap<>();
    lines.forEach(l -> byDef.merge(l.substring(8, l.indexOf(' ')), 1L, Long::sum));
    assertEquals(Map.of("Inc", 7L, "Reset", 5L, "Next", 2L), byDef);
    assertEquals(
        List.of("Counter.Reset keep-value [Restart[x]] -> [x]\t15:18"),
        lines.stream()
            .filter(l -> l.endsWith("\tequivalent"))
            .map(l -> l.substring(0, l.indexOf('\t', l.indexOf('\t') + 1)))
            .toList());
    assertFalse(r.err().contains("SURVIVED") || r.err().contains("killed"), r.err());

    CliRun both = CliRun.of("mutate", suite.toString(), "--list", "--json", "x.json");
    assertEquals(2, both.code());
    assertEquals(
        "error: --list checks no mutant: it takes no --json, --junit-xml or --history\n",
        both.err());
  }

  /**
   * A third model that loads Counter and never ends (a second variable counts up without bound):
   * with {@code --oracle-limit 15} its unmutated check runs out of time, so it judges no mutant and
   * the keep-value mutants are judged as in the fixture (Inc's killed by Counter_ReachesThree,
   * Reset's survives); without the limit the run stops at that check.
   */
  @Test
  void oracleLimit_leavesOutAModelSlowerThanIt() throws Exception {
    Path suite = copyOfFixture();
    addHoldsModel(
        suite,
        "Counter_Endless",
        "Endless",
        """
        EXTENDS Counter
        VARIABLE y
        EInit == Init /\\ y = 0
        ENext == (Next /\\ UNCHANGED y) \\/ (y' = y + 1 /\\ UNCHANGED x)
        ESpec == EInit /\\ [][ENext]_<<x, y>>
        """,
        "SPECIFICATION ESpec\nINVARIANT TypeOK\n");
    Path json = dir.resolve("l.json");
    CliRun r =
        CliRun.of(
            "mutate",
            suite.toString(),
            "--module",
            "Counter",
            "--operators",
            "keep-value",
            "--oracle-limit",
            "15",
            "--json",
            json.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode c = module(json);
    assertEquals("[\"Counter_Endless\"]", c.get("excludedModels").toString());
    assertEquals(2, c.get("models").size(), c.get("models").toString());
    assertEquals(
        Map.of(
            "Counter.Inc keep-value [x + 1] -> [x]", "killed",
            "Counter.Reset keep-value [Restart[x]] -> [x]", "survived"),
        statuses(c));
    assertTrue(
        r.out()
            .contains(
                "not judging (unmutated check slower than --oracle-limit):" + " Counter_Endless"),
        r.out());
  }

  @Test
  void match_checksOnlyTheSelectedMutants_andCountsTheRest() throws Exception {
    Path json = dir.resolve("m.json");
    CliRun r =
        CliRun.of(
            "mutate",
            MutateCommandTest.fixture().toString(),
            "--match",
            "Counter.Next ",
            "--match",
            "[Restart[x]]",
            "--json",
            json.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode c = module(json);
    // Next's two drop-disjunct mutants (both deadlock) and Reset's keep-value (survives)
    assertEquals(
        Map.of(
            "Counter.Next drop-disjunct [Inc] -> [FALSE]", "killed",
            "Counter.Next drop-disjunct [Reset] -> [FALSE]", "killed",
            "Counter.Reset keep-value [Restart[x]] -> [x]", "survived"),
        statuses(c));
    assertEquals(11, c.get("unmatched").asInt(), "14 generated, 3 selected");
    assertTrue(r.out().contains("11 more not selected by --match"), r.out());
    assertTrue(r.out().contains("kills by property (the selected mutants):"), r.out());
    assertFalse(r.out().contains("possibly vacuous"), "a selection proves no vacuity: " + r.out());

    CliRun empty = CliRun.of("mutate", MutateCommandTest.fixture().toString(), "--match", "");
    assertEquals(2, empty.code());
    assertEquals("error: --match text must not be empty\n", empty.err());
  }
}
