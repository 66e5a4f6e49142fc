package org.vfiomc.checker.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.RepoRoot;

/**
 * The manifest refuses what it would otherwise silently ignore: unknown fields (with a suggestion
 * for a near typo), an empty {@code models} list and model names that are not safe file names.
 */
final class ManifestStrictnessTest {
  @TempDir Path dir;

  private static final String HOLDS =
      "\"spec\":\"A.tla\",\"config\":\"A.cfg\",\"expected\":\"HOLDS\"";

  private Path write(String json) throws IOException {
    Files.writeString(dir.resolve("A.tla"), "---- MODULE A ----\n====\n");
    Files.writeString(dir.resolve("A.cfg"), "");
    return Files.writeString(dir.resolve("suite.json"), json);
  }

  private Path models(String entries) throws IOException {
    return write("{\"models\": [" + entries + "]}");
  }

  private static ManifestException refused(Path manifest) {
    return assertThrows(ManifestException.class, () -> Manifest.load(manifest));
  }

  @Test
  void typoInAModelField_isRefusedWithItsPathAndTheIntendedField() throws Exception {
    Path m =
        models(
            "{\"name\":\"X\",\"spec\":\"A.tla\",\"config\":\"A.cfg\",\"expected\":\"VIOLATED\","
                + "\"propery\":\"Inv\"}");
    ManifestException e = refused(m);
    assertEquals(m.toString(), e.file());
    assertEquals("models[0] \"X\".propery", e.field());
    assertEquals(
        m + ": models[0] \"X\".propery: unknown field; did you mean \"property\"?", e.getMessage());
  }

  @Test
  void typoInTheName_isNamedBeforeTheMissingName() throws Exception {
    // Without the unknown-field check first, "nmae" would surface only as "name is missing".
    ManifestException e = refused(models("{\"nmae\":\"X\"," + HOLDS + "}"));
    assertEquals("models[0].nmae", e.field());
    assertTrue(e.getMessage().endsWith("did you mean \"name\"?"), e.getMessage());
  }

  @Test
  void caseSlip_isSuggested() throws Exception {
    ManifestException e = refused(models("{\"name\":\"X\"," + HOLDS + ",\"TimeoutSeconds\":5}"));
    assertEquals("models[0] \"X\".TimeoutSeconds", e.field());
    assertTrue(e.getMessage().endsWith("did you mean \"timeoutSeconds\"?"), e.getMessage());
  }

  @Test
  void farUnknownField_listsTheKnownOnesInstead() throws Exception {
    ManifestException e = refused(models("{\"name\":\"X\"," + HOLDS + ",\"owner\":\"me\"}"));
    assertEquals("models[0] \"X\".owner", e.field());
    assertFalse(e.getMessage().contains("did you mean"), e.getMessage());
    assertTrue(
        e.getMessage().contains("expected one of: " + String.join(", ", Manifest.MODEL_FIELDS)),
        e.getMessage());
  }

  @Test
  void unknownTopLevelField_isRefused() throws Exception {
    ManifestException e =
        refused(
            write("{\"suite\":\"s\",\"librarys\":[],\"models\":[{\"name\":\"X\"," + HOLDS + "}]}"));
    assertEquals("librarys", e.field());
    assertTrue(e.getMessage().endsWith("did you mean \"libraries\"?"), e.getMessage());
    ManifestException suite =
        refused(write("{\"suite\":3,\"models\":[{\"name\":\"X\"," + HOLDS + "}]}"));
    assertEquals("suite", suite.field());
  }

  @Test
  void unknownTourField_isRefusedByCheckAndByTraces() throws Exception {
    Path m =
        models(
            "{\"name\":\"X\","
                + HOLDS
                + ",\"tour\":{\"spec\":\"A.tla\",\"config\":\"A.cfg\",\"maxStep\":10}}");
    ManifestException load = refused(m);
    assertEquals("models[0] \"X\".tour.maxStep", load.field());
    assertTrue(load.getMessage().endsWith("did you mean \"maxSteps\"?"), load.getMessage());
    ManifestException tours = assertThrows(ManifestException.class, () -> Manifest.tours(m));
    assertEquals(load.field(), tours.field());
  }

  @Test
  void wellFormedTour_stillLoads() throws Exception {
    Path m =
        models(
            "{\"name\":\"X\","
                + HOLDS
                + ",\"tour\":{\"spec\":\"A.tla\",\"config\":\"A.cfg\",\"maxSteps\":10}}");
    assertEquals(1, Manifest.load(m).size());
    assertEquals(10, Manifest.tours(m).get("X").maxSteps());
  }

  @Test
  void tourWalks_loadWithTheirSeed_andBadOnesAreRefusedNamingTheField() throws Exception {
    String tour = ",\"tour\":{\"spec\":\"A.tla\",\"config\":\"A.cfg\",\"maxSteps\":10,\"walks\":";
    Path ok = models("{\"name\":\"X\"," + HOLDS + tour + "{\"count\":3,\"depth\":5,\"seed\":0}}}");
    assertEquals(new WalkSpec(3, 5, 0), Manifest.tours(ok).get("X").walks());
    assertEquals(
        null,
        Manifest.tours(
                models(
                    "{\"name\":\"X\","
                        + HOLDS
                        + ",\"tour\":{\"spec\":\"A.tla\",\"config\":\"A.cfg\",\"maxSteps\":10}}"))
            .get("X")
            .walks());
    ManifestException zero =
        assertThrows(
            ManifestException.class,
            () ->
                Manifest.tours(
                    models(
                        "{\"name\":\"X\","
                            + HOLDS
                            + tour
                            + "{\"count\":0,\"depth\":5,\"seed\":1}}}")));
    assertEquals("models[0] \"X\".tour.walks.count", zero.field());
    ManifestException typo =
        assertThrows(
            ManifestException.class,
            () ->
                Manifest.tours(
                    models(
                        "{\"name\":\"X\","
                            + HOLDS
                            + tour
                            + "{\"count\":1,\"depth\":5,\"sed\":1}}}")));
    assertEquals("models[0] \"X\".tour.walks.sed", typo.field());
  }

  @Test
  void emptyModels_isRefused() throws Exception {
    ManifestException e = refused(write("{\"suite\":\"s\",\"models\":[]}"));
    assertEquals("models", e.field());
    assertTrue(e.getMessage().contains("no models"), e.getMessage());
  }

  @Test
  void duplicateJsonKey_isRefusedNotLastOneWins() throws Exception {
    ManifestException e =
        refused(
            models(
                "{\"name\":\"X\"," + HOLDS + ",\n\"expected\":\"VIOLATED\",\"property\":\"Inv\"}"));
    assertTrue(e.field().startsWith("line 2, column"), e.field());
    assertTrue(e.getMessage().contains("expected"), e.getMessage());
  }

  @Test
  void unsafeModelNames_areRefusedNamingTheField() throws Exception {
    List<String> unsafe =
        List.of(
            "../../evil",
            "..",
            ".hidden",
            "a/b",
            "a\\\\b",
            "a..b",
            "-flag",
            "has space",
            "tab\\t",
            "C:x",
            "x".repeat(Manifest.MAX_NAME_LENGTH + 1));
    for (String name : unsafe) {
      ManifestException e = refused(models("{\"name\":\"" + name + "\"," + HOLDS + "}"));
      assertEquals("models[0].name", e.field(), name);
    }
    ManifestException evil = refused(models("{\"name\":\"../../evil\"," + HOLDS + "}"));
    assertTrue(evil.getMessage().contains("unsafe model name \"../../evil\""), evil.getMessage());
  }

  @Test
  void safeModelNames_load() throws Exception {
    List<String> safe =
        List.of("X", "VfioPathCheck_K1", "a.b-c_1", "9lives", "x".repeat(Manifest.MAX_NAME_LENGTH));
    for (String name : safe) {
      assertEquals(
          name, Manifest.load(models("{\"name\":\"" + name + "\"," + HOLDS + "}")).get(0).name());
    }
  }

  @Test
  void levenshtein_countsEdits() {
    assertEquals(0, Manifest.levenshtein("spec", "spec"));
    // kitten -> sitten -> sittin -> sitting: two substitutions and one insertion.
    assertEquals(3, Manifest.levenshtein("kitten", "sitting"));
    assertEquals(3, Manifest.levenshtein("sitting", "kitten"));
    assertEquals(3, Manifest.levenshtein("", "abc"));
    assertEquals(1, Manifest.levenshtein("propery", "property"));
    // swapped neighbours are two substitutions in plain Levenshtein.
    assertEquals(2, Manifest.levenshtein("cofnig", "config"));
  }

  @Test
  void suggestion_onlyWithinTwoEdits() {
    assertEquals(Optional.of("config"), Manifest.suggestion("cofnig", Manifest.MODEL_FIELDS));
    // "expect" is two deletions from "expected"; "expct" three.
    assertEquals(Optional.of("expected"), Manifest.suggestion("expect", Manifest.MODEL_FIELDS));
    assertEquals(Optional.empty(), Manifest.suggestion("expct", Manifest.MODEL_FIELDS));
    assertEquals(Optional.empty(), Manifest.suggestion("owner", Manifest.MODEL_FIELDS));
  }

  @Test
  void everyCommittedManifest_stillLoads() throws Exception {
    Path root = RepoRoot.get();
    List<Path> manifests = new ArrayList<>();
    manifests.add(root.resolve("specs").resolve(Manifest.FILE_NAME));
    manifests.add(root.resolve("specs/examples").resolve(Manifest.FILE_NAME));
    try (Stream<Path> s = Files.walk(root.resolve("checker/src/test/resources"))) {
      s.filter(p -> p.getFileName().toString().equals(Manifest.FILE_NAME))
          .sorted()
          .forEach(manifests::add);
    }
    // specs/, specs/examples/, and test resources mutate/counter/ and tour/ at the time of writing.
    assertTrue(manifests.size() >= 4, manifests.toString());
    for (Path m : manifests) {
      assertFalse(Manifest.load(m).isEmpty(), m.toString());
      Manifest.tours(m);
    }
  }
}
