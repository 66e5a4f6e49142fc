package org.vfiomc.conformance.replay;

import org.vfiomc.checker.trace.TlaValue;

/**
 * One variable whose projected value differs from the trace.
 *
 * @param variable the spec variable
 * @param expected the trace's value
 * @param actual the implementation's projected value
 */
public record VarDiff(String variable, TlaValue expected, TlaValue actual) {
  @Override
  public String toString() {
    return variable + ": expected " + expected.toTla() + ", actual " + actual.toTla();
  }
}
