package org.vfiomc.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.RepoRoot;

/**
 * The {@code vfiomc} launcher at the repository root, run with bash: which jar each command goes
 * to, the usage, and the errors. A stand-in {@code JAVA} prints the arguments it gets, one a line,
 * so the test sees exactly what the launcher would run; the jars are stand-ins too (the real ones
 * are built after the tests).
 */
final class LauncherScriptTest {
  @TempDir Path dir;
  private Path checkerJar;
  private Path conformanceJar;
  private Path fakeJava;

  private record Run(int code, String out, String err) {}

  @BeforeEach
  void standIns() throws IOException {
    checkerJar = Files.writeString(dir.resolve("checker.jar"), "");
    conformanceJar = Files.writeString(dir.resolve("conformance.jar"), "");
    fakeJava = dir.resolve("java");
    Files.writeString(fakeJava, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
    assertTrue(fakeJava.toFile().setExecutable(true));
  }

  private Run launch(Map<String, String> env, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of("bash", RepoRoot.get().resolve("vfiomc").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("JAVA", fakeJava.toString());
    pb.environment().put("VFIOMC_CHECKER_JAR", checkerJar.toString());
    pb.environment().put("VFIOMC_CONFORMANCE_JAR", conformanceJar.toString());
    pb.environment().putAll(env);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    int code = p.waitFor();
    return new Run(
        code,
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void checkerCommands_goToTheCheckerJar_conformanceCommandsToTheConformanceJar() throws Exception {
    for (String c : List.of("check", "traces", "validate", "report", "merge", "worker", "mutate")) {
      Run r = launch(Map.of(), c, "specs", "--quiet");
      assertEquals(0, r.code(), r.err());
      // check's JVM only starts TLC children: the quick compiler
      String jit = c.equals("check") ? "-XX:TieredStopAtLevel=1\n" : "";
      assertEquals(jit + "-jar\n" + checkerJar + "\n" + c + "\nspecs\n--quiet\n", r.out(), c);
    }
    for (String c : List.of("replay", "simulate", "path")) {
      Run r = launch(Map.of(), c, "--json", "a b.json");
      assertEquals(0, r.code(), r.err());
      // an argument with a space stays one argument
      assertEquals("-jar\n" + conformanceJar + "\n" + c + "\n--json\na b.json\n", r.out(), c);
    }
  }

  @Test
  void classDataArchiveBesideTheCheckerJar_isMapped_andItsWarningsGoToStderr() throws Exception {
    Path archive = Files.writeString(dir.resolve("checker.jsa"), "");
    Run r = launch(Map.of(), "report", "r.json");
    assertEquals(
        "-Xshare:auto\n-XX:SharedArchiveFile="
            + archive
            + "\n-Xlog:disable\n-Xlog:all=warning:stderr\n-jar\n"
            + checkerJar
            + "\nreport\nr.json\n",
        r.out());
    // the conformance jar has no archive of its own
    assertTrue(launch(Map.of(), "path", "x").out().startsWith("-jar\n"));
  }

  @Test
  void usage_listsEveryCommandOfTheChecker_andTheConformanceTool() throws Exception {
    Run r = launch(Map.of(), "--help");
    assertEquals(0, r.code());
    // the checker's own subcommands, from its help (all but picocli's 'help')
    String help = CliRun.of("--help").out();
    Matcher m =
        Pattern.compile("(?m)^  (\\w+)\\s{2,}").matcher(help.substring(help.indexOf("Commands:")));
    List<String> checker = new ArrayList<>();
    while (m.find()) {
      if (!m.group(1).equals("help")) {
        checker.add(m.group(1));
      }
    }
    assertEquals(
        List.of("check", "traces", "validate", "report", "merge", "worker", "mutate"), checker);
    // conformance's Main: replay, simulate, path
    for (String c : concat(checker, List.of("replay", "simulate", "path"))) {
      assertTrue(
          Pattern.compile("(?m)^  " + c + " ").matcher(r.out()).find(), c + " in\n" + r.out());
    }
  }

  @Test
  void noCommand_orAnUnknownOne_exits2_withTheUsageOnStderr() throws Exception {
    Run none = launch(Map.of());
    assertEquals(2, none.code());
    assertEquals("", none.out());
    assertTrue(none.err().startsWith("Usage: vfiomc COMMAND"), none.err());
    Run unknown = launch(Map.of(), "frobnicate", "x");
    assertEquals(2, unknown.code());
    assertEquals("", unknown.out());
    assertTrue(
        unknown.err().startsWith("vfiomc: unknown command 'frobnicate'\nUsage:"), unknown.err());
  }

  @Test
  void aJarNotBuilt_exits2_namingItAndTheBuildCommand() throws Exception {
    Path missing = dir.resolve("no/conformance.jar");
    Run r = launch(Map.of("VFIOMC_CONFORMANCE_JAR", missing.toString()), "simulate");
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertEquals(
        "vfiomc: " + missing + " is not built; build it with: mvn -B -DskipTests package\n",
        r.err());
    // the checker's jar is still found: only the missing one is refused
    assertEquals(0, launch(Map.of("VFIOMC_CONFORMANCE_JAR", missing.toString()), "check").code());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
