package org.vfiomc.checker.mutate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mutants.json loader: valid lists, and each kind of malformed one named with its place. */
final class EquivalentMutantsTest {
  @TempDir Path dir;

  private Path write(String json) throws Exception {
    return Files.writeString(dir.resolve("mutants.json"), json);
  }

  private String error(String json) throws Exception {
    Path f = write(json);
    return assertThrows(MutateException.class, () -> EquivalentMutants.load(f)).getMessage();
  }

  @Test
  void missingFile_isAnEmptyList() throws Exception {
    assertSame(EquivalentMutants.NONE, EquivalentMutants.load(dir.resolve("mutants.json")));
  }

  @Test
  void entries_areReadWithOccurrenceDefaultingTo1_andTextCollapsed() throws Exception {
    Path f =
        write(
            "{\"equivalent\":[{\"module\":\"M\",\"operator\":\"keep-value\",\"definition\":\"A\","
                + "\"original\":\"x  +\\n 1\",\"replacement\":\"x\",\"reason\":\"r\"},"
                + "{\"module\":\"M\",\"operator\":\"off-by-one\",\"definition\":\"A\","
                + "\"original\":\"1\",\"replacement\":\"2\",\"occurrence\":2,\"reason\":\"s\"}]}");
    EquivalentMutants e = EquivalentMutants.load(f);
    assertEquals(2, e.entries().size());
    MutantId first = new MutantId("M", MutationOperator.KEEP_VALUE, "A", "x + 1", "x", 1);
    assertEquals("r", e.find(first).orElseThrow().reason());
    assertEquals(2, e.entries().get(1).id().occurrence());
  }

  @Test
  void malformedLists_nameTheFileAndTheField() throws Exception {
    String f = dir.resolve("mutants.json").toString();
    assertTrue(error("{\"equivalent\": [").startsWith(f + ": not valid JSON"));
    assertEquals(
        f + ": expected an object with an \"equivalent\" array", error("{\"mutants\": []}"));
    assertEquals(
        f + ": equivalent[0].reason: required string is missing or empty",
        error(
            "{\"equivalent\":[{\"module\":\"M\",\"operator\":\"swap-if\",\"definition\":\"A\","
                + "\"original\":\"a | b\",\"replacement\":\"b | a\"}]}"));
    assertTrue(
        error(
                "{\"equivalent\":[{\"module\":\"M\",\"operator\":\"flip\",\"definition\":\"A\","
                    + "\"original\":\"a\",\"replacement\":\"b\",\"reason\":\"r\"}]}")
            .startsWith(f + ": equivalent[0].operator: unknown mutation operator 'flip'"));
    assertEquals(
        f + ": equivalent[0].occurrence: expected an integer >= 1",
        error(
            "{\"equivalent\":[{\"module\":\"M\",\"operator\":\"swap-if\",\"definition\":\"A\","
                + "\"original\":\"a\",\"replacement\":\"b\",\"occurrence\":0,\"reason\":\"r\"}]}"));
    String one =
        "{\"module\":\"M\",\"operator\":\"swap-if\",\"definition\":\"A\","
            + "\"original\":\"a\",\"replacement\":\"b\",\"reason\":\"r\"}";
    assertEquals(
        f + ": equivalent[1]: listed twice: M.A swap-if [a] -> [b]",
        error("{\"equivalent\":[" + one + "," + one + "]}"));
  }
}
