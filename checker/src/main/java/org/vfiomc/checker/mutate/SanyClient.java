package org.vfiomc.checker.mutate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.vfiomc.checker.tlc.ChildJvm;
import org.vfiomc.checker.tlc.link.ModuleSearch;
import org.vfiomc.checker.tlc.link.ParentLink;

/**
 * Runs SANY in a forked JVM ({@code org.vfiomc.checker.sany.SanyChild}, launched by class name so
 * that this package imports nothing of TLC) and reads its JSON answer.
 */
public final class SanyClient {
  private static final String MAIN = "org.vfiomc.checker.sany.SanyChild";
  private static final long TIMEOUT_SECONDS = 600;

  private final ChildJvm jvm = ChildJvm.ofThisProcess();
  private final Cleanup cleanup;

  public SanyClient(Cleanup cleanup) {
    this.cleanup = cleanup;
  }

  /** A module a root spec loads: its name, file and whether it declares variables itself. */
  public record LoadedModule(String name, Path file, boolean declaresVariables) {}

  /** For each root spec (same order), the non-standard modules it loads. */
  public List<List<LoadedModule>> modules(List<Path> specs, List<Path> libraries)
      throws MutateException {
    List<String> args = specs.stream().map(p -> p.toAbsolutePath().toString()).toList();
    JsonNode doc = run("modules", args, libraries);
    List<List<LoadedModule>> out = new ArrayList<>();
    for (JsonNode s : doc.path("specs")) {
      if (s.has("error")) {
        throw new MutateException(
            s.path("spec").asText() + ": does not parse: " + s.path("error").asText());
      }
      List<LoadedModule> mods = new ArrayList<>();
      for (JsonNode m : s.path("modules")) {
        mods.add(
            new LoadedModule(
                m.path("name").asText(),
                Path.of(m.path("file").asText()),
                m.path("declaresVariables").asBoolean()));
      }
      out.add(List.copyOf(mods));
    }
    return List.copyOf(out);
  }

  /** The mutation sites of {@code module} as {@code spec} loads it, excluded definitions aside. */
  public List<MutationSite> sites(
      Path spec, String module, Set<String> excluded, List<Path> libraries) throws MutateException {
    String ex = excluded.isEmpty() ? "," : String.join(",", excluded);
    JsonNode doc = run("sites", List.of(spec.toAbsolutePath().toString(), module, ex), libraries);
    if (doc.has("error")) {
      throw new MutateException(spec + ": " + doc.path("error").asText());
    }
    List<MutationSite> out = new ArrayList<>();
    for (JsonNode s : doc.path("sites")) {
      List<MutationSite.Edit> edits = new ArrayList<>();
      for (JsonNode e : s.path("edits")) {
        edits.add(
            new MutationSite.Edit(
                span(e.get("at")),
                e.hasNonNull("text") ? e.get("text").asText() : null,
                e.hasNonNull("copyOf") ? span(e.get("copyOf")) : null));
      }
      out.add(
          new MutationSite(
              MutationOperator.fromId(s.path("operator").asText()),
              s.path("definition").asText(),
              edits));
    }
    return List.copyOf(out);
  }

  /**
   * For each file (same order), null when it parses and passes SANY's checks, else SANY's message;
   * modules it extends are looked up beside it, then in {@code libraries}.
   */
  public List<String> parse(List<Path> files, List<Path> libraries) throws MutateException {
    if (files.isEmpty()) {
      return List.of();
    }
    List<String> args = files.stream().map(f -> f.toAbsolutePath().toString()).toList();
    JsonNode doc = run("parse", args, libraries);
    List<String> out = new ArrayList<>();
    for (JsonNode f : doc.path("files")) {
      out.add(f.path("ok").asBoolean() ? null : f.path("error").asText("does not parse"));
    }
    return out;
  }

  private static Span span(JsonNode a) {
    return new Span(a.get(0).asInt(), a.get(1).asInt(), a.get(2).asInt(), a.get(3).asInt());
  }

  /** Runs the SANY child; {@code libraries} reach it as TLC's module search path. */
  private JsonNode run(String mode, List<String> args, List<Path> libraries)
      throws MutateException {
    Path work = null;
    try {
      work = cleanup.tempDir("vfiomc-sany-");
      Path out = work.resolve("out.json");
      Path err = work.resolve("stderr.txt");
      List<String> childArgs = new ArrayList<>(List.of(mode, out.toString()));
      childArgs.addAll(args);
      Process p =
          new ProcessBuilder(
                  jvm.command(
                      work,
                      java.util.stream.Stream.concat(
                              ModuleSearch.jvmOptions(libraries).stream(),
                              ParentLink.jvmOptions(work).stream())
                          .toList(),
                      MAIN,
                      childArgs))
              .directory(work.toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(err.toFile())
              .start();
      cleanup.started(p);
      try {
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          Cleanup.kill(p);
          throw new IllegalStateException(
              "SANY " + mode + " timed out after " + TIMEOUT_SECONDS + " s");
        }
      } finally {
        cleanup.done(p);
      }
      if (p.exitValue() != 0 || !Files.isRegularFile(out)) {
        throw new IllegalStateException(
            "SANY "
                + mode
                + " exited with status "
                + p.exitValue()
                + ": "
                + Files.readString(err, StandardCharsets.UTF_8).strip());
      }
      return new ObjectMapper().readTree(out.toFile());
    } catch (IOException e) {
      throw new IllegalStateException("cannot run SANY: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while SANY ran", e);
    } finally {
      if (work != null) {
        cleanup.delete(work);
      }
    }
  }
}
