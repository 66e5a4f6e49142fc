package org.vfiomc.checker.tlc.child;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.vfiomc.checker.result.ErrorInfo;
import org.vfiomc.checker.result.ErrorKind;
import tla2sany.semantic.ModuleNode;
import tla2sany.semantic.OpDeclNode;
import tla2sany.semantic.OpDefNode;
import tlc2.tool.ITool;
import tlc2.util.Vect;

/** Checks of the {@code .cfg} that TLC 2.18 does not make itself. */
final class ConfigCheck {
  private ConfigCheck() {}

  /** An error for the first constant the config assigns that the spec does not define, or null. */
  static ErrorInfo undefinedConstant(ITool tool, Path config) {
    ModuleNode root = tool.getRootModule();
    Set<String> defined = new HashSet<>();
    for (OpDeclNode c : root.getConstantDecls()) {
      defined.add(c.getName().toString());
    }
    for (OpDefNode d : root.getOpDefs()) {
      defined.add(d.getName().toString());
    }
    Vect<?> constants = tool.getModelConfig().getConstants();
    for (int i = 0; i < constants.size(); i++) {
      Object entry = constants.elementAt(i);
      String name =
          entry instanceof Vect<?> v && v.size() > 0 ? String.valueOf(v.elementAt(0)) : null;
      if (name != null && !defined.contains(name)) {
        int[] at = locate(config, name);
        return new ErrorInfo(
            ErrorKind.CONFIG,
            "constant "
                + name
                + " is assigned in the configuration but not declared in module "
                + root.getName(),
            config.toString(),
            at == null ? null : at[0],
            at == null ? null : at[1]);
      }
    }
    return null;
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
