package org.vfiomc.checker.tlc.child;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tla2sany.semantic.ModuleNode;
import tla2sany.semantic.OpDeclNode;
import tla2sany.semantic.OpDefNode;
import tlc2.tool.ITool;
import tlc2.util.Vect;

/**
 * Notes on the {@code .cfg} that TLC 2.18 accepts without a word. The checker is never stricter
 * than TLC about TLC's inputs, so these are warnings only, never errors.
 *
 * <p>TLC (2.18, {@code tlc2.tool.impl.SpecProcessor}) applies a configuration's {@code NAME =
 * VALUE} assignments to the root module's constants and definitions and skips an assignment whose
 * name the module does not have: such a model is checked as if the line were absent (an identifier
 * in a value, e.g. {@code r1} in {@code Replicas = {r1, r2}}, is a model value either way). A
 * {@code NAME <- DEF} substitution of an unknown name, by contrast, is TLC's own configuration
 * error.
 */
final class ConfigCheck {
  private ConfigCheck() {}

  /**
   * One warning per constant the configuration assigns that the root module neither declares nor
   * defines, naming the {@code .cfg} line; none for the model-value form {@code r1 = r1}, which
   * only names a model value.
   */
  static List<String> undeclaredAssignments(ITool tool, Path config) {
    ModuleNode root = tool.getRootModule();
    Set<String> defined = new HashSet<>();
    for (OpDeclNode c : root.getConstantDecls()) {
      defined.add(c.getName().toString());
    }
    for (OpDefNode d : root.getOpDefs()) {
      defined.add(d.getName().toString());
    }
    List<String> out = new ArrayList<>();
    Vect<?> constants = tool.getModelConfig().getConstants();
    for (int i = 0; i < constants.size(); i++) {
      if (!(constants.elementAt(i) instanceof Vect<?> v) || v.size() < 2) {
        continue;
      }
      String name = String.valueOf(v.elementAt(0));
      String value = String.valueOf(v.elementAt(v.size() - 1));
      if (defined.contains(name) || value.equals(name)) {
        continue;
      }
      int[] at = locate(config, name);
      out.add(
          config
              + (at == null ? "" : ":" + at[0] + ":" + at[1])
              + ": the configuration assigns "
              + name
              + ", which module "
              + root.getName()
              + " does not declare; TLC ignores the assignment");
    }
    return out;
  }

  /** Line and column (1-based) of the first whole-word occurrence of {@code name} in a file. */
  static int[] locate(Path file, String name) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
    Pattern word = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])");
    for (int i = 0; i < lines.size(); i++) {
      var m = word.matcher(lines.get(i));
      if (m.find()) {
        return new int[] {i + 1, m.start() + 1};
      }
    }
    return null;
  }
}
