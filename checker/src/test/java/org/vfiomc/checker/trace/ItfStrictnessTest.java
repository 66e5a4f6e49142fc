package org.vfiomc.checker.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ItfCodec is strict where ADR-015 is (one JSON document, unique keys and variables, integer state
 * indices, only ADR-015's tags) and open where it is ({@code params}, free-form {@code #meta}), and
 * refuses oversized or non-UTF-8 input with an error naming the file (issues 16 and 19).
 */
class ItfStrictnessTest {
  @TempDir Path tmp;

  private static TraceFormatException refused(String text) {
    return assertThrows(TraceFormatException.class, () -> ItfCodec.read(text, "f.itf.json"));
  }

  @Test
  void trailingDataAfterTheDocument_isRefused() {
    TraceFormatException e = refused("{\"vars\":[],\"states\":[{}]} {}");
    assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
    // the observed-run reader shares the parser
    assertThrows(
        TraceFormatException.class,
        () -> ItfCodec.readObserved("{\"vars\":[],\"states\":[{}]}x", "f"));
  }

  @Test
  void duplicateVarsAndDuplicateKeys_areRefused() {
    TraceFormatException vars = refused("{\"vars\":[\"x\",\"x\"],\"states\":[{\"x\":1}]}");
    assertEquals("/vars/1", vars.pointer());
    assertTrue(vars.getMessage().contains("duplicate name 'x'"), vars.getMessage());
    // a state defining x twice would silently keep one value
    TraceFormatException keys = refused("{\"vars\":[\"x\"],\"states\":[{\"x\":1,\"x\":2}]}");
    assertTrue(keys.getMessage().contains("Duplicate field 'x'"), keys.getMessage());
  }

  @Test
  void nonIntegerMetaIndex_isRefused_integerAccepted() throws Exception {
    for (String bad : List.of("\"0\"", "0.5", "true", "null")) {
      TraceFormatException e =
          refused("{\"vars\":[],\"states\":[{\"#meta\":{\"index\":" + bad + "}}]}");
      assertEquals("/states/0/#meta/index", e.pointer(), bad);
    }
    assertEquals(
        1, ItfCodec.read("{\"vars\":[],\"states\":[{\"#meta\":{\"index\":0}}]}", "f").length());
  }

  @Test
  void params_areConstantsSetInTheInitialState() throws Exception {
    String text =
        "{\"params\":[\"N\"],\"vars\":[\"x\"],"
            + "\"states\":[{\"N\":3,\"x\":0},{\"x\":1},{\"N\":3,\"x\":2}]}";
    Trace t = ItfCodec.read(text, "p.itf.json");
    assertEquals(Map.of("N", TlaValue.Int.of(3)), t.params());
    assertEquals(Map.of("x", TlaValue.Int.of(1)), t.steps().get(1).state());
    // written back as ADR-015 params in the initial state, and read again unchanged
    assertEquals(t, ItfCodec.read(ItfCodec.write(t), "again"));
    assertEquals(
        Map.of("N", TlaValue.Int.of(3)), ItfCodec.readObserved(text, "p.itf.json").params());

    TraceFormatException missing = refused("{\"params\":[\"N\"],\"vars\":[],\"states\":[{}]}");
    assertTrue(missing.getMessage().contains("parameter 'N'"), missing.getMessage());
    TraceFormatException changed =
        refused("{\"params\":[\"N\"],\"vars\":[],\"states\":[{\"N\":3},{\"N\":4}]}");
    assertEquals("/states/1/N", changed.pointer());
    TraceFormatException both = refused("{\"params\":[\"x\"],\"vars\":[\"x\"],\"states\":[]}");
    assertEquals("/params/0", both.pointer());
  }

  @Test
  void modelValueTag_isNotItf_butReadOnTheChildLink() throws Exception {
    TraceFormatException e =
        refused("{\"vars\":[\"p\"],\"states\":[{\"p\":{\"#modelvalue\":\"p1\"}}]}");
    assertTrue(e.getMessage().contains("unknown ITF tag '#modelvalue'"), e.getMessage());
    var tagged = ItfCodec.encode(new TlaValue.ModelValue("p1"), true);
    assertEquals(new TlaValue.ModelValue("p1"), ItfCodec.decodeLinkValue(tagged, "link"));
    // an ITF file is written with the name as a string
    assertEquals("\"p1\"", ItfCodec.encode(new TlaValue.ModelValue("p1")).toString());
  }

  @Test
  void unserializable_isWellFormedButUnsupported() {
    TraceFormatException e =
        refused("{\"vars\":[\"s\"],\"states\":[{\"s\":{\"#unserializable\":\"Int\"}}]}");
    assertTrue(e.unsupported());
    assertEquals("/states/0/s", e.pointer());
  }

  @Test
  void fileOverTheSizeLimit_isRefusedBeforeReading_namingTheFile() throws Exception {
    Path big = tmp.resolve("huge.itf.json");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(ItfCodec.MAX_TRACE_BYTES + 1); // sparse: nothing is written or read
    }
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> ItfCodec.read(big));
    assertEquals(big.toString(), e.file());
    assertTrue(e.getMessage().contains("exceeds the limit of 33554432 bytes"), e.getMessage());
    assertThrows(TraceFormatException.class, () -> ItfCodec.readObserved(big));
  }

  @Test
  void nonUtf8File_andDirectory_areRefusedNamingTheFile() throws Exception {
    Path latin1 = tmp.resolve("latin1.itf.json");
    Files.write(latin1, new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'});
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> ItfCodec.read(latin1));
    assertEquals(latin1.toString(), e.file());
    assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    TraceFormatException dir = assertThrows(TraceFormatException.class, () -> ItfCodec.read(tmp));
    assertTrue(dir.getMessage().contains("not a regular file"), dir.getMessage());
  }
}
