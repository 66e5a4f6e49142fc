package org.vfiomc.checker.tlc.child;

import java.util.ArrayList;
import java.util.List;
import tla2sany.semantic.ASTConstants;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.FormalParamNode;
import tla2sany.semantic.LabelNode;
import tla2sany.semantic.LetInNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.semantic.SubstInNode;
import tla2sany.semantic.SymbolNode;
import tlc2.tool.Action;
import tlc2.tool.BuiltInOPs;
import tlc2.tool.EvalControl;
import tlc2.tool.IContextEnumerator;
import tlc2.tool.ITool;
import tlc2.tool.TLCState;
import tlc2.tool.ToolGlobals;
import tlc2.util.Context;
import tlc2.value.IValue;

/**
 * Re-does TLC's splitting of the next-state relation for one given state. TLC splits {@code \/},
 * {@code \E x \in S} and operator applications only when {@code S} and the arguments are constant;
 * here they are evaluated in the state a step starts from, so {@code \E p \in {r \in Procs : ctr[r]
 * = Limit} : Reset(p)} still yields one action per {@code p}, with {@code p} bound.
 */
final class ActionRefiner {
  private final ITool tool;

  ActionRefiner(ITool tool) {
    this.tool = tool;
  }

  /** The finest actions {@code action} splits into in state {@code s} (itself if none). */
  List<Action> refine(Action action, TLCState s) {
    List<Action> out = new ArrayList<>();
    try {
      split(action.pred, action.con, action.getOpDef(), s, out);
    } catch (RuntimeException e) {
      return List.of(action); // cannot split here (e.g. evaluation needs the next state)
    }
    return out.isEmpty() ? List.of(action) : out;
  }

  private void split(SemanticNode next, Context con, OpDefNode name, TLCState s, List<Action> out) {
    switch (next.getKind()) {
      case ASTConstants.OpApplKind:
        splitAppl((OpApplNode) next, con, name, s, out);
        return;
      case ASTConstants.LetInKind:
        split(((LetInNode) next).getBody(), con, name, s, out);
        return;
      case ASTConstants.LabelKind:
        split(((LabelNode) next).getBody(), con, name, s, out);
        return;
      case ASTConstants.SubstInKind:
        if (((SubstInNode) next).getSubsts().length == 0) {
          split(((SubstInNode) next).getBody(), con, name, s, out);
          return;
        }
        out.add(new Action(next, con, name));
        return;
      default:
        out.add(new Action(next, con, name));
    }
  }

  private void splitAppl(
      OpApplNode next, Context con, OpDefNode name, TLCState s, List<Action> out) {
    ExprOrOpArgNode[] args = next.getArgs();
    SymbolNode opNode = next.getOperator();
    int opcode = BuiltInOPs.getOpCode(opNode.getName());
    if (opcode == 0) {
      Object val = tool.lookup(opNode, con, false);
      if (val instanceof OpDefNode def && BuiltInOPs.getOpCode(def.getName()) == 0) {
        FormalParamNode[] formals = def.getParams();
        boolean unprimed = true;
        for (ExprOrOpArgNode a : args) {
          unprimed &= a.getLevel() <= 1;
        }
        if (unprimed && formals.length == args.length && def.getBody() != null) {
          Context bound = con;
          for (int i = 0; i < args.length; i++) {
            IValue v = tool.eval(args[i], con, s);
            bound = bound.cons(formals[i], v);
          }
          split(def.getBody(), bound, def, s, out);
          return;
        }
      }
      out.add(new Action(next, con, name));
      return;
    }
    if (opcode == ToolGlobals.OPCODE_be) {
      IContextEnumerator contexts = tool.contexts(next, con, s, TLCState.Empty, EvalControl.Clear);
      for (Context c = contexts.nextElement(); c != null; c = contexts.nextElement()) {
        split(args[0], c, name, s, out);
      }
      return;
    }
    if (opcode == ToolGlobals.OPCODE_dl || opcode == ToolGlobals.OPCODE_lor) {
      for (ExprOrOpArgNode a : args) {
        split(a, con, name, s, out);
      }
      return;
    }
    out.add(new Action(next, con, name));
  }
}
