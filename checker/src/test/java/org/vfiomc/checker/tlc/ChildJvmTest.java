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
}
