package org.vfiomc.conformance.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
import picocli.CommandLine;

/** Parsing of states and feature lists, with errors that say what was wrong. */
final class Inputs {
  private Inputs() {}

  /** A uAPI state name, case-insensitive, optionally with the VFIO_DEVICE_STATE_ prefix. */
  static final class StateConverter implements CommandLine.ITypeConverter<MigrationState> {
    @Override
    public MigrationState convert(String value) {
      String v = value.trim().toUpperCase(Locale.ROOT);
      if (v.startsWith("VFIO_DEVICE_STATE_")) {
        v = v.substring("VFIO_DEVICE_STATE_".length());
      }
      for (MigrationState s : MigrationState.values()) {
        if (s.name().equals(v)) {
          return s;
        }
      }
      throw new CommandLine.TypeConversionException(
          "unknown state '"
              + value
              + "'; expected one of "
              + Arrays.stream(MigrationState.values())
                  .map(Enum::name)
                  .collect(Collectors.joining(", ")));
    }
  }

  /** A comma list of P2P and PRE_COPY (STOP_COPY implied and accepted); empty = STOP_COPY only. */
  static final class FeaturesConverter implements CommandLine.ITypeConverter<MigrationFeatures> {
    @Override
    public MigrationFeatures convert(String value) {
      boolean p2p = false;
      boolean preCopy = false;
      for (String raw : value.split(",", -1)) {
        String f = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        switch (f) {
          case "" -> {
            if (!value.isBlank()) {
              throw new CommandLine.TypeConversionException(
                  "empty item in feature list '" + value + "'");
            }
          }
          case "STOP_COPY" -> {}
          case "P2P" -> p2p = true;
          case "PRE_COPY" -> preCopy = true;
          default ->
              throw new CommandLine.TypeConversionException(
                  "unknown feature '"
                      + raw.trim()
                      + "' in '"
                      + value
                      + "'; expected a comma list of P2P, PRE_COPY (STOP_COPY is implied)");
        }
      }
      return MigrationFeatures.of(p2p, preCopy);
    }
  }

  /** The flag names of a feature set, STOP_COPY first. */
  static java.util.List<String> featureNames(MigrationFeatures f) {
    java.util.List<String> names = new java.util.ArrayList<>();
    names.add("STOP_COPY");
    if (f.p2p()) {
      names.add("P2P");
    }
    if (f.preCopy()) {
      names.add("PRE_COPY");
    }
    return names;
  }
}
