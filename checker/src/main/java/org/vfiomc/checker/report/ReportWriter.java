package org.vfiomc.checker.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.vfiomc.checker.result.ModelResult;

/** Writes a machine-readable report of a run. */
@FunctionalInterface
public interface ReportWriter {
  void write(List<ModelResult> results, Writer out) throws IOException;
}
