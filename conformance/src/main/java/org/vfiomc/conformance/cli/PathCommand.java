package org.vfiomc.conformance.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.vfiomc.conformance.vfio.MigrationArcs;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.SetPath;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code path}: how a device resolves a SET request (the kernel's combination-arc algorithm). */
@Command(
    name = "path",
    mixinStandardHelpOptions = true,
    description = {
      "Show the arcs a VFIO migration device takes for SET FROM -> TO and whether the SET returns"
          + " a new data fd; exit 1 if the request is invalid (-EINVAL).",
      "With --all, list every (from, to) pair of the feature set as a JSON array (exit 0)."
    })
final class PathCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--from",
      paramLabel = "STATE",
      converter = Inputs.StateConverter.class,
      description = "current device state (uAPI name, e.g. RUNNING)")
  MigrationState from;

  @Option(
      names = "--to",
      paramLabel = "STATE",
      converter = Inputs.StateConverter.class,
      description = "requested state")
  MigrationState to;

  @Option(
      names = "--features",
      paramLabel = "LIST",
      required = true,
      converter = Inputs.FeaturesConverter.class,
      description = "comma list of P2P, PRE_COPY (STOP_COPY implied; \"\" = STOP_COPY only)")
  MigrationFeatures features;

  @Option(names = "--all", description = "every (from, to) pair; requires --json")
  boolean all;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    CommandLine cl = spec.commandLine();
    if (all) {
      if (from != null || to != null) {
        throw new CommandLine.ParameterException(cl, "--all cannot be combined with --from/--to");
      }
      if (!json) {
        throw new CommandLine.ParameterException(cl, "--all requires --json");
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      for (MigrationState f : MigrationArcs.abiOrder()) {
        for (MigrationState t : MigrationArcs.abiOrder()) {
          rows.add(row(MigrationArcs.resolve(f, t, features)));
        }
      }
      cl.getOut().println(mapper().writeValueAsString(rows));
      return 0;
    }
    if (from == null || to == null) {
      throw new CommandLine.ParameterException(cl, "give --from and --to, or --all --json");
    }
    SetPath p = MigrationArcs.resolve(from, to, features);
    if (json) {
      cl.getOut().println(mapper().writeValueAsString(row(p)));
    } else if (p.valid()) {
      int arcs = p.states().size() - 1;
      cl.getOut()
          .println(
              p.states().stream().map(Enum::name).collect(Collectors.joining(" -> "))
                  + " ("
                  + arcs
                  + (arcs == 1 ? " arc, " : " arcs, ")
                  + (p.newDataFd() ? "new data fd" : "no new data fd")
                  + ")");
    }
    if (!p.valid()) {
      cl.getErr().println("invalid request " + from + " -> " + to + ": " + p.reason());
      return Main.EXIT_NEGATIVE;
    }
    return 0;
  }

  private static ObjectMapper mapper() {
    return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
  }

  static Map<String, Object> row(SetPath p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", p.from().name());
    m.put("to", p.to().name());
    m.put("features", Inputs.featureNames(p.features()));
    m.put("valid", p.valid());
    m.put("path", p.states().stream().map(Enum::name).collect(Collectors.toList()));
    m.put("newDataFd", p.newDataFd());
    return m;
  }
}
