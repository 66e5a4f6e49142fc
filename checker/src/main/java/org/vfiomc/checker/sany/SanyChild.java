package org.vfiomc.checker.sany;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.vfiomc.checker.tlc.link.ModuleSearch;
import org.vfiomc.checker.tlc.link.ParentWatch;
import tla2sany.drivers.SANY;
import tla2sany.modanalyzer.SpecObj;
import tla2sany.semantic.ModuleNode;
import util.SimpleFilenameToStream;
import util.ToolIO;

/**
 * Main class of the forked SANY JVM: {@code SanyChild MODE OUT ARGS...}; writes one JSON object to
 * {@code OUT}.
 *
 * <ul>
 *   <li>{@code modules OUT SPEC...}: for each root spec, the non-standard modules it loads, each
 *       with its file and whether it declares variables.
 *   <li>{@code sites OUT SPEC MODULE EXCLUDED}: the mutation sites of {@code MODULE} as loaded by
 *       {@code SPEC}; {@code EXCLUDED} is a comma-separated list of definition names left alone.
 *   <li>{@code parse OUT LIBDIRS FILE...}: whether each file parses and passes SANY's semantic and
 *       level checks, modules it extends looked up beside it, then in {@code LIBDIRS}
 *       (path-separator list).
 * </ul>
 *
 * Exits with status 0 whenever it wrote {@code OUT}.
 */
public final class SanyChild {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SanyChild() {}

  public static void main(String[] args) throws IOException {
    ParentWatch.start(Runtime.getRuntime()::halt); // an orphaned SANY child removes its dir
    if (args.length < 3) {
      throw new IllegalArgumentException("usage: SanyChild modules|sites|parse OUT ARGS...");
    }
    Path out = Path.of(args[1]);
    List<String> rest = Arrays.asList(args).subList(2, args.length);
    ObjectNode result =
        switch (args[0]) {
          case "modules" -> modules(rest);
          case "sites" -> sites(rest.get(0), rest.get(1), Set.of(rest.get(2).split(",")));
          case "parse" -> parse(rest);
          default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        };
    MAPPER.writeValue(out.toFile(), result);
  }

  /** A parsed spec, or the text SANY printed when it did not parse. */
  record Parsed(SpecObj spec, String error) {}

  /**
   * The spec's folder, then the library folders the parent passed as TLC's {@code TLA-Library}
   * property (as the TLC children resolve modules).
   */
  private static String searchPath(Path file) {
    return String.join(File.pathSeparator, ModuleSearch.folders(file.getParent()));
  }

  static Parsed load(String file, String libraryPath) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrintStream sink = new PrintStream(text, true, StandardCharsets.UTF_8);
    ToolIO.out = sink;
    ToolIO.err = sink;
    SpecObj spec = new SpecObj(file, new SimpleFilenameToStream(libraryPath));
    try {
      SANY.frontEndMain(spec, file, sink);
    } catch (Exception | Error e) { // SANY reports most failures as text, some as exceptions
      return new Parsed(null, e + " " + text.toString(StandardCharsets.UTF_8).strip());
    }
    boolean failed =
        spec.getRootModule() == null
            || spec.getInitErrors().isFailure()
            || spec.getParseErrors().isFailure()
            || spec.getSemanticErrors().isFailure();
    return failed
        ? new Parsed(null, text.toString(StandardCharsets.UTF_8).strip())
        : new Parsed(spec, null);
  }

  private static ObjectNode modules(List<String> specs) {
    ObjectNode result = MAPPER.createObjectNode();
    ArrayNode list = result.putArray("specs");
    for (String s : specs) {
      ObjectNode entry = list.addObject().put("spec", s);
      Path file = Path.of(s).toAbsolutePath();
      Parsed p = load(file.toString(), searchPath(file));
      if (p.spec() == null) {
        entry.put("error", p.error());
        continue;
      }
      ArrayNode mods = entry.putArray("modules");
      for (ModuleNode m : p.spec().getExternalModuleTable().getModuleNodes()) {
        String name = m.getName().toString();
        if (m.isStandard() || p.spec().getResolver().isStandardModule(name)) {
          continue;
        }
        File f = p.spec().getResolver().resolve(name + ".tla", true);
        if (f == null || !f.isFile()) {
          continue;
        }
        mods.addObject()
            .put("name", name)
            .put("file", f.getAbsolutePath())
            .put("declaresVariables", ownVariables(m));
      }
    }
    return result;
  }

  /** Whether the module declares variables in its own text (not only through EXTENDS). */
  private static boolean ownVariables(ModuleNode m) {
    for (var v : m.getVariableDecls()) {
      if (v.getLocation() != null && m.getName().toString().equals(v.getLocation().source())) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode sites(String spec, String module, Set<String> excluded) {
    ObjectNode result = MAPPER.createObjectNode();
    Path file = Path.of(spec).toAbsolutePath();
    Parsed p = load(file.toString(), searchPath(file));
    if (p.spec() == null) {
      return result.put("error", p.error());
    }
    ModuleNode node = null;
    for (ModuleNode m : p.spec().getExternalModuleTable().getModuleNodes()) {
      if (m.getName().toString().equals(module)) {
        node = m;
      }
    }
    if (node == null) {
      return result.put("error", "module " + module + " is not loaded by " + spec);
    }
    ArrayNode list = result.putArray("sites");
    new MutationSites(node, excluded).find().forEach(list::add);
    return result;
  }

  private static ObjectNode parse(List<String> files) {
    ObjectNode result = MAPPER.createObjectNode();
    ArrayNode list = result.putArray("files");
    for (String f : files) {
      Path file = Path.of(f).toAbsolutePath();
      Parsed p = load(file.toString(), searchPath(file));
      ObjectNode entry = list.addObject().put("file", f).put("ok", p.spec() != null);
      if (p.error() != null) {
        entry.put("error", p.error());
      }
    }
    return result;
  }
}
