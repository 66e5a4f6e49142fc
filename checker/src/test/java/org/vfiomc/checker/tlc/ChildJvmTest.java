package org.vfiomc.checker.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ChildJvmTest {
  @TempDir Path dir;

  @Test
  void archiveFor_aSingleJar_isBesideItAndKeyedByJarAndRuntime() throws Exception {
    Path jar = Files.write(dir.resolve("checker.jar"), new byte[] {1, 2, 3});
    Path a = ChildJvm.archiveFor(jar.toString(), "jdk-a");
    assertNotNull(a);
    assertEquals(dir, a.getParent());
    assertTrue(a.getFileName().toString().matches("checker-[0-9a-f]+\\.jsa"), a::toString);
    // the same jar and runtime give the same archive; another runtime or a rebuilt jar another
    assertEquals(a, ChildJvm.archiveFor(jar.toString(), "jdk-a"));
    assertNotEquals(a, ChildJvm.archiveFor(jar.toString(), "jdk-b"));
    Files.write(jar, new byte[] {1, 2, 3, 4});
    assertNotEquals(a, ChildJvm.archiveFor(jar.toString(), "jdk-a"));
  }

  @Test
  void archiveFor_classDirectoriesOrSeveralEntries_hasNone() throws Exception {
    Path jar = Files.write(dir.resolve("x.jar"), new byte[] {1});
    assertNull(ChildJvm.archiveFor(dir.toString(), "jdk")); // target/classes, as under Maven
    assertNull(ChildJvm.archiveFor(jar + File.pathSeparator + jar, "jdk"));
    assertNull(ChildJvm.archiveFor(dir.resolve("missing.jar").toString(), "jdk"));
    assertNull(ChildJvm.archiveFor("", "jdk"));
  }

  @Test
  void launch_withoutArchive_oneChildDumpsAndItsCleanExitPublishesIt() throws Exception {
    Path archive = dir.resolve("c.jsa");
    ChildJvm jvm = ChildJvm.of("java", "c.jar", archive);
    ChildJvm.Launch first = jvm.launch(dir, List.of("-Xmx1g"), "Main", List.of("a"));
    assertNotNull(first.dumpTo());
    assertTrue(first.command().contains("-XX:ArchiveClassesAtExit=" + first.dumpTo()));
    assertTrue(first.command().contains("-Xlog:cds*=off")); // a mismatch warning goes to stdout
    assertEquals(List.of("-Xmx1g", "-cp", "c.jar", "Main", "a"), tail(first.command(), 5));
    // a child started while the first still runs neither dumps nor maps
    ChildJvm.Launch second = jvm.launch(dir, List.of(), "Main", List.of());
    assertNull(second.dumpTo());
    assertFalse(second.command().stream().anyMatch(a -> a.contains("Archive")));
    Files.write(first.dumpTo(), new byte[] {7});
    jvm.exited(first, 0);
    assertTrue(Files.isRegularFile(archive));
    assertFalse(Files.exists(first.dumpTo()));
    ChildJvm.Launch third = jvm.launch(dir, List.of(), "Main", List.of());
    assertTrue(third.command().contains("-XX:SharedArchiveFile=" + archive));
    assertNull(third.dumpTo());
  }

  @Test
  void launch_afterAFailedDump_theNextChildDumpsAgain() throws Exception {
    Path archive = dir.resolve("c.jsa");
    ChildJvm jvm = ChildJvm.of("java", "c.jar", archive);
    ChildJvm.Launch first = jvm.launch(dir, List.of(), "Main", List.of());
    Files.write(first.dumpTo(), new byte[] {7}); // a partial dump of a child that then failed
    jvm.exited(first, 2);
    assertFalse(Files.exists(archive));
    assertFalse(Files.exists(first.dumpTo()));
    assertNotNull(jvm.launch(dir, List.of(), "Main", List.of()).dumpTo());
  }

  @Test
  void launch_cdsOff_addsNoArchiveOptions() {
    ChildJvm jvm = ChildJvm.of("java", "c.jar", null);
    ChildJvm.Launch l = jvm.launch(dir, List.of(), "Main", List.of("x"));
    assertNull(l.dumpTo());
    assertEquals(
        List.of(
            "java", "-XX:+UseParallelGC", "-Djava.io.tmpdir=" + dir, "-cp", "c.jar", "Main", "x"),
        l.command());
  }

  private static List<String> tail(List<String> l, int n) {
    return l.subList(l.size() - n, l.size());
  }
}
