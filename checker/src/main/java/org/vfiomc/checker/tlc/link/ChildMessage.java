package org.vfiomc.checker.tlc.link;

import java.util.List;
import java.util.Objects;
import org.vfiomc.checker.result.ActionCoverage;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ModelSource;

/**
 * One message on the link from a forked TLC process to the checker: one JSON object per line,
 * written by {@link LinkWriter} and read, field by field, by {@link ChildLink}. A run sends any
 * number of {@link Progress} messages, then exactly one {@link Result}.
 */
public sealed interface ChildMessage {
  /**
   * TLC's counters while it runs ({@code {"event":"progress","depth":..,"generated":..,
   * "distinct":..,"queue":..}}).
   */
  record Progress(long depth, long generated, long distinct, long queue) implements ChildMessage {}

  /**
   * TLC's coverage statistics when the run ends, sent before the result when {@code -coverage} was
   * asked for ({@code {"event":"coverage","actions":[{"action":..,"module":..,"line":..,
   * "column":..,"initial":..,"distinct":..,"generated":..}]}}, the form of the results file's
   * {@code coverage} array).
   */
  record Coverage(List<ActionCoverage> actions) implements ChildMessage {
    public Coverage {
      actions = List.copyOf(actions);
    }
  }

  /**
   * The run's outcome ({@code {"event":"result","properties":[..],"module":"..","constants":{ITF
   * values, model values tagged},"outcome":{the internal form of OutcomeJson.encodeOutcome}}}).
   *
   * @param properties the invariants and properties the configuration checks
   * @param source module and constants TLC loaded (its {@code specSha256} is not sent: the parent
   *     computes it before the child reads the files)
   * @param outcome what TLC concluded
   */
  record Result(List<String> properties, ModelSource source, CheckOutcome outcome)
      implements ChildMessage {
    public Result {
      properties = List.copyOf(properties);
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(outcome, "outcome");
    }
  }
}
