package org.vfiomc.checker.mutate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A module whose mutants are about to be checked.
 *
 * @param module the module name
 * @param file its source file
 * @param models the HOLDS models that check it, cheapest first
 * @param sites mutants generated before the parse check
 * @param unparsable generated mutants SANY rejected
 * @param mutants the mutants that parsed (each will be classified)
 * @param properties every property of the models, in the order the report lists them
 * @param unmatched mutants generated but left out by {@code --match} (not parse-checked)
 * @param excluded models that load the module but judge no mutant: their unmutated check ran out of
 *     {@code --oracle-limit}
 */
public record ModuleStart(
    String module,
    Path file,
    List<String> models,
    int sites,
    int unparsable,
    int mutants,
    List<String> properties,
    int unmatched,
    List<String> excluded) {
  public ModuleStart {
    excluded = List.copyOf(excluded);
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(file, "file");
    models = List.copyOf(models);
    properties = List.copyOf(properties);
  }
}
