package org.vfiomc.checker.mutate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The JSON form of a {@link MutationReport}; format in {@code checker/docs/mutate-json.md}. */
public final class MutationJson {
  /** Version of the format; bumped on incompatible changes. */
  public static final int FORMAT = 1;

  private MutationJson() {}

  public static ObjectNode of(MutationReport report) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("format", FORMAT);
    root.put("generatedBy", "vfiomc checker mutate");
    root.put("profile", report.profile().id());
    root.put("oracle", report.oracle().id());
    ArrayNode ops = root.putArray("operators");
    report.operators().forEach(o -> ops.add(o.id()));
    root.put("millis", report.millis());
    root.put("complete", report.complete());
    ArrayNode notStarted = root.putArray("notStarted");
    report.notStarted().forEach(notStarted::add);
    ArrayNode modules = root.putArray("modules");
    for (ModuleReport m : report.modules()) {
      ObjectNode n = modules.addObject();
      n.put("module", m.module());
      n.put("file", m.file().toString());
      ArrayNode models = n.putArray("models");
      m.models().forEach(models::add);
      n.put("sites", m.sites());
      n.put("unparsable", m.unparsable());
      n.put("generated", m.mutants().size() + m.notRun());
      n.put("notRun", m.notRun());
      n.put("unmatched", m.unmatched());
      ArrayNode excluded = n.putArray("excludedModels");
      m.excluded().forEach(excluded::add);
      n.put("checks", m.checks());
      n.put("reusedChecks", m.reusedChecks());
      for (MutantResult.Status s : MutantResult.Status.values()) {
        n.put(camel(s), m.count(s));
      }
      putScore(n, "score", m.score());
      putScore(n, "violationScore", m.violationScore());
      ArrayNode props = n.putArray("properties");
      for (Map.Entry<String, Integer> e : m.killsByProperty().entrySet()) {
        props
            .addObject()
            .put("property", e.getKey())
            .put("killed", e.getValue())
            .put("possiblyVacuous", e.getValue() == 0);
      }
      ArrayNode mutants = n.putArray("mutants");
      for (MutantResult r : m.mutants()) {
        ObjectNode x = mutants.addObject();
        x.put("id", r.id().display());
        x.put("module", r.id().module());
        x.put("operator", r.id().operator().id());
        x.put("definition", r.id().definition());
        x.put("original", r.id().original());
        x.put("replacement", r.id().replacement());
        x.put("occurrence", r.id().occurrence());
        x.put("line", r.location().beginLine());
        x.put("column", r.location().beginColumn());
        x.put("diff", r.diff());
        x.put("status", r.status().id());
        x.put("model", r.model());
        x.put("property", r.property());
        x.put("detail", r.detail());
        x.put("millis", r.millis());
        x.put("checks", r.checks());
        x.put("reused", r.reused());
      }
    }
    return root;
  }

  private static void putScore(ObjectNode n, String field, double score) {
    if (Double.isNaN(score)) {
      n.putNull(field);
    } else {
      n.put(field, Math.round(score * 10000) / 10000.0);
    }
  }

  private static String camel(MutantResult.Status s) {
    return switch (s) {
      case KILLED -> "killed";
      case KILLED_BY_ERROR -> "killedByError";
      case TIMED_OUT -> "timedOut";
      case SURVIVED -> "survived";
      case EQUIVALENT -> "equivalent";
    };
  }

  public static void write(MutationReport report, Path file) throws IOException {
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), of(report));
  }
}
