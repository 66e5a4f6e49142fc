package org.vfiomc.checker.mutate;

/** Bad input to {@code checker mutate}: the message names what and where (CLI exit 2). */
public final class MutateException extends Exception {
  private static final long serialVersionUID = 1L;

  public MutateException(String message) {
    super(message);
  }
}
