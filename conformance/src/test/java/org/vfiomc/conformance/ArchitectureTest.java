package org.vfiomc.conformance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance module's architecture as allow-lists: each room (package) may depend only on the
 * rooms and libraries listed for it, main classes and test classes alike (tests may additionally
 * use the test libraries and the test-support package, plus the extras listed per room); no cycle
 * between packages; only the CLI prints or exits. From the checker, main code sees only {@code
 * org.vfiomc.checker.trace} (the ITF contract, design.md "Data flow"); tests may also use {@code
 * org.vfiomc.checker.validate}.
 */
final class ArchitectureTest {
  private static final String C = "org.vfiomc.conformance.";

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.vfiomc.conformance");

  private static final JavaClasses TESTS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("/jmh_generated/"))
          .importPackages("org.vfiomc.conformance");

  private static final String JDK = "java..";
  private static final String GUAVA = "com.google.common..";
  private static final String JACKSON = "com.fasterxml.jackson..";
  private static final String TRACE = "org.vfiomc.checker.trace..";

  /** What every test class may use besides its room's allowances. */
  private static final List<String> TEST_SUPPORT =
      List.of(
          "org.junit..",
          "org.opentest4j..",
          "com.tngtech.archunit..",
          "org.openjdk.jmh..",
          "com.code_intelligence.jazzer..",
          C + "testing..",
          "org.vfiomc.checker.validate..");

  /**
   * A package (with {@code ..}: and its sub-packages), what its main classes may depend on besides
   * itself, and what its test classes may use in addition.
   */
  private record Room(String pkg, List<String> mayUse, List<String> testsMayAlsoUse) {}

  private static final List<Room> ROOMS =
      List.of(
          // the generic VFIO migration device: knows only its function interface
          new Room(C + "vfio", List.of(JDK, GUAVA), List.of(C + "function")),
          // fakes of the device function behind it
          new Room(C + "function", List.of(C + "vfio", JDK, GUAVA), List.of()),
          // the 82599 VF, by QEMU's split: values first, then registers, DMA, rings, mailbox
          new Room(C + "emulator.packet", List.of(JDK, GUAVA), List.of()),
          // the snapshot codec is tested on a busy VF
          new Room(
              C + "emulator.state",
              List.of(C + "emulator.packet", JDK, GUAVA),
              List.of(C + "emulator", C + "emulator.regs")),
          new Room(C + "emulator.regs", List.of(JDK, GUAVA), List.of(C + "emulator")),
          new Room(C + "emulator.dma", List.of(C + "emulator.packet", JDK, GUAVA), List.of()),
          new Room(
              C + "emulator.mailbox",
              List.of(C + "emulator.packet", C + "emulator.regs", C + "emulator.state", JDK, GUAVA),
              List.of(C + "emulator")),
          new Room(
              C + "emulator.ring",
              List.of(
                  C + "emulator.packet",
                  C + "emulator.regs",
                  C + "emulator.state",
                  C + "emulator.dma",
                  JDK,
                  GUAVA),
              // the Rx engine's tests set the PF's side (max frame, link, filters) through PfAgent
              List.of(C + "emulator", C + "emulator.mailbox")),
          // the VF facade; its benchmarks and misbehaviour tests drive it with the guest model
          new Room(
              C + "emulator",
              List.of(C + "emulator..", C + "vfio", JDK, GUAVA),
              List.of(C + "guest", C + "ledger")),
          // the packet ledger (the oracle) sees frames only
          new Room(C + "ledger", List.of(C + "emulator.packet", JDK, GUAVA), List.of()),
          // the ixgbevf-like guest driver; its tests judge it with the ledger
          new Room(C + "guest", List.of(C + "emulator..", JDK, GUAVA), List.of(C + "ledger")),
          // the QEMU-like orchestrator drives VFIO devices; its tests run it on scenario VMs
          new Room(
              C + "orchestrator",
              List.of(C + "vfio", JDK, GUAVA),
              List.of(C + "function", C + "scenario", C + "emulator..", C + "guest")),
          // VMs, workloads and guest strategies: what a migration is run on
          new Room(
              C + "scenario",
              List.of(
                  C + "orchestrator",
                  C + "emulator..",
                  C + "guest",
                  C + "ledger",
                  C + "vfio",
                  C + "function",
                  JDK,
                  GUAVA),
              List.of()),
          // the run recorders write ITF: one observes the orchestrator, the other drives RxDma's
          // replay world (its events and its projection) with a seeded scheduler; their tests
          // validate runs
          new Room(
              C + "record",
              List.of(
                  C + "orchestrator",
                  C + "vfio",
                  C + "replay",
                  C + "replay.rxdma",
                  C + "scenario",
                  C + "ledger",
                  TRACE,
                  JACKSON,
                  JDK,
                  GUAVA),
              List.of()),
          // the replay loop knows only SpecBinding; the bindings depend on it, not the reverse;
          // tests replay with the CLI's registry of every binding, and with fakes
          new Room(
              C + "replay",
              List.of(TRACE, JACKSON, JDK, GUAVA),
              List.of(C + "cli", C + "replay..", C + "function")),
          new Room(
              C + "replay.vfio",
              List.of(
                  C + "replay",
                  C + "vfio",
                  C + "function",
                  C + "orchestrator",
                  C + "emulator..",
                  TRACE,
                  JDK,
                  GUAVA),
              List.of()),
          // its corpus test reads the suite manifest and the traces' coverage index
          new Room(
              C + "replay.rxdma",
              List.of(
                  C + "replay",
                  C + "emulator..",
                  C + "guest",
                  C + "ledger",
                  C + "scenario",
                  C + "vfio",
                  TRACE,
                  JDK,
                  GUAVA),
              List.of(JACKSON, "org.vfiomc.checker.spec..", "org.vfiomc.checker.result..")),
          // the compatibility binding drives management's destination picker and the policy
          new Room(
              C + "replay.compat",
              List.of(C + "replay", C + "vfio", C + "orchestrator", TRACE, JDK, GUAVA),
              List.of()),
          // the command line wires everything; its end-to-end test runs `checker validate` on a
          // recorded run through the checker's command line, as the main job does
          new Room(
              C + "cli",
              List.of("org.vfiomc.conformance..", TRACE, "picocli..", JACKSON, JDK, GUAVA),
              List.of("org.vfiomc.checker.cli")),
          // test support (the property harness): tests only
          new Room(C + "testing", List.of(JDK, GUAVA), List.of()));

  @TestFactory
  Stream<DynamicTest> mainClasses_dependOnlyOnTheirRoomsAllowList() {
    return ROOMS.stream()
        .filter(r -> !r.pkg().equals(C + "testing"))
        .map(
            r ->
                DynamicTest.dynamicTest(
                    r.pkg(),
                    () ->
                        classes()
                            .that()
                            .resideInAPackage(r.pkg())
                            .should()
                            .onlyDependOnClassesThat()
                            .resideInAnyPackage(allowed(r, List.of()))
                            .check(MAIN)));
  }

  @TestFactory
  Stream<DynamicTest> testClasses_dependOnlyOnTheirRoomsAllowListAndTestSupport() {
    return ROOMS.stream()
        .map(
            r ->
                DynamicTest.dynamicTest(
                    r.pkg(),
                    () -> {
                      List<String> extra = new ArrayList<>(TEST_SUPPORT);
                      extra.addAll(r.testsMayAlsoUse());
                      String[] allowed = allowed(r, extra);
                      classes()
                          .that()
                          .resideInAPackage(r.pkg())
                          .should()
                          .onlyDependOnClassesThat()
                          .resideInAnyPackage(allowed)
                          .allowEmptyShould(true)
                          .check(TESTS);
                    }));
  }

  @Test
  void everyClass_livesInARoom() {
    String[] rooms = ROOMS.stream().map(Room::pkg).toArray(String[]::new);
    classes().should().resideInAnyPackage(rooms).check(MAIN);
    // this test, in the module's root package, is the one class outside the rooms
    classes()
        .that()
        .resideOutsideOfPackage("org.vfiomc.conformance")
        .should()
        .resideInAnyPackage(rooms)
        .check(TESTS);
  }

  @Test
  void packages_areFreeOfCycles() {
    slices().matching("org.vfiomc.conformance.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void onlyTheCli_touchesStandardStreamsOrExits() {
    noClasses()
        .that()
        .resideOutsideOfPackage(C + "cli")
        .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
        .check(MAIN);
    noClasses()
        .that()
        .resideOutsideOfPackage(C + "cli")
        .should()
        .callMethod(System.class, "exit", int.class)
        .check(MAIN);
  }

  private static String[] allowed(Room r, List<String> extra) {
    List<String> all = new ArrayList<>();
    all.add(r.pkg());
    all.addAll(r.mayUse());
    all.addAll(extra);
    return all.toArray(String[]::new);
  }
}
