package org.vfiomc.checker.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.RepoRoot;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.Trace;

/**
 * Differential test of the one ITF codec against the committed corpus: every file {@code checker
 * traces} wrote ({@code traces/} and the conformance copies) is decoded with {@link ItfCodec} and
 * written again with {@link ItfDocument}; the bytes must be the file's, so {@code traces --check}
 * stays current whatever path a value took through the codec.
 */
final class CommittedItfRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyGeneratedFile_reEncodesByteForByte() throws Exception {
    Path root = RepoRoot.get();
    List<Path> files = new ArrayList<>();
    for (Path dir :
        List.of(root.resolve("traces"), root.resolve("conformance/src/test/resources/traces"))) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.filter(p -> p.toString().endsWith(".itf.json")).sorted().forEach(files::add);
      }
    }
    int compared = 0;
    for (Path f : files) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      JsonNode meta = JSON.readTree(text).get("#meta");
      if (!"vfiomc checker traces".equals(meta.path("generatedBy").asText())) {
        continue; // hand-made fixtures have their own layout
      }
      assertEquals(text, reEncode(text, meta, f), f.toString());
      compared++;
    }
    // traces/ holds one file per tour path and counterexample: at least one of each kind
    assertTrue(compared >= 2, "compared " + compared + " of " + files.size() + " files");
  }

  private static String reEncode(String text, JsonNode meta, Path f) throws Exception {
    Trace trace = ItfCodec.read(text, f.toString());
    Map<String, TlaValue> constants = new LinkedHashMap<>();
    for (var it = meta.get("constants").properties().iterator(); it.hasNext(); ) {
      var e = it.next();
      constants.put(e.getKey(), ItfCodec.decodeValue(e.getValue(), f + "#constants"));
    }
    ItfDocument.Meta m =
        new ItfDocument.Meta(
            meta.get("source").asText(),
            meta.get("model").asText(),
            meta.get("module").asText(),
            meta.get("kind").asText(),
            constants,
            meta.get("property").isNull() ? null : meta.get("property").asText());
    return ItfDocument.counterexample(trace, m);
  }
}
