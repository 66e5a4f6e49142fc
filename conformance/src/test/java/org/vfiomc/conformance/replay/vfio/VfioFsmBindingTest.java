package org.vfiomc.conformance.replay.vfio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.trace.TlaValue;

/**
 * The note of a {@code VfioFsm} trace with a spec-only defect lists the supported defects in name
 * order, the same text in every run (with {@code Set.of} the order changed from one JVM to the
 * next, and so did the replay report).
 */
final class VfioFsmBindingTest {
  @Test
  void specOnlyDefectNote_listsTheSupportedDefectsInNameOrder() {
    Map<String, TlaValue> constants =
        Map.of(
            "Defects",
            new TlaValue.SetValue(java.util.List.of(new TlaValue.Str("DirtyNotReported"))));
    assertEquals(
        "[DirtyNotReported] cannot be configured in the device (supported:"
            + " [BusyWhenStopped, DirtyBytesUnderreport, DmaInStopCopy] and [ConcurrentSave])",
        new VfioFsmBinding().specOnlyDefects(constants).orElseThrow());
  }
}
