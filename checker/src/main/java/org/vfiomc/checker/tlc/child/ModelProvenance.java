package org.vfiomc.checker.tlc.child;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vfiomc.checker.result.ModelSource;
import org.vfiomc.checker.trace.TlaValue;
import tla2sany.semantic.OpDeclNode;
import tla2sany.semantic.OpDefNode;
import tlc2.tool.ITool;
import tlc2.tool.TLCState;
import tlc2.util.Context;
import tlc2.value.IValue;

/** Where a model's traces come from: its spec module and the values of its constants. */
final class ModelProvenance {
  private ModelProvenance() {}

  static ModelSource of(ITool tool) {
    return new ModelSource("", module(tool), constants(tool));
  }

  /** The module declaring the variables (the real spec, not the {@code MC} wrapper). */
  static String module(ITool tool) {
    OpDeclNode[] vars = tool.getRootModule().getVariableDecls();
    if (vars.length > 0 && vars[0].getLocation() != null) {
      return vars[0].getLocation().source();
    }
    return tool.getRootName();
  }

  /** The root module's constants in declaration order, with the values the model gives them. */
  static Map<String, TlaValue> constants(ITool tool) {
    Map<String, TlaValue> out = new LinkedHashMap<>();
    List<OpDeclNode> decls = new ArrayList<>(List.of(tool.getRootModule().getConstantDecls()));
    decls.sort((a, b) -> Integer.compare(a.getUid(), b.getUid())); // declaration order
    for (OpDeclNode c : decls) {
      Object v = tool.lookup(c, Context.Empty, false);
      if (v instanceof OpDefNode def && def.getArity() == 0) { // CONSTANT <- definition
        v = tool.eval(def.getBody(), Context.Empty, TLCState.Empty);
      }
      if (v instanceof IValue iv) {
        out.put(c.getName().toString(), ValueConverter.convert(iv));
      }
    }
    return out;
  }
}
