package org.vfiomc.conformance.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.conformance.cli.Bindings;

/**
 * Issue 16 defect 5 and issue 19 on the replay side: what replay used to accept silently is an
 * input error naming file and field (unknown defects in every binding, a counterexample without a
 * valid kind, unknown action parameters), and values are compared with TLA+ equality, whatever ITF
 * form the trace wrote them in.
 */
final class StrictInputTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path TRACES = Path.of("src/test/resources/traces");
  private static final Replayer REPLAYER = new Replayer(Bindings.standard());

  private static ObjectNode load(String name) throws Exception {
    return (ObjectNode) MAPPER.readTree(Files.readString(TRACES.resolve(name)));
  }

  private static List<ReplayReport> replay(ObjectNode doc) throws Exception {
    return REPLAYER.replayAll(TraceFile.parse(MAPPER.writeValueAsString(doc), "edited.itf.json"));
  }

  private static TraceFormatException reject(String name, Consumer<ObjectNode> edit)
      throws Exception {
    ObjectNode doc = load(name);
    edit.accept(doc);
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> replay(doc));
    assertFalse(e.unsupported(), "an input error, not an unsupported model: " + e.getMessage());
    return e;
  }

  private static ObjectNode constants(ObjectNode doc) {
    return (ObjectNode) doc.get("#meta").get("constants");
  }

  private static ObjectNode bogusDefects() {
    ObjectNode set = JsonNodeFactory.instance.objectNode();
    set.putArray("#set").add("TotallyBogusDefect");
    return set;
  }

  @Test
  void vfioFsmCounterexample_withAnUnknownDefect_isRejected_notReplayedAsSpecOnly()
      throws Exception {
    // before: "defect exists only in the spec", replayed against the correct device, exit 0
    TraceFormatException e =
        reject(
            "counterexamples/VfioFsm_NewFdInGroup.itf.json",
            d -> constants(d).set("Defects", bogusDefects()));
    assertEquals("/#meta/constants/Defects", e.pointer());
    assertTrue(e.getMessage().contains("unknown defect \"TotallyBogusDefect\""), e.getMessage());
    // the known ones are listed: VfioArcs' DefectNames, configurable or not
    assertTrue(e.getMessage().contains("DmaInStopCopy"), e.getMessage());
    assertTrue(e.getMessage().contains("NewFdInsideSavingGroup"), e.getMessage());
  }

  /** One trace per binding; each must reject the bogus defect naming it. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "tours/VfioFsm-Reject.itf.json",
        "counterexamples/VfioMigration_Truncated.itf.json",
        "counterexamples/VfioP2p_NoDrain.itf.json",
        "../../../../../traces/counterexamples/RxDmaIommuHeadZeroLoss.itf.json"
      })
  void everyBinding_rejectsAnUnknownDefect(String name) throws Exception {
    TraceFormatException e = reject(name, d -> constants(d).set("Defects", bogusDefects()));
    assertEquals("/#meta/constants/Defects", e.pointer());
    // RxDma has no Defects constant at all: it is an unknown constant there
    assertTrue(
        e.getMessage().contains("TotallyBogusDefect")
            || e.getMessage().contains("unknown constant"),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"missing", "null", "unknown"})
  void counterexample_withoutAValidKind_isRejected_notReplayedAsATour(String how) throws Exception {
    TraceFormatException e =
        reject(
            "counterexamples/VfioFsm_DmaInStopCopy.itf.json",
            d -> {
              ObjectNode meta = (ObjectNode) d.get("#meta");
              switch (how) {
                case "missing" -> meta.remove("kind");
                case "null" -> meta.putNull("kind");
                default -> meta.put("kind", "counter-example");
              }
            });
    assertEquals("/#meta/kind", e.pointer());
  }

  @Test
  void anUnknownActionParameter_isRejected() throws Exception {
    TraceFormatException e =
        reject(
            "tours/VfioFsm-Reject.itf.json",
            d -> ((ObjectNode) d.get("states").get(1).get("action")).put("targte", "STOP"));
    assertEquals(1, e.step());
    assertEquals("/states/1/action/targte", e.pointer());
    assertTrue(e.getMessage().contains("unknown parameter 'targte'"), e.getMessage());
  }

  @Test
  void anUnknownParameter_isRejected_evenWhereTheBindingIgnoresSomeOfTheSpecs() throws Exception {
    // RxDma's records carry slot and buffer, which the emulated driver chooses itself
    TraceFormatException e =
        reject(
            "../../../../../traces/counterexamples/RxDmaIommuHeadZeroLoss.itf.json",
            d -> ((ObjectNode) d.get("states").get(1).get("action")).put("colour", "red"));
    assertEquals(1, e.step());
    assertTrue(e.getMessage().contains("unknown parameter 'colour'"), e.getMessage());
  }

  /** Rewrites every value of {@code var} from a JSON array (a sequence) to ITF's {@code #map}. */
  private static void sequencesAsMaps(ObjectNode doc, String var) {
    for (JsonNode s : doc.get("states")) {
      JsonNode seq = s.get(var);
      ObjectNode map = JsonNodeFactory.instance.objectNode();
      ArrayNode pairs = map.putArray("#map");
      for (int i = 0; i < seq.size(); i++) {
        pairs
            .addArray()
            .add(JsonNodeFactory.instance.objectNode().put("#bigint", "" + (i + 1)))
            .add(seq.get(i));
      }
      ((ObjectNode) s).set(var, map);
    }
  }

  @Test
  void aSequenceWrittenAsAMap_equalsTheImplementationsSequence() throws Exception {
    ObjectNode doc = load("tours/VfioFsm-Reject.itf.json");
    sequencesAsMaps(doc, "path");
    // the tour's first states have path = <<>>, written now as the empty #map
    assertEquals("{\"#map\":[]}", doc.get("states").get(0).get("path").toString());
    ReplayReport r = replay(doc).get(0);
    assertTrue(r.asExpected(), r.summary());
    assertEquals(r.traceSteps(), r.stepsReplayed(), r.summary());
  }

  @Test
  void aWrongValueInMapForm_isStillAMismatch() throws Exception {
    ObjectNode doc = load("tours/VfioFsm-Reject.itf.json");
    sequencesAsMaps(doc, "path");
    ArrayNode pairs = (ArrayNode) doc.get("states").get(2).get("path").get("#map");
    pairs.addArray().add(JsonNodeFactory.instance.objectNode().put("#bigint", "7")).add("STOP");
    ReplayReport r = replay(doc).get(0);
    assertFalse(r.asExpected(), r.summary());
    assertTrue(r.summary().contains("step 2"), r.summary());
  }
}
