package org.vfiomc.conformance.cli;

/** Entry point of {@code conformance.jar}; the only class that touches standard streams or exits. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("vfiomc conformance (skeleton)");
  }
}
