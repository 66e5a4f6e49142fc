package org.vfiomc.checker.tlc.link;

import java.nio.file.Path;
import java.util.List;

/**
 * Part of the link between the checker and its forked JVMs: who the child's parent is and which
 * directory the child may remove when it outlives that parent. The parent passes both as system
 * properties; a child started without them (by hand, by a test) does not watch anything.
 */
public final class ParentLink {
  /** System property: the process id of the checker that started the child. */
  public static final String PARENT_PID = "vfiomc.parent.pid";

  /** System property: the child's own work directory, removed when the child is orphaned. */
  public static final String WORK_DIR = "vfiomc.child.work";

  /** Exit status of a child that ended because its parent is gone. */
  public static final int ORPHANED = 3;

  private ParentLink() {}

  /** The child JVM options naming this process as the parent and {@code work} as the work dir. */
  public static List<String> jvmOptions(Path work) {
    return List.of(
        "-D" + PARENT_PID + "=" + ProcessHandle.current().pid(),
        "-D" + WORK_DIR + "=" + work.toAbsolutePath());
  }
}
