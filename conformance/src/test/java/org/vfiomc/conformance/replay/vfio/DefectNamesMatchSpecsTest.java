package org.vfiomc.conformance.replay.vfio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The defect names {@link VfioFsmBinding} accepts are exactly the ones the specs define ({@code
 * DefectNames} of {@code VfioArcs.tla}, {@code FsmDefectNames} of {@code VfioFsm.tla}): a defect
 * added to a spec without the binding knowing it would make every trace of a model that names it
 * fail to replay ("unknown defect"), and a name the spec dropped would be accepted silently.
 */
final class DefectNamesMatchSpecsTest {
  private static Path specs() {
    return Path.of(System.getProperty("vfiomc.root", "..")).resolve("specs");
  }

  /** The string literals of the set that {@code NAME ==} defines (comments stripped). */
  static Set<String> definedSet(Path module, String name) throws IOException {
    String text = Files.readString(module, StandardCharsets.UTF_8).replaceAll("\\\\\\*[^\n]*", "");
    Matcher def =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s*==\\s*\\{([^}]*)\\}").matcher(text);
    if (!def.find()) {
      throw new AssertionError(module + " defines no set " + name);
    }
    Set<String> out = new TreeSet<>();
    Matcher lit = Pattern.compile("\"([^\"]*)\"").matcher(def.group(1));
    while (lit.find()) {
      out.add(lit.group(1));
    }
    return out;
  }

  @Test
  void vfioArcsDefectNames() throws IOException {
    assertEquals(
        definedSet(specs().resolve("VfioArcs/VfioArcs.tla"), "DefectNames"),
        new TreeSet<>(VfioFsmBinding.DEFECT_NAMES));
  }

  @Test
  void vfioFsmDefectNames() throws IOException {
    assertEquals(
        definedSet(specs().resolve("VfioFsm/VfioFsm.tla"), "FsmDefectNames"),
        new TreeSet<>(VfioFsmBinding.FSM_DEFECT_NAMES));
  }
}
