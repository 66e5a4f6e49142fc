package org.vfiomc.checker.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.RepoRoot;
import org.vfiomc.checker.result.Verdict;
import org.vfiomc.checker.result.ViolationKind;

final class ManifestTest {
  @TempDir Path dir;

  private Path manifest(String models) throws IOException {
    Files.writeString(dir.resolve("A.tla"), "---- MODULE A ----\n====\n");
    Files.writeString(dir.resolve("A.cfg"), "");
    return Files.writeString(dir.resolve("suite.json"), "{\"models\": [" + models + "]}");
  }

  @Test
  void examples_loadFifteenModelsWithTheirExpectations() throws Exception {
    List<ModelSpec> models = Manifest.resolve(RepoRoot.examples(), Optional.empty());
    // specs/examples/suite.json lists 14 ci models and the deep Million benchmark model.
    assertEquals(15, models.size());
    ModelSpec sum = models.get(1);
    assertEquals("CounterSum", sum.name());
    assertEquals(Verdict.VIOLATED, sum.expected().verdict());
    assertEquals("SumBelow5", sum.expected().property());
    assertEquals(ViolationKind.INVARIANT, sum.expected().kind());
    assertEquals(6, sum.expected().traceLength());
    assertEquals(Profile.DEEP, models.get(14).profile());
  }

  @Test
  void entryWithMissingSpecFile_namesFileAndField() throws Exception {
    Path m =
        manifest(
            "{\"name\":\"ok\",\"spec\":\"A.tla\",\"config\":\"A.cfg\",\"expected\":\"HOLDS\"},"
                + "{\"name\":\"X\",\"spec\":\"Missing.tla\","
                + "\"config\":\"A.cfg\",\"expected\":\"HOLDS\"}");
    ManifestException e = assertThrows(ManifestException.class, () -> Manifest.load(m));
    assertEquals(m.toString(), e.file());
    assertEquals("models[1] \"X\".spec", e.field());
    assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    assertTrue(e.getMessage().contains("Missing.tla"), e.getMessage());
  }

  @Test
  void unknownVerdict_isRejectedWithTheValidValues() throws Exception {
    Path m =
        manifest("{\"name\":\"X\",\"spec\":\"A.tla\",\"config\":\"A.cfg\",\"expected\":\"PASS\"}");
    ManifestException e = assertThrows(ManifestException.class, () -> Manifest.load(m));
    assertEquals("models[0] \"X\".expected", e.field());
    assertTrue(e.getMessage().contains("unknown value \"PASS\""), e.getMessage());
    assertTrue(e.getMessage().contains("HOLDS, VIOLATED, ERROR or TIMEOUT"), e.getMessage());
  }

  @Test
  void missingRequiredField_andBadTypes_areNamed() throws Exception {
    Path noName = manifest("{\"spec\":\"A.tla\",\"config\":\"A.cfg\",\"expected\":\"HOLDS\"}");
    assertEquals(
        "models[0].name",
        assertThrows(ManifestException.class, () -> Manifest.load(noName)).field());
    Path badTimeout =
        manifest(
            "{\"name\":\"X\",\"spec\":\"A.tla\",\"config\":\"A.cfg\",\"expected\":\"HOLDS\","
                + "\"timeoutSeconds\":\"ten\"}");
    assertEquals(
        "models[0] \"X\".timeoutSeconds",
        assertThrows(ManifestException.class, () -> Manifest.load(badTimeout)).field());
    Path badKind =
        manifest(
            "{\"name\":\"X\",\"spec\":\"A.tla\",\"config\":\"A.cfg\",\"expected\":\"VIOLATED\","
                + "\"violationKind\":\"safety\"}");
    assertEquals(
        "models[0] \"X\".violationKind",
        assertThrows(ManifestException.class, () -> Manifest.load(badKind)).field());
  }

  @Test
  void duplicateNames_andPropertyOnHolds_areRejected() throws Exception {
    String a = "{\"name\":\"X\",\"spec\":\"A.tla\",\"config\":\"A.cfg\",\"expected\":\"HOLDS\"}";
    Path dup = manifest(a + "," + a);
    assertTrue(
        assertThrows(ManifestException.class, () -> Manifest.load(dup))
            .getMessage()
            .contains("duplicate model name \"X\""));
    Path prop =
        manifest(
            "{\"name\":\"X\",\"spec\":\"A.tla\",\"config\":\"A.cfg\",\"expected\":\"HOLDS\","
                + "\"property\":\"Inv\"}");
    assertThrows(ManifestException.class, () -> Manifest.load(prop));
  }

  @Test
  void invalidJson_reportsLineAndColumn() throws Exception {
    Path m = Files.writeString(dir.resolve("suite.json"), "{\n \"models\": [\n  {,]\n}");
    ManifestException e = assertThrows(ManifestException.class, () -> Manifest.load(m));
    assertTrue(e.field().startsWith("line 3, column"), e.field());
  }

  @Test
  void nonExistentPath_isAnError() {
    Path p = dir.resolve("nowhere");
    ManifestException e =
        assertThrows(ManifestException.class, () -> Manifest.resolve(p, Optional.empty()));
    assertEquals(p + ": no such file or directory", e.getMessage());
  }

  @Test
  void singleTla_withoutCfg_isAnError_andWithCfgHolds() throws Exception {
    Path tla = Files.writeString(dir.resolve("B.tla"), "---- MODULE B ----\n====\n");
    ManifestException e =
        assertThrows(ManifestException.class, () -> Manifest.resolve(tla, Optional.empty()));
    assertEquals(dir.resolve("B.cfg").toString(), e.file());
    assertTrue(e.getMessage().contains("configuration file not found"), e.getMessage());
    Path cfg = Files.writeString(dir.resolve("other.cfg"), "");
    ModelSpec m = Manifest.resolve(tla, Optional.of(cfg)).get(0);
    assertEquals("B", m.name());
    assertEquals(Verdict.HOLDS, m.expected().verdict());
  }
}
