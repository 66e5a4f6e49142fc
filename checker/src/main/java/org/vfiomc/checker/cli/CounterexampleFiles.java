package org.vfiomc.checker.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.spec.ModelSpec;
import org.vfiomc.checker.tour.ItfDocument;

/**
 * {@code check --trace-out DIR}: each counterexample of a run as {@code DIR/MODEL.itf.json}, in the
 * corpus's ITF form, for the report, {@code validate} or {@code replay}.
 */
final class CounterexampleFiles {
  private CounterexampleFiles() {}

  /** Writes every counterexample with at least one state; returns the files written. */
  static List<Path> write(List<ModelResult> results, List<ModelSpec> models, Path dir)
      throws IOException {
    Map<String, ModelSpec> byName =
        models.stream().collect(Collectors.toMap(ModelSpec::name, Function.identity()));
    List<Path> written = new ArrayList<>();
    for (ModelResult r : results) {
      if (!(r.outcome() instanceof CheckOutcome.Violated v) || v.trace().steps().isEmpty()) {
        continue;
      }
      ModelSpec m = byName.get(r.model());
      String module = r.source().module().isEmpty() ? m.moduleName() : r.source().module();
      ItfDocument.Meta meta =
          new ItfDocument.Meta(
              m.spec().toString(),
              r.model(),
              module,
              "counterexample",
              r.source().constants(),
              v.property());
      Path file = dir.resolve(r.model() + ".itf.json");
      Files.writeString(file, ItfDocument.counterexample(v.trace(), meta), StandardCharsets.UTF_8);
      written.add(file);
    }
    return written;
  }
}
