package org.vfiomc.checker.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.RepoRoot;

/**
 * One folder per module: the manifest's {@code libraries}, paths that may not leave the suite, and
 * fingerprints that depend on a model's own modules only.
 */
final class ModuleLayoutTest {
  @TempDir Path suite;

  /** suite/Lib/Lib.tla, suite/A/{A,MC_A}.tla (A extends Lib), suite/B/{B,MC_B}.tla (B alone). */
  private Path layout(String libraries) throws IOException {
    write("Lib/Lib.tla", "---- MODULE Lib ----\nL == 1\n====\n");
    write("A/A.tla", "---- MODULE A ----\nEXTENDS Naturals, Lib\nx == L\n====\n");
    write("A/MC_A.tla", "---- MODULE MC_A ----\nEXTENDS A\n====\n");
    write("A/MC_A.cfg", "");
    write("B/B.tla", "---- MODULE B ----\nEXTENDS Naturals\ny == 2\n====\n");
    write("B/MC_B.tla", "---- MODULE MC_B ----\nINSTANCE B\n====\n");
    write("B/MC_B.cfg", "");
    return write(
        "suite.json",
        "{"
            + libraries
            + "\"models\": ["
            + "{\"name\":\"A\",\"spec\":\"A/MC_A.tla\",\"config\":\"A/MC_A.cfg\",\"expected\":\"HOLDS\"},"
            + "{\"name\":\"B\",\"spec\":\"B/MC_B.tla\",\"config\":\"B/MC_B.cfg\",\"expected\":\"HOLDS\"}"
            + "]}");
  }

  private Path write(String rel, String text) throws IOException {
    Path p = suite.resolve(rel);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  private Map<String, ModelSpec> byName(Path manifest) throws ManifestException {
    return Manifest.load(manifest).stream().collect(Collectors.toMap(ModelSpec::name, m -> m));
  }

  @Test
  void libraries_areGivenToEveryModelAfterItsOwnFolder() throws Exception {
    Map<String, ModelSpec> m = byName(layout("\"libraries\": [\"Lib\"],"));
    Path lib = suite.resolve("Lib").toAbsolutePath().normalize();
    assertEquals(List.of(lib), m.get("A").libraries());
    assertEquals(
        List.of(suite.resolve("A").toAbsolutePath().normalize(), lib), m.get("A").modulePath());
  }

  @Test
  void fingerprint_coversTheModulesAModelReaches_andNoOthers() throws Exception {
    Map<String, ModelSpec> m = byName(layout("\"libraries\": [\"Lib\"],"));
    assertEquals(
        List.of("A", "Lib", "MC_A"),
        List.copyOf(SpecFingerprint.modules(m.get("A")).keySet()),
        "Naturals is TLC's own: not in the module path");
    assertEquals(List.of("B", "MC_B"), List.copyOf(SpecFingerprint.modules(m.get("B")).keySet()));
    String a = SpecFingerprint.of(m.get("A"));
    String b = SpecFingerprint.of(m.get("B"));
    write("Lib/Lib.tla", "---- MODULE Lib ----\nL == 2\n====\n");
    assertNotEquals(
        a, SpecFingerprint.of(m.get("A")), "A extends Lib: an edit to Lib is an edit to A");
    assertEquals(b, SpecFingerprint.of(m.get("B")), "B does not use Lib");
    write("B/B.tla", "---- MODULE B ----\nEXTENDS Naturals\ny == 3\n====\n");
    assertNotEquals(b, SpecFingerprint.of(m.get("B")), "MC_B instantiates B");
    // a keyword inside a longer name is no keyword: B reaches no Lib through NOTEXTENDS or
    // XINSTANCE, and reaches it through a real INSTANCE after a non-word character
    write("B/B.tla", "---- MODULE B ----\nNOTEXTENDS Lib\nq == XINSTANCE Lib\n====\n");
    assertEquals(List.of("B", "MC_B"), List.copyOf(SpecFingerprint.modules(m.get("B")).keySet()));
    write("B/B.tla", "---- MODULE B ----\nL ==(INSTANCE Lib)\n====\n");
    assertEquals(
        List.of("B", "Lib", "MC_B"), List.copyOf(SpecFingerprint.modules(m.get("B")).keySet()));
  }

  @Test
  void singleTla_findsTheLibrariesOfTheSuiteOneFolderUp() throws Exception {
    layout("\"libraries\": [\"Lib\"],");
    ModelSpec a = Manifest.resolve(suite.resolve("A/MC_A.tla"), Optional.empty()).get(0);
    assertEquals(List.of(suite.resolve("Lib").toAbsolutePath().normalize()), a.libraries());
  }

  @Test
  void libraryOutsideTheSuite_isRefusedNamingTheField() throws Exception {
    Path m = layout("\"libraries\": [\"../elsewhere\"],");
    ManifestException e = assertThrows(ManifestException.class, () -> Manifest.load(m));
    assertEquals("libraries[0]", e.field());
    assertTrue(e.getMessage().contains("outside"), e.getMessage());
  }

  @Test
  void missingLibraryFolder_andWrongType_areRefused() throws Exception {
    Path m = layout("\"libraries\": [\"Nope\"],");
    ManifestException missing = assertThrows(ManifestException.class, () -> Manifest.load(m));
    assertTrue(missing.getMessage().contains("folder not found"), missing.getMessage());
    Path n = layout("\"libraries\": \"Lib\",");
    ManifestException type = assertThrows(ManifestException.class, () -> Manifest.load(n));
    assertEquals("libraries", type.field());
  }

  @Test
  void modelPathOutsideTheSuite_isRefused() throws Exception {
    layout("");
    Path m =
        write(
            "suite.json",
            "{\"models\": [{\"name\":\"X\",\"spec\":\"../x/MC_A.tla\",\"config\":\"A/MC_A.cfg\","
                + "\"expected\":\"HOLDS\"}]}");
    ManifestException e = assertThrows(ManifestException.class, () -> Manifest.load(m));
    assertEquals("models[0] \"X\".spec", e.field());
    assertTrue(e.getMessage().contains("outside"), e.getMessage());
  }

  @Test
  void committedSuite_oneFolderPerModule_modelsNamedAfterTheirFiles() throws Exception {
    Path specs = RepoRoot.get().resolve("specs");
    List<ModelSpec> models = Manifest.load(specs.resolve("suite.json"));
    assertTrue(models.size() > 0);
    for (ModelSpec m : models) {
      assertEquals("MC_" + m.name(), m.moduleName(), m.name());
      String folder = m.spec().getParent().getFileName().toString();
      assertTrue(m.name().startsWith(folder), m.name() + " lives in " + folder);
      assertTrue(
          Files.isRegularFile(m.spec().resolveSibling(folder + ".tla")),
          folder + " holds its module");
    }
  }
}
