package org.vfiomc.conformance.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.conformance.cli.Bindings;

/** Malformed ITF input is rejected with file, step and JSON pointer, before anything runs. */
final class MalformedTraceTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String NAME = "tours/VfioFsm-PrecopyEnomsg.itf.json";

  private static TraceFormatException reject(Consumer<ObjectNode> mutate) throws Exception {
    ObjectNode doc =
        (ObjectNode)
            MAPPER.readTree(
                Files.readString(
                    Path.of("src/test/resources/traces", NAME), StandardCharsets.UTF_8));
    mutate.accept(doc);
    return reject(MAPPER.writeValueAsString(doc));
  }

  private static TraceFormatException reject(String text) {
    return assertThrows(
        TraceFormatException.class,
        () -> new Replayer(Bindings.standard()).replayAll(TraceFile.parse(text, "bad.itf.json")));
  }

  private static ObjectNode state(ObjectNode doc, int i) {
    return (ObjectNode) doc.get("states").get(i);
  }

  @Test
  void badJson() {
    TraceFormatException e = reject("{\"vars\": [");
    assertEquals("bad.itf.json", e.file());
    assertEquals(-1, e.step());
    assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
  }

  @Test
  void missingVars() throws Exception {
    TraceFormatException e = reject(d -> d.remove("vars"));
    assertEquals("/vars", e.pointer());
  }

  @Test
  void aStateMissingAVariable() throws Exception {
    TraceFormatException e = reject(d -> state(d, 3).remove("fd_result"));
    assertEquals(3, e.step());
    assertEquals("/states/3", e.pointer());
    assertTrue(e.getMessage().contains("'fd_result' is missing"), e.getMessage());
  }

  @Test
  void aStateFieldNotListedInVars() throws Exception {
    TraceFormatException e = reject(d -> ((ArrayNode) d.get("vars")).remove(16));
    // vars lose ioctl_count (index 16) but the states still define it
    assertEquals(0, e.step());
    assertEquals("/states/0/ioctl_count", e.pointer());
  }

  @Test
  void aSpecVariableMissingEverywhere() throws Exception {
    TraceFormatException e =
        reject(
            d -> {
              ((ArrayNode) d.get("vars")).remove(16);
              for (int i = 0; i < d.get("states").size(); i++) {
                state(d, i).remove("ioctl_count");
              }
            });
    assertEquals("/vars", e.pointer());
    assertTrue(e.getMessage().contains("'ioctl_count' of VfioFsm is missing"), e.getMessage());
  }

  @Test
  void wrongParameterType() throws Exception {
    // step 3 is ReadData(fd = 1); make the fd a string
    TraceFormatException e = reject(d -> ((ObjectNode) state(d, 3).get("action")).put("fd", "x"));
    assertEquals(3, e.step());
    assertEquals("/states/3/action/fd", e.pointer());
    assertTrue(e.getMessage().contains("must be an integer"), e.getMessage());
  }

  @Test
  void missingParameter() throws Exception {
    TraceFormatException e = reject(d -> ((ObjectNode) state(d, 1).get("action")).remove("target"));
    assertEquals(1, e.step());
    assertEquals("/states/1/action/target", e.pointer());
  }

  @Test
  void unknownActionTag() throws Exception {
    TraceFormatException e =
        reject(d -> ((ObjectNode) state(d, 2).get("action")).put("tag", "Teleport"));
    assertEquals(2, e.step());
    assertEquals("/states/2/action/tag", e.pointer());
    assertTrue(e.getMessage().contains("unknown action 'Teleport'"), e.getMessage());
  }

  @Test
  void wrongValueTypeInAState() throws Exception {
    TraceFormatException e =
        reject(d -> state(d, 2).set("fd_count", MAPPER.createObjectNode().put("#bigint", "1x")));
    assertEquals(2, e.step());
    assertEquals("/states/2/fd_count/#bigint", e.pointer());
  }

  @Test
  void unsupportedConstantValue() throws Exception {
    TraceFormatException e =
        reject(
            d ->
                ((ObjectNode) d.get("#meta").get("constants"))
                    .set("MaxDirty", MAPPER.createObjectNode().put("#bigint", "2")));
    assertEquals("/#meta/constants/MaxDirty", e.pointer());
  }

  @Test
  void unknownConstantAndUnknownModule() throws Exception {
    assertEquals(
        "/#meta/constants/Bogus",
        reject(d -> ((ObjectNode) d.get("#meta").get("constants")).put("Bogus", true)).pointer());
    assertEquals(
        "/#meta/module",
        reject(d -> ((ObjectNode) d.get("#meta")).put("module", "Nope")).pointer());
  }

  @Test
  void fallsBackToMetaActionWithoutTheActionVariable() throws Exception {
    // an ITF trace from another tool without the 'action' variable: #meta.action/params (the
    // operator's formal names, e.g. SetRequest's t) decide; it replays like the original (4 steps)
    ObjectNode doc =
        (ObjectNode)
            MAPPER.readTree(
                Files.readString(
                    Path.of("src/test/resources/traces", NAME), StandardCharsets.UTF_8));
    ((ArrayNode) doc.get("vars")).remove(0);
    for (int i = 0; i < doc.get("states").size(); i++) {
      state(doc, i).remove("action");
    }
    ReplayReport r =
        new Replayer(Bindings.standard())
            .replay(
                TraceFile.parse(MAPPER.writeValueAsString(doc), "meta-only.itf.json"),
                ReplayMode.AS_CONFIGURED);
    assertTrue(r.asExpected(), r.summary());
    assertEquals(4, r.stepsReplayed());
    // and an unknown #meta.action is reported at /states/i/#meta/action
    ((ObjectNode) state(doc, 2).get("#meta")).put("action", "Teleport");
    TraceFormatException e = reject(MAPPER.writeValueAsString(doc));
    assertEquals(2, e.step());
    assertEquals("/states/2/#meta/action", e.pointer());
  }
}
