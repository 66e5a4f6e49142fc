package org.vfiomc.checker.tlc.child;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The distributed server's and workers' RMI sockets listen on loopback unless told otherwise. */
final class BoundSocketsTest {
  @Test
  void listensOnTheGivenAddressOnly() throws Exception {
    try (ServerSocket s =
        new BoundSockets(InetAddress.getLoopbackAddress()).createServerSocket(0)) {
      assertTrue(s.getInetAddress().isLoopbackAddress(), s.toString());
    }
  }
}
