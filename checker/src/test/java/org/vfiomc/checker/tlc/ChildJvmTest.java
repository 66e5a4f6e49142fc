package org.vfiomc.checker.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ChildJvmTest {
  @Test
  void command_runsMainWithTheChildsTempDirAndOptions() {
    ChildJvm jvm = ChildJvm.of("java", "c.jar");
    assertEquals(
        List.of(
            "java",
            "-XX:+UseParallelGC",
            "-Djava.io.tmpdir=/w/tmp",
            "-Xmx1g",
            "-cp",
            "c.jar",
            "Main",
            "a",
            "b"),
        jvm.command(Path.of("/w/tmp"), List.of("-Xmx1g"), "Main", List.of("a", "b")));
  }

  @Test
  void absolute_makesEveryEntryAbsoluteAndDropsEmptyOnes() {
    String cp = ChildJvm.absolute("a.jar" + File.pathSeparator + File.pathSeparator + "/x/b.jar");
    assertEquals(Path.of("a.jar").toAbsolutePath() + File.pathSeparator + Path.of("/x/b.jar"), cp);
  }

  @Test
  void sharing_mapsTheArchiveBesideAJar_only() throws Exception {
    Path dir = java.nio.file.Files.createTempDirectory("childjvm");
    try {
      Path jar = dir.resolve("checker.jar");
      assertEquals(List.of(), ChildJvm.sharing(jar.toString(), null), "no archive yet");
      Path archive = java.nio.file.Files.writeString(dir.resolve(ChildJvm.CHILD_ARCHIVE), "x");
      List<String> o = ChildJvm.sharing(jar.toString(), null);
      assertEquals("-XX:SharedArchiveFile=" + archive, o.get(o.size() - 1));
      assertEquals(true, o.contains("-Xshare:auto"));
      // JVM warnings (e.g. an archive that no longer matches the jar) never reach the link
      assertEquals(List.of("-Xlog:disable", "-Xlog:all=warning:stderr"), o.subList(0, 2));
      assertEquals(
          List.of(),
          ChildJvm.sharing(jar + File.pathSeparator + dir.resolve("classes"), null),
          "a class path of several entries is not the jar's");
      List<String> dump = ChildJvm.sharing(jar.toString(), "/a/c.jsa");
      assertEquals("-XX:ArchiveClassesAtExit=" + Path.of("/a/c.jsa"), dump.get(dump.size() - 1));
    } finally {
      try (var s = java.nio.file.Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
