package org.vfiomc.checker.sany;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tla2sany.semantic.ASTConstants;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.LevelConstants;
import tla2sany.semantic.ModuleNode;
import tla2sany.semantic.NumeralNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.st.Location;
import tla2sany.st.TreeNode;

/**
 * The mutation sites of one module, found in SANY's semantic tree: for every definition of the
 * module (not the excluded ones, not temporal-level ones) a walk over its body. Each site is a JSON
 * object {@code {"operator", "definition", "edits": [{"at": [bl, bc, el, ec], "text"|"copyOf"}]}}
 * with SANY's locations of syntax tree nodes; the parent applies the edits to the source.
 *
 * <p>Operators (ids as in {@code org.vfiomc.checker.mutate.MutationOperator}):
 *
 * <ul>
 *   <li>{@code drop-guard}: in an action (a definition of action level), a conjunct without primes
 *       of an action-level conjunction becomes {@code TRUE};
 *   <li>{@code keep-value}: in an action, the right side of {@code x' = e} becomes {@code x};
 *   <li>{@code drop-disjunct}: in an action (Next included), a disjunct of an action-level
 *       disjunction becomes {@code FALSE};
 *   <li>{@code swap-less}, {@code swap-equal}, {@code swap-member}, {@code swap-union}: the infix
 *       operator token {@code <}/{@code <=}, {@code >}/{@code >=}, {@code =}/{@code #}, {@code
 *       \in}/{@code \notin}, {@code \cup}/{@code \cap} is replaced by its partner, except in a TLC
 *       assignment: an update {@code x' = e} (left to {@code keep-value}) or {@code x' \in S}, and
 *       an initial assignment {@code x = e} or {@code x \in S} (below). Swapped, these are no
 *       longer assignments and TLC cannot check the mutant at all ("the identifier x is undefined",
 *       "x' is not enumerable"): such a mutant is stillborn, like a Java mutant that does not
 *       compile, and says nothing about the properties;
 *   <li>{@code off-by-one}: in an action, an integer literal {@code n} becomes {@code n+1} and,
 *       when positive, {@code n-1};
 *   <li>{@code swap-if}: the THEN and ELSE branches of an IF trade places.
 * </ul>
 */
final class MutationSites {
  /** What a swapped operator becomes, and the operator id that reports it. */
  private record Swap(String to, String operator) {}

  /** By SANY's name of the operator. */
  private static final Map<String, Swap> SWAPS =
      Map.ofEntries(
          Map.entry("<", new Swap("<=", "swap-less")),
          Map.entry("\\leq", new Swap("<", "swap-less")),
          Map.entry(">", new Swap(">=", "swap-less")),
          Map.entry("\\geq", new Swap(">", "swap-less")),
          Map.entry("=", new Swap("#", "swap-equal")),
          Map.entry("/=", new Swap("=", "swap-equal")),
          Map.entry("\\in", new Swap("\\notin", "swap-member")),
          Map.entry("\\notin", new Swap("\\in", "swap-member")),
          Map.entry("\\union", new Swap("\\cap", "swap-union")), // SANY's name of \cup
          Map.entry("\\intersect", new Swap("\\cup", "swap-union"))); // SANY's name of \cap

  private final ModuleNode module;
  private final Set<String> excluded;
  private final String name;
  private final List<ObjectNode> out = new ArrayList<>();

  MutationSites(ModuleNode module, Set<String> excluded) {
    this.module = module;
    this.excluded = excluded;
    this.name = module.getName().toString();
  }

  List<ObjectNode> find() {
    initialAssignments();
    for (OpDefNode def : module.getOpDefs()) {
      String defName = def.getName().toString();
      if (def.isBuiltIn()
          || defName.contains("!")
          || excluded.contains(defName)
          || def.getBody() == null
          || !inModule(def)
          || def.getBody().getLevel() >= LevelConstants.TemporalLevel) {
        continue;
      }
      boolean action = def.getBody().getLevel() == LevelConstants.ActionLevel;
      walk(def.getBody(), defName, action);
    }
    return List.copyOf(out);
  }

  /** Initial assignments {@code x = e} / {@code x \in S}, by identity: not swapped. */
  private final Set<SemanticNode> assignments =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  /**
   * Finds the initial predicates, the definition named {@code Init} and every state-level
   * definition a temporal formula of the module (a {@code Spec}) takes as a conjunct, and marks
   * their conjuncts {@code x = e} and {@code x \in S} over a variable {@code x}: where TLC reads
   * them as assignments, following conjunctions and the state-level definitions they name.
   */
  private void initialAssignments() {
    List<OpDefNode> inits = new ArrayList<>();
    for (OpDefNode def : module.getOpDefs()) {
      if (def.isBuiltIn() || def.getBody() == null || !inModule(def)) {
        continue;
      }
      if (def.getName().toString().equals("Init")) {
        inits.add(def);
      } else if (def.getBody().getLevel() >= LevelConstants.TemporalLevel) {
        stateConjuncts(def.getBody(), inits);
      }
    }
    Set<OpDefNode> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (OpDefNode d : inits) {
      markAssignments(d, seen);
    }
  }

  /** The zero-argument state-level definitions a temporal formula takes as conjuncts. */
  private static void stateConjuncts(SemanticNode n, List<OpDefNode> out) {
    if (!(n instanceof OpApplNode a)) {
      return;
    }
    String op = a.getOperator().getName().toString();
    if (conjunction(op)) {
      for (ExprOrOpArgNode c : a.getArgs()) {
        stateConjuncts(c, out);
      }
    } else if (a.getOperator() instanceof OpDefNode d
        && !d.isBuiltIn()
        && a.getArgs().length == 0
        && d.getBody() != null
        && d.getBody().getLevel() <= LevelConstants.VariableLevel) {
      out.add(d);
    }
  }

  private void markAssignments(OpDefNode def, Set<OpDefNode> seen) {
    if (seen.add(def)) {
      markAssignments(def.getBody(), seen);
    }
  }

  private void markAssignments(SemanticNode n, Set<OpDefNode> seen) {
    if (!(n instanceof OpApplNode a)) {
      return;
    }
    String op = a.getOperator().getName().toString();
    ExprOrOpArgNode[] args = a.getArgs();
    if (conjunction(op)) {
      for (ExprOrOpArgNode c : args) {
        markAssignments(c, seen);
      }
    } else if ((op.equals("=") || op.equals("\\in"))
        && args.length == 2
        && variableName(args[0]) != null) {
      assignments.add(a);
    } else if (a.getOperator() instanceof OpDefNode d
        && !d.isBuiltIn()
        && args.length == 0
        && d.getBody() != null) {
      markAssignments(d, seen);
    }
  }

  /** SANY's names of a conjunction: a bulleted list or an infix {@code /\}. */
  private static boolean conjunction(String op) {
    return op.equals("$ConjList") || op.equals("\\land");
  }

  private boolean inModule(SemanticNode n) {
    Location l = n.getLocation();
    return l != null && name.equals(l.source()) && l.beginLine() > 0;
  }

  private void walk(SemanticNode node, String def, boolean action) {
    if (node == null || !inModule(node)) {
      return;
    }
    if (node instanceof NumeralNode n && action) {
      BigInteger v = n.bigVal() != null ? n.bigVal() : BigInteger.valueOf(n.val());
      site("off-by-one", def, edit(n.getLocation(), v.add(BigInteger.ONE).toString()));
      if (v.signum() > 0) {
        site("off-by-one", def, edit(n.getLocation(), v.subtract(BigInteger.ONE).toString()));
      }
    }
    if (node instanceof OpApplNode a) {
      application(a, def, action);
    }
    SemanticNode[] children = node.getChildren();
    if (children != null) {
      for (SemanticNode c : children) {
        walk(c, def, action);
      }
    }
  }

  private void application(OpApplNode a, String def, boolean action) {
    String op = a.getOperator().getName().toString();
    ExprOrOpArgNode[] args = a.getArgs();
    switch (op) {
      case "$ConjList", "\\land" -> {
        if (action && a.getLevel() == LevelConstants.ActionLevel) {
          for (ExprOrOpArgNode c : args) {
            if (c.getLevel() <= LevelConstants.VariableLevel && inModule(c)) {
              site("drop-guard", def, edit(c.getLocation(), "TRUE"));
            }
          }
        }
      }
      case "$DisjList", "\\lor" -> {
        if (action && a.getLevel() == LevelConstants.ActionLevel) {
          for (ExprOrOpArgNode c : args) {
            if (inModule(c)) {
              site("drop-disjunct", def, edit(c.getLocation(), "FALSE"));
            }
          }
        }
      }
      case "$IfThenElse" -> {
        if (args.length == 3 && inModule(args[1]) && inModule(args[2])) {
          site(
              "swap-if",
              def,
              copy(args[1].getLocation(), args[2].getLocation()),
              copy(args[2].getLocation(), args[1].getLocation()));
        }
      }
      default -> {
        String primed = args.length == 2 && op.equals("=") ? primedVariable(args[0]) : null;
        boolean update = args.length == 2 && op.equals("\\in") && primedVariable(args[0]) != null;
        if (update || assignments.contains(a)) {
          return; // a TLC assignment: its swap is not checkable (above)
        }
        if (primed != null) {
          if (action && !primed.equals(variableName(args[1])) && inModule(args[1])) {
            site("keep-value", def, edit(args[1].getLocation(), primed));
          }
        } else if (SWAPS.containsKey(op) && args.length == 2) {
          Location token = infixToken(a);
          if (token != null) {
            Swap swap = SWAPS.get(op);
            site(swap.operator(), def, edit(token, swap.to()));
          }
        }
      }
    }
  }

  /** The variable {@code x} of an expression {@code x'}, or null. */
  private static String primedVariable(ExprOrOpArgNode e) {
    if (e instanceof OpApplNode p
        && p.getOperator().getName().toString().equals("'")
        && p.getArgs().length == 1) {
      return variableName(p.getArgs()[0]);
    }
    return null;
  }

  private static String variableName(ExprOrOpArgNode e) {
    if (e instanceof OpApplNode v
        && v.getArgs().length == 0
        && v.getOperator().getKind() == ASTConstants.VariableDeclKind) {
      return v.getOperator().getName().toString();
    }
    return null;
  }

  /** The location of the operator token of an infix application {@code lhs op rhs}, or null. */
  private Location infixToken(OpApplNode a) {
    TreeNode t = a.getTreeNode();
    if (t == null || t.heirs() == null || t.heirs().length != 3) {
      return null;
    }
    Location lhs = t.heirs()[0].getLocation();
    Location op = t.heirs()[1].getLocation();
    Location rhs = t.heirs()[2].getLocation();
    if (op == null || lhs == null || rhs == null || !name.equals(op.source())) {
      return null;
    }
    boolean between =
        before(lhs.endLine(), lhs.endColumn(), op.beginLine(), op.beginColumn())
            && before(op.endLine(), op.endColumn(), rhs.beginLine(), rhs.beginColumn());
    return between ? op : null;
  }

  private static boolean before(int l1, int c1, int l2, int c2) {
    return l1 < l2 || (l1 == l2 && c1 < c2);
  }

  private static ObjectNode edit(Location at, String text) {
    ObjectNode e = JsonNodeFactory.instance.objectNode();
    e.set("at", span(at));
    e.put("text", text);
    return e;
  }

  private static ObjectNode copy(Location at, Location from) {
    ObjectNode e = JsonNodeFactory.instance.objectNode();
    e.set("at", span(at));
    e.set("copyOf", span(from));
    return e;
  }

  private static ArrayNode span(Location l) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    a.add(l.beginLine()).add(l.beginColumn()).add(l.endLine()).add(l.endColumn());
    return a;
  }

  private void site(String operator, String def, ObjectNode... edits) {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("operator", operator);
    s.put("definition", def);
    ArrayNode list = s.putArray("edits");
    for (ObjectNode e : edits) {
      list.add(e);
    }
    out.add(s);
  }
}
