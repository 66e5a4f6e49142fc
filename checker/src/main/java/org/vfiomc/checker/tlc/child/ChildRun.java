package org.vfiomc.checker.tlc.child;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ErrorInfo;
import org.vfiomc.checker.result.ErrorKind;
import org.vfiomc.checker.result.ModelSource;
import org.vfiomc.checker.result.Stats;
import org.vfiomc.checker.result.ViolationKind;
import org.vfiomc.checker.tlc.link.ModuleSearch;
import org.vfiomc.checker.trace.Trace;
import org.vfiomc.checker.trace.TraceStep;
import tlc2.TLC;
import tlc2.TLCGlobals;
import tlc2.output.EC;
import tlc2.output.MP;
import tlc2.tool.ITool;
import tlc2.tool.TLCStateInfo;
import util.SimpleFilenameToStream;
import util.ToolIO;

/** One model check inside the child JVM: runs TLC in-process and builds the outcome. */
final class ChildRun {
  private final Path spec;
  private final Path config;
  private final int workers;
  private final Path metadir;
  private final List<String> options;
  private final ChildChannel channel;
  private final PrintStream debug;
  private final java.util.function.Consumer<String> warnings;
  private final ByteArrayOutputStream toolText = new ByteArrayOutputStream();

  /**
   * @param options TLC options the parent asked for ({@code run.TlcFlags}): simulation, coverage,
   *     deadlock and graph dump; a {@code -seed} among them replaces the default seed 0
   * @param warnings receives each warning about the model (one line each)
   */
  ChildRun(
      Path spec,
      Path config,
      int workers,
      Path metadir,
      List<String> options,
      ChildChannel channel,
      PrintStream debug,
      java.util.function.Consumer<String> warnings) {
    this.warnings = warnings;
    this.spec = spec;
    this.config = config;
    this.workers = workers;
    this.metadir = metadir;
    this.options = List.copyOf(options);
    this.channel = channel;
    this.debug = debug;
  }

  /**
   * Initialises, before the job is known, what every check initialises anyway (a standby child,
   * {@link TlcChild#JOB_ON_STDIN}): TLC's entry, message and checker classes and the JDK's
   * management beans TLC reads for its start-up banner (process id, memory).
   */
  static void warmUp() {
    ClassLoader loader = ChildRun.class.getClassLoader();
    for (String name :
        List.of(
            "tlc2.TLC",
            "tlc2.TLCGlobals",
            "tlc2.output.MP",
            "tlc2.tool.ModelChecker",
            "tlc2.tool.impl.FastTool",
            "tla2sany.drivers.SANY")) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        // nothing warmed: the check loads it when it needs it
      }
    }
    var unusedPid = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
    var unusedOs = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
  }

  CheckOutcome run() {
    PrintStream capture = new PrintStream(toolText, true, StandardCharsets.UTF_8);
    ToolIO.out = capture;
    ToolIO.err = capture;
    ChildRecorder recorder =
        new ChildRecorder(p -> channel.progress(p[0], p[1], p[2], p[3]), this::checkConfig, debug);
    MP.setRecorder(recorder);
    TLC tlc = new TLC();
    List<String> args = new ArrayList<>(List.of("-workers", Integer.toString(workers), "-fp", "0"));
    if (!options.contains("-seed")) {
      args.addAll(List.of("-seed", "0"));
    }
    // liveness once, on the whole graph: TLC's periodic check runs on a timer
    args.addAll(List.of("-lncheck", "final", "-metadir", metadir.toString()));
    args.addAll(List.of("-config", config.toString()));
    args.addAll(options);
    args.add(spec.toString());
    if (!tlc.handleParameters(args.toArray(String[]::new))) {
      return new CheckOutcome.Failed(
          ErrorInfo.of(ErrorKind.TOOL, "TLC rejected its arguments: " + toolText()), Stats.NONE);
    }
    tlc.setResolver(new SimpleFilenameToStream(ModuleSearch.folders(spec.getParent())));
    ScheduledExecutorService sampler = ProgressSampler.start(channel);
    int ec;
    try {
      ec = tlc.process();
    } finally {
      sampler.shutdownNow();
    }
    if (debug != null) {
      debug.println("[tlc] process() returned " + ec + "\n" + toolText());
    }
    if (!recorder.coverage().isEmpty()) {
      channel.coverage(recorder.coverage());
    }
    return outcome(ec, recorder);
  }

  private CheckOutcome outcome(int ec, ChildRecorder recorder) {
    int status = EC.ExitStatus.errorConstantToExitStatus(ec);
    Stats stats = recorder.stats();
    if (status == EC.ExitStatus.SUCCESS) {
      return new CheckOutcome.Holds(stats);
    }
    if (recorder.kind() != null
        && (status == EC.ExitStatus.VIOLATION_SAFETY
            || status == EC.ExitStatus.VIOLATION_LIVENESS
            || status == EC.ExitStatus.VIOLATION_DEADLOCK
            || status == EC.ExitStatus.VIOLATION_ASSERT)) {
      Trace trace;
      try {
        trace = trace(recorder);
      } catch (RuntimeException e) {
        // keep the verdict even if a state cannot be converted (e.g. an infinite set in it)
        trace =
            new Trace(
                List.of(),
                List.of(),
                java.util.OptionalInt.empty(),
                Map.of("error", "trace unavailable: " + e.getMessage()));
      }
      return new CheckOutcome.Violated(property(recorder), recorder.kind(), stats, trace);
    }
    ErrorDiagnosis diagnosis =
        new ErrorDiagnosis(spec, config, toolText(), this::recursiveOperators);
    return new CheckOutcome.Failed(diagnosis.diagnose(ec, status, recorder.events()), stats);
  }

  /** Names of the invariants and properties the configuration checks (after {@link #run}). */
  List<String> properties() {
    ITool tool = tool();
    List<String> names = new ArrayList<>();
    if (tool == null) {
      return names;
    }
    names.addAll(List.of(tool.getInvNames()));
    names.addAll(temporalNames(tool));
    return names;
  }

  /** The spec module and constant values TLC loaded (after {@link #run}). */
  ModelSource source() {
    ITool tool = tool();
    if (tool == null) {
      return ModelSource.UNKNOWN;
    }
    try {
      return ModelProvenance.of(tool);
    } catch (RuntimeException e) {
      return ModelSource.UNKNOWN; // a constant TLC cannot evaluate on its own: no provenance
    }
  }

  /** The RECURSIVE operators defined in the spec's own modules (beside the spec). */
  private List<ErrorDiagnosis.Site> recursiveOperators() {
    ITool tool = tool();
    List<ErrorDiagnosis.Site> out = new ArrayList<>();
    if (tool == null || tool.getRootModule() == null) {
      return out;
    }
    for (tla2sany.semantic.OpDefNode d : tool.getRootModule().getOpDefs()) {
      tla2sany.st.Location at = d.getLocation();
      if (d.getInRecursive()
          && at != null
          && java.nio.file.Files.exists(spec.resolveSibling(at.source() + ".tla"))) {
        out.add(
            new ErrorDiagnosis.Site(
                d.getName().toString(), at.source(), at.beginLine(), at.beginColumn()));
      }
    }
    return out;
  }

  private static List<String> temporalNames(ITool tool) {
    List<String> names = new ArrayList<>();
    tlc2.util.Vect<?> props = tool.getModelConfig().getProperties();
    for (int i = 0; i < props.size(); i++) {
      names.add(String.valueOf(props.elementAt(i)));
    }
    return names;
  }

  private String property(ChildRecorder recorder) {
    if (recorder.kind() != ViolationKind.TEMPORAL || recorder.property() != null) {
      return recorder.property();
    }
    // TLC 2.18 does not name the violated temporal property; it is known when only one is checked.
    ITool tool = tool();
    if (tool == null) {
      return null;
    }
    List<String> names = temporalNames(tool);
    return names.size() == 1 ? names.get(0) : null;
  }

  private Trace trace(ChildRecorder recorder) {
    List<TLCStateInfo> states = recorder.trace();
    if (states.isEmpty()) {
      states = tlc2.output.OutputCollector.getTrace();
    }
    ITool tool = tool();
    if (states.isEmpty() && tool != null && recorder.kind() == ViolationKind.INVARIANT) {
      states = violatingInitialState(tool, recorder.property());
    }
    List<TraceStep> steps =
        tool != null ? new ActionMatcher(tool).label(states) : unlabelled(states);
    List<String> vars =
        states.isEmpty() ? List.of() : ValueConverter.variableNames(states.get(0).state);
    return new Trace(vars, steps, recorder.loop(), Map.of());
  }

  /**
   * TLC reports an initial state that violates an invariant only as text; find it again as data by
   * evaluating the invariant on every initial state.
   */
  private static List<TLCStateInfo> violatingInitialState(ITool tool, String invariant) {
    String[] names = tool.getInvNames();
    tlc2.tool.Action[] invariants = tool.getInvariants();
    tlc2.tool.StateVec inits = tool.getInitStates();
    for (int i = 0; i < names.length; i++) {
      if (!names[i].equals(invariant)) {
        continue;
      }
      for (int j = 0; j < inits.size(); j++) {
        tlc2.tool.TLCState s = inits.elementAt(j);
        if (!tool.isValid(invariants[i], s)) {
          return List.of(new TLCStateInfo(s, "<Initial predicate>"));
        }
      }
    }
    return List.of();
  }

  private static List<TraceStep> unlabelled(List<TLCStateInfo> states) {
    List<TraceStep> steps = new ArrayList<>();
    for (int i = 0; i < states.size(); i++) {
      steps.add(
          new TraceStep(
              i == 0 ? "Init" : ActionMatcher.operatorName(states.get(i).info),
              i == 0 ? Map.of() : null,
              ValueConverter.state(states.get(i).state)));
    }
    return steps;
  }

  private static ITool tool() {
    return TLCGlobals.mainChecker == null ? null : TLCGlobals.mainChecker.tool;
  }

  /**
   * Runs once spec and config are loaded, before the first state: warns of constants the config
   * assigns but the spec does not declare, which TLC 2.18 silently ignores ({@link ConfigCheck}).
   */
  private void checkConfig() {
    ITool tool = tool();
    if (tool != null) {
      ConfigCheck.undeclaredAssignments(tool, config).forEach(warnings);
    }
  }

  private String toolText() {
    return toolText.toString(StandardCharsets.UTF_8);
  }
}
