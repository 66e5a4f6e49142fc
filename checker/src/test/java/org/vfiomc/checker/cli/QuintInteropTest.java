package org.vfiomc.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.RepoRoot;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.Trace;

/**
 * ITF interop with Quint (issue 19): traces Quint itself wrote ({@code quint run --backend
 * typescript --mbt --out-itf}, committed under {@code src/test/resources/quint} with the seeds
 * below) validate against hand-written TLA+ equivalents, and a trace damaged at one step is
 * rejected at that step. When the {@code quint} binary is present (CI installs the pinned version
 * into {@code .ci/quint}), the traces are generated again and must equal the committed ones and
 * validate too; without it only that part is skipped, saying why.
 */
class QuintInteropTest {
  /** The Quint version the committed traces were generated with ({@code .ci/quint}). */
  static final String QUINT_VERSION = "0.33.1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DIR = RepoRoot.get().resolve("checker/src/test/resources/quint");

  /** How a committed trace was generated, and the --action-map its spec needs. */
  record Fixture(String name, int seed, int maxSteps, String actionMap) {
    Path spec() {
      return DIR.resolve(name + ".tla");
    }

    Path trace() {
      return DIR.resolve(name + ".itf.json");
    }

    List<String> validateArgs(Path trace) {
      List<String> args = new ArrayList<>(List.of("validate", spec().toString(), "--trace"));
      args.add(trace.toString());
      if (actionMap != null) {
        args.add("--action-map");
        args.add(actionMap);
      }
      return args;
    }
  }

  static final Fixture KINDS = new Fixture("Kinds", 1, 12, null);
  static final Fixture VARIANTS =
      new Fixture("Variants", 3, 14, "init=Init,start=Start,finish=Finish,clear=Clear");
  static final Fixture BIG_INTS = new Fixture("BigInts", 1, 2, null);

  @TempDir Path tmp;

  private static CliRun validate(Fixture f, Path trace) {
    return CliRun.of(f.validateArgs(trace).toArray(String[]::new));
  }

  private static int states(Path trace) throws Exception {
    return JSON.readTree(trace.toFile()).get("states").size();
  }

  @Test
  void committedTraces_coverEveryItfValueKindQuintWrites() throws Exception {
    Set<String> kinds = new TreeSet<>();
    for (Fixture f : List.of(KINDS, VARIANTS)) {
      for (JsonNode state : JSON.readTree(f.trace().toFile()).get("states")) {
        state
            .properties()
            .forEach(
                e -> {
                  if (!e.getKey().startsWith("#") && !e.getKey().startsWith("mbt::")) {
                    collect(e.getValue(), kinds);
                  }
                });
      }
    }
    assertEquals(
        new TreeSet<>(
            List.of(
                "#bigint", "#map", "#set", "#tup", "bool", "list", "record", "string", "variant")),
        kinds);
    // integers beyond TLC's range (which no TLA+ equivalent can hold) are read exactly
    Trace big = ItfCodec.read(BIG_INTS.trace());
    assertEquals(new TlaValue.Int(BigInteger.TWO.pow(66)), big.steps().get(2).state().get("x"));
    assertEquals(
        new TlaValue.Int(BigInteger.TEN.pow(30).negate().subtract(BigInteger.TWO)),
        big.steps().get(2).state().get("y"));
  }

  private static void collect(JsonNode v, Set<String> kinds) {
    if (v.isTextual()) {
      kinds.add("string");
    } else if (v.isBoolean()) {
      kinds.add("bool");
    } else if (v.isArray()) {
      kinds.add("list");
      v.forEach(x -> collect(x, kinds));
    } else if (v.has("#bigint")) {
      kinds.add("#bigint");
    } else if (v.has("#set") || v.has("#tup")) {
      String tag = v.has("#set") ? "#set" : "#tup";
      kinds.add(tag);
      v.get(tag).forEach(x -> collect(x, kinds));
    } else if (v.has("#map")) {
      kinds.add("#map");
      v.get("#map").forEach(pair -> pair.forEach(x -> collect(x, kinds)));
    } else {
      kinds.add(v.size() == 2 && v.has("tag") && v.has("value") ? "variant" : "record");
      v.forEach(x -> collect(x, kinds));
    }
  }

  @Test
  void committedQuintTraces_validateAgainstTheTlaEquivalents() throws Exception {
    for (Fixture f : List.of(KINDS, VARIANTS)) {
      CliRun run = validate(f, f.trace());
      assertEquals(0, run.code(), f.name() + ": " + run.out() + run.err());
      assertTrue(run.out().contains("accepted: " + states(f.trace()) + " states"), run.out());
    }
  }

  @Test
  void quintActionNamesTheSpecDoesNotHave_areAnInputErrorSuggestingTheMap() {
    CliRun run =
        CliRun.of("validate", VARIANTS.spec().toString(), "--trace", VARIANTS.trace().toString());
    assertEquals(2, run.code(), run.out());
    assertTrue(run.err().contains("step 1: action start is not an action of the spec"), run.err());
    assertTrue(run.err().contains("--action-map start=SPEC_ACTION"), run.err());
  }

  /** The committed trace with {@code var} at {@code step} replaced by {@code value}. */
  private Path mutated(Fixture f, int step, String var, JsonNode value) throws Exception {
    ObjectNode doc = (ObjectNode) JSON.readTree(f.trace().toFile());
    ((ObjectNode) doc.get("states").get(step)).set(var, value);
    Path out = tmp.resolve(f.name() + "-" + step + "-" + var + ".itf.json");
    Files.writeString(out, JSON.writeValueAsString(doc), StandardCharsets.UTF_8);
    return out;
  }

  @Test
  void mutatedTraces_areRejectedAtTheMutatedStep_showingTheObservedValues() throws Exception {
    // Kinds step 5 is an inc with k = 1 setting byName["a"] to n = 0; 7 is no reachable value
    Path kinds =
        mutated(
            KINDS,
            5,
            "byName",
            JSON.readTree("{\"#map\":[[\"a\",{\"#bigint\":\"7\"}],[\"b\",{\"#bigint\":\"0\"}]]}"));
    CliRun k = validate(KINDS, kinds);
    assertEquals(1, k.code(), k.out() + k.err());
    assertTrue(k.out().contains("rejected at step 5 (inc)"), k.out());
    assertTrue(k.out().contains("observed at step 5:"), k.out());
    assertTrue(k.out().contains("byName = (\"a\" :> 7 @@ \"b\" :> 0)"), k.out());

    // Variants step 1 starts a job; job 3 is not among the choices {1, 2}
    Path variants =
        mutated(
            VARIANTS, 1, "mode", JSON.readTree("{\"tag\":\"Busy\",\"value\":{\"#bigint\":\"3\"}}"));
    CliRun v = validate(VARIANTS, variants);
    assertEquals(1, v.code(), v.out() + v.err());
    assertTrue(v.out().contains("rejected at step 1 (Start)"), v.out());

    // a rejection at step 0 shows the observed values too
    Path initial = mutated(KINDS, 0, "none", JSON.readTree("[1]"));
    CliRun i = validate(KINDS, initial);
    assertEquals(1, i.code(), i.out() + i.err());
    assertTrue(
        i.out().contains("rejected at step 0: no initial state has the observed values"), i.out());
    assertTrue(i.out().contains("observed at step 0:"), i.out());
    assertTrue(i.out().contains("none = <<1>>"), i.out());
  }

  /** The quint binary: $QUINT, the CI install in .ci/quint, or quint on the PATH; else null. */
  private static Path quint() {
    List<Path> candidates = new ArrayList<>();
    String env = System.getenv("QUINT");
    if (env != null && !env.isBlank()) {
      candidates.add(Path.of(env));
    }
    candidates.add(RepoRoot.get().resolve(".ci/quint/node_modules/.bin/quint"));
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d :
          java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(File.pathSeparator))
              .splitAsStream(path)
              .toList()) {
        if (!d.isEmpty()) {
          candidates.add(Path.of(d, "quint"));
        }
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
  }

  private static String run(List<String> command, Path dir) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), command + ":\n" + text);
    return text;
  }

  @Test
  void quintGeneratesTheCommittedTracesAgain_andTheyValidate() throws Exception {
    Path quint = quint();
    if (quint == null) {
      System.err.println(
          "QuintInteropTest: quint not found ($QUINT, .ci/quint/node_modules/.bin/quint, PATH);"
              + " regeneration skipped, committed traces were validated (.ci/run installs Quint)");
    }
    Assumptions.assumeTrue(
        quint != null, "quint not installed (run .ci/run or npm ci --prefix .ci/quint)");
    String version = run(List.of(quint.toString(), "--version"), tmp).strip();
    for (Fixture f : List.of(KINDS, VARIANTS, BIG_INTS)) {
      Path out = tmp.resolve(f.name() + ".itf.json");
      run(
          List.of(
              quint.toString(),
              "run",
              "--backend",
              "typescript",
              "--mbt",
              "--max-samples",
              "1",
              "--max-steps",
              Integer.toString(f.maxSteps()),
              "--seed",
              Integer.toString(f.seed()),
              "--out-itf",
              out.toString(),
              DIR.resolve(f.name() + ".qnt").toString()),
          tmp);
      if (version.equals(QUINT_VERSION)) {
        // the pinned version with the same seed writes the same states (#meta has a timestamp)
        assertEquals(
            JSON.readTree(f.trace().toFile()).get("states"),
            JSON.readTree(out.toFile()).get("states"),
            f.name());
      }
      if (!f.equals(BIG_INTS)) {
        CliRun v = validate(f, out);
        assertEquals(0, v.code(), f.name() + " (quint " + version + "): " + v.out() + v.err());
      }
    }
  }
}
