package org.vfiomc.checker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.vfiomc.checker.run.ModelChecker;
import org.vfiomc.checker.run.StateGraphExplorer;
import org.vfiomc.checker.spec.Manifest;
import org.vfiomc.checker.spec.ManifestException;
import org.vfiomc.checker.spec.ModelSpec;
import org.vfiomc.checker.spec.Profile;
import org.vfiomc.checker.spec.TourSpec;
import org.vfiomc.checker.tour.CorpusFiles;
import org.vfiomc.checker.tour.CorpusGenerator;
import org.vfiomc.checker.tour.CorpusReport;
import org.vfiomc.checker.tour.ModelTraces;
import org.vfiomc.checker.trace.TraceFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code traces PATH... --out DIR [--check]}: generate or verify the ITF trace corpus. */
@Command(
    name = "traces",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 2,
    exitCodeOnExecutionException = 3,
    description = {
      "Write an edge-covering tour of every HOLDS model and the counterexample of every VIOLATED"
          + " model as ITF JSON, with coverage.json and a provenance README.md.",
      "PATH is a directory with a suite.json manifest, a manifest file, or a .tla file.",
      "Exit codes: 0 done (or current with --check), 1 --check found stale, missing or extra"
          + " files, or a model failed, 2 usage or input error."
    })
final class TracesCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Models.")
  List<Path> paths;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default traces).")
  Path out = Path.of("traces");

  @Option(names = "--check", description = "Compare the folder with what would be written.")
  boolean check;

  @Option(
      names = "--profile",
      paramLabel = "ci|deep",
      description = "Manifest models: ci (default) or deep.")
  String profile = "ci";

  @Option(
      names = "--max-edges",
      paramLabel = "N",
      description = "Largest graph toured for a model without a tour block (default 4000 edges).")
  long maxEdges = 4000;

  @Option(names = "--parallel", paramLabel = "N", description = "Models at once (default 2).")
  int parallel = 2;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write coverage JSON here.")
  Path json;

  @Option(
      names = "--results",
      paramLabel = "FILE",
      description =
          "Results JSON of an earlier 'checker check --json' run: a VIOLATED model whose spec"
              + " files are unchanged since (same specSha256) takes its counterexample from there"
              + " instead of running TLC again.")
  Path results;

  private final PrintWriter stdout;
  private final PrintWriter stderr;
  private final ModelChecker checker;
  private final StateGraphExplorer explorer;

  TracesCommand(
      PrintWriter out, PrintWriter err, ModelChecker checker, StateGraphExplorer explorer) {
    this.stdout = out;
    this.stderr = err;
    this.checker = checker;
    this.explorer = explorer;
  }

  @Override
  public Integer call() throws InterruptedException {
    List<CorpusGenerator.Input> inputs = new ArrayList<>();
    try {
      if (json != null) {
        OutputFiles.requireWritableFile("--json", json);
      }
      if (!check) {
        OutputFiles.requireWritableFolder("--out", out);
      }
      Profile selected = Profile.fromId(profile);
      for (Path p : paths) {
        Path manifest =
            Files.isDirectory(p)
                ? p.resolve(Manifest.FILE_NAME)
                : p.toString().endsWith(".json") ? p : null;
        Path specsDir = (manifest != null ? manifest : p).toAbsolutePath().normalize().getParent();
        Map<String, TourSpec> tours =
            manifest != null && Files.isRegularFile(manifest) ? Manifest.tours(manifest) : Map.of();
        for (ModelSpec m : Manifest.resolve(p, Optional.empty())) {
          if (selected.includes(m.profile())) {
            inputs.add(new CorpusGenerator.Input(m, specsDir, tours.get(m.name())));
          }
        }
      }
    } catch (IllegalArgumentException | ManifestException e) {
      stderr.println("error: " + e.getMessage());
      return ExitCodes.INPUT;
    }
    Map<String, CorpusGenerator.Prior> prior = Map.of();
    if (results != null) {
      try {
        prior = CorpusGenerator.readPrior(results);
      } catch (IOException | TraceFormatException | RuntimeException e) {
        stderr.println("error: cannot read results " + results + ": " + e.getMessage());
        return ExitCodes.INPUT;
      }
    }
    CorpusGenerator generator = new CorpusGenerator(checker, explorer, maxEdges, parallel, prior);
    Map<String, ModelTraces> finished = new ConcurrentHashMap<>();
    List<String> names = inputs.stream().map(i -> i.model().name()).toList();
    try (ReportsOnce once = new ReportsOnce("traces", () -> stopped(names, finished), stderr)) {
      CorpusGenerator.Corpus corpus;
      try {
        corpus =
            generator.generate(
                inputs,
                command(),
                m -> {
                  if (!ReportsOnce.shuttingDown()) {
                    finished.put(m.model(), m);
                  }
                });
      } catch (IllegalStateException e) {
        if (ReportsOnce.shuttingDown()) {
          return ExitCodes.TOOL; // stopped: the hook writes the partial coverage
        }
        throw e;
      } finally {
        checker.close(); // every model is checked: no idle child JVM waits for the write
        explorer.close();
      }
      stdout.print(CorpusReport.table(corpus.models()));
      if (results != null) {
        stdout.println(
            generator.reused() + " counterexample(s) taken from " + results + " (spec unchanged)");
      }
      int code = ExitCodes.OK;
      for (ModelTraces m : corpus.models()) {
        if (m.status().equals("failed")) {
          stderr.println("error: " + m.model() + ": " + m.note());
          code = ExitCodes.MISMATCH;
        }
      }
      int checked = code;
      try {
        // the corpus is written whole or not at all: a stop during the write waits for it; empty
        // when the stop came first (the hook wrote the partial coverage)
        return once.completeWith(() -> writeCorpus(corpus, checked)).orElse(ExitCodes.TOOL);
      } catch (IOException e) {
        stderr.println("error: " + e.getMessage());
        return ExitCodes.INPUT;
      }
    }
  }

  private int writeCorpus(CorpusGenerator.Corpus corpus, int code) throws IOException {
    writeCoverage(corpus.models());
    if (check) {
      List<String> problems = CorpusFiles.differences(out, corpus.files());
      problems.forEach(p -> stderr.println(out + ": " + p));
      if (!problems.isEmpty()) {
        stderr.println(problems.size() + " file(s) differ; regenerate with: " + command());
        return ExitCodes.MISMATCH;
      }
      stdout.println(out + ": " + corpus.files().size() + " files current");
    } else {
      int changed = CorpusFiles.write(out, corpus.files());
      stdout.println(
          out + ": " + corpus.files().size() + " files, " + changed + " written or deleted");
    }
    return code;
  }

  private void writeCoverage(List<ModelTraces> models) throws IOException {
    if (json != null) {
      Path parent = json.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(json, CorpusReport.coverageJson(models));
    }
  }

  /**
   * The run is being stopped: the output folder is left as it was (a corpus is written whole), and
   * {@code --json} gets the models finished so far, the others as {@code not run}.
   */
  private void stopped(List<String> names, Map<String, ModelTraces> finished) throws IOException {
    List<ModelTraces> models = new ArrayList<>();
    for (String n : names) {
      models.add(finished.getOrDefault(n, ModelTraces.notRun(n)));
    }
    writeCoverage(models);
    stderr.println(
        "traces stopped: "
            + finished.size()
            + " of "
            + names.size()
            + " model(s) finished; "
            + (check ? "nothing was compared" : out + " is unchanged")
            + (json != null ? "; " + json + " lists the rest as not run" : ""));
  }

  /** The command as recorded in the README: paths relative to the output folder's parent. */
  private String command() {
    Path base = out.toAbsolutePath().normalize().getParent();
    StringBuilder b = new StringBuilder("checker traces");
    for (Path p : paths) {
      Path abs = p.toAbsolutePath().normalize();
      b.append(' ').append(base == null ? abs : base.relativize(abs).toString().replace('\\', '/'));
    }
    b.append(" --out ").append(out.toAbsolutePath().normalize().getFileName());
    if (!profile.equals("ci")) {
      b.append(" --profile ").append(profile);
    }
    return b.toString();
  }
}
