package org.vfiomc.conformance.emulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Layering of the emulator (style guide §2): arrows point one way. */
final class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.vfiomc.conformance");

  @Test
  void emulator_knowsNothingOfGuestLedgerOrOrchestration() {
    noClasses()
        .that()
        .resideInAPackage("..conformance.emulator..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..conformance.guest..",
            "..conformance.ledger..",
            "..conformance.orchestrator..",
            "..conformance.cli..")
        .check(CLASSES);
  }

  @Test
  void registers_knowNothingOfRingsMailboxOrState() {
    noClasses()
        .that()
        .resideInAPackage("..emulator.regs..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..emulator.ring..", "..emulator.mailbox..", "..emulator.state..", "..emulator.dma..")
        .check(CLASSES);
  }

  @Test
  void stateValues_dependOnlyOnPacketValues() {
    noClasses()
        .that()
        .resideInAPackage("..emulator.state..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..emulator.regs..", "..emulator.ring..", "..emulator.mailbox..", "..emulator.dma..")
        .check(CLASSES);
  }

  @Test
  void emulatorAndGuest_neverTouchStandardStreams() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "..conformance.emulator..", "..conformance.guest..", "..conformance.ledger..")
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .orShould()
        .callMethod(System.class, "exit", int.class)
        .check(CLASSES);
  }
}
