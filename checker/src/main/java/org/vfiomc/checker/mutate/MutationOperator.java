package org.vfiomc.checker.mutate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The mutation operators of {@code checker mutate}; where each applies is documented on {@code
 * org.vfiomc.checker.sany.MutationSites}, which finds the sites.
 */
public enum MutationOperator {
  /** An unprimed conjunct of an action becomes {@code TRUE}. */
  DROP_GUARD("drop-guard"),
  /** {@code x' = e} in an action becomes {@code x' = x}. */
  KEEP_VALUE("keep-value"),
  /** A disjunct of an action (Next included) becomes {@code FALSE}. */
  DROP_DISJUNCT("drop-disjunct"),
  /** {@code <} and {@code <=} (also {@code >} and {@code >=}) trade places. */
  SWAP_LESS("swap-less"),
  /** {@code =} and {@code #} trade places. */
  SWAP_EQUAL("swap-equal"),
  /** {@code \in} and {@code \notin} trade places. */
  SWAP_MEMBER("swap-member"),
  /** {@code \cup} and {@code \cap} trade places. */
  SWAP_UNION("swap-union"),
  /** An integer literal {@code n} in an action becomes {@code n+1} or {@code n-1}. */
  OFF_BY_ONE("off-by-one"),
  /** The THEN and ELSE branches of an IF trade places. */
  SWAP_IF("swap-if");

  private final String id;

  MutationOperator(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Parses {@link #id()}; throws {@link IllegalArgumentException} naming the valid ids. */
  public static MutationOperator fromId(String id) {
    for (MutationOperator o : values()) {
      if (o.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "unknown mutation operator '" + id + "' (expected one of " + ids() + ")");
  }

  /** All ids, comma-separated. */
  public static String ids() {
    return Arrays.stream(values()).map(MutationOperator::id).collect(Collectors.joining(", "));
  }
}
