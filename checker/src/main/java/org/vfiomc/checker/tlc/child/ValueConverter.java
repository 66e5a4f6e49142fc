package org.vfiomc.checker.tlc.child;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vfiomc.checker.trace.TlaValue;
import tla2sany.semantic.OpDeclNode;
import tlc2.tool.TLCState;
import tlc2.value.IValue;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.IntervalValue;
import tlc2.value.impl.ModelValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueVec;

/**
 * Converts TLC values to {@link TlaValue}s.
 *
 * <p>Functions: domain {@code 1..n} (or empty) becomes a sequence, an all-string domain a record,
 * anything else a {@code Fun}. Sets given lazily ({@code SetOfRcdsValue}, {@code SubsetValue},
 * {@code SetCupValue}, ...) are enumerated with {@code toSetEnum()}, lazy functions with {@code
 * toFcnRcd()}.
 */
final class ValueConverter {
  private ValueConverter() {}

  static TlaValue convert(IValue value) {
    if (value instanceof IntValue i) {
      return TlaValue.Int.of(i.val);
    } else if (value instanceof BoolValue b) {
      return new TlaValue.Bool(b.val);
    } else if (value instanceof StringValue s) {
      return new TlaValue.Str(s.val.toString());
    } else if (value instanceof ModelValue m) {
      return new TlaValue.ModelValue(m.val.toString());
    } else if (value instanceof RecordValue r) {
      TreeMap<String, TlaValue> fields = new TreeMap<>();
      for (int i = 0; i < r.names.length; i++) {
        fields.put(r.names[i].toString(), convert(r.values[i]));
      }
      return new TlaValue.Record(fields);
    } else if (value instanceof TupleValue t) {
      return new TlaValue.Seq(convertAll(t.elems));
    } else if (value instanceof FcnRcdValue f) {
      return function(f.getDomainAsValues(), f.values);
    } else if (value instanceof SetEnumValue s) {
      ValueVec elems = ((SetEnumValue) s.normalize()).elems;
      List<TlaValue> out = new ArrayList<>(elems.size());
      for (int i = 0; i < elems.size(); i++) {
        out.add(convert(elems.elementAt(i)));
      }
      return new TlaValue.SetValue(out);
    } else if (value instanceof IntervalValue iv) {
      List<TlaValue> out = new ArrayList<>();
      for (long i = iv.low; i <= iv.high; i++) {
        out.add(TlaValue.Int.of(i));
      }
      return new TlaValue.SetValue(out);
    } else if (value instanceof Value v) {
      Value set = v.toSetEnum();
      if (set != null) {
        return convert(set);
      }
      Value fcn = v.toFcnRcd();
      if (fcn != null) {
        return convert(fcn);
      }
    }
    throw new IllegalArgumentException(
        "cannot convert TLC value of class " + value.getClass().getName() + ": " + value);
  }

  private static List<TlaValue> convertAll(Value[] values) {
    List<TlaValue> out = new ArrayList<>(values.length);
    for (Value v : values) {
      out.add(convert(v));
    }
    return out;
  }

  private static TlaValue function(Value[] domain, Value[] values) {
    boolean sequence = true;
    boolean record = domain.length > 0;
    for (int i = 0; i < domain.length; i++) {
      sequence &= domain[i] instanceof IntValue iv && iv.val == i + 1;
      record &= domain[i] instanceof StringValue;
    }
    if (sequence) {
      return new TlaValue.Seq(convertAll(values));
    }
    if (record) {
      TreeMap<String, TlaValue> fields = new TreeMap<>();
      for (int i = 0; i < domain.length; i++) {
        fields.put(((StringValue) domain[i]).val.toString(), convert(values[i]));
      }
      return new TlaValue.Record(fields);
    }
    Map<TlaValue, TlaValue> mapping = new LinkedHashMap<>();
    for (int i = 0; i < domain.length; i++) {
      mapping.put(convert(domain[i]), convert(values[i]));
    }
    return TlaValue.Fun.of(mapping);
  }

  /** Every variable of a state, in declaration order. */
  static Map<String, TlaValue> state(TLCState state) {
    Map<String, TlaValue> out = new LinkedHashMap<>();
    for (OpDeclNode var : declarationOrder(state)) {
      String name = var.getName().toString();
      IValue v = state.lookup(name);
      if (v != null) {
        out.put(name, convert(v));
      }
    }
    return out;
  }

  /** Variable names in declaration order (TLC keeps them reversed internally). */
  static List<String> variableNames(TLCState state) {
    List<String> names = new ArrayList<>();
    for (OpDeclNode var : declarationOrder(state)) {
      names.add(var.getName().toString());
    }
    return names;
  }

  private static List<OpDeclNode> declarationOrder(TLCState state) {
    List<OpDeclNode> vars = new ArrayList<>(List.of(state.getVars()));
    vars.sort((a, b) -> Integer.compare(a.getUid(), b.getUid()));
    return vars;
  }
}
