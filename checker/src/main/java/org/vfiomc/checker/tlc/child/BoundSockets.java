package org.vfiomc.checker.tlc.child;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMISocketFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The RMI sockets of a distributed TLC server or worker: every listening socket (the registry and
 * each exported object) is bound to one address, loopback unless the user names another ({@code
 * check --distributed --bind}, {@code worker --bind}). TLC itself listens on every interface.
 *
 * <p>A local check ({@link TlcChild}) serves nobody, yet TLC's fingerprint set ({@code
 * tlc2.tool.fp.FPSet}, a {@code UnicastRemoteObject}) is exported on an anonymous port all the
 * same, whose accept thread stays blocked in native code; HotSpot's exit waits about 0.3 s for such
 * threads ({@code VM_Exit::wait_for_threads_in_native_to_block}), and unexporting the set does not
 * close an anonymous port's socket. The child binds it to loopback and {@link #closeListening
 * closes} it before exiting.
 */
final class BoundSockets extends RMISocketFactory {
  private final InetAddress bind;
  private final List<ServerSocket> listening = new ArrayList<>();

  BoundSockets(InetAddress bind) {
    this.bind = bind;
  }

  /**
   * Installs the factory for this JVM's RMI, bound to the address of {@link
   * DistributedServerChild#BIND_PROPERTY}.
   */
  static InetAddress install() throws IOException {
    InetAddress address =
        InetAddress.getByName(
            System.getProperty(DistributedServerChild.BIND_PROPERTY, "127.0.0.1"));
    RMISocketFactory.setSocketFactory(new BoundSockets(address));
    return address;
  }

  /** Installs a loopback factory for this JVM's RMI (a local check's child). */
  static BoundSockets loopback() throws IOException {
    BoundSockets sockets = new BoundSockets(InetAddress.getLoopbackAddress());
    RMISocketFactory.setSocketFactory(sockets);
    return sockets;
  }

  @Override
  public synchronized ServerSocket createServerSocket(int port) throws IOException {
    ServerSocket s = new ServerSocket(port, 50, bind);
    listening.add(s);
    return s;
  }

  /** Closes every listening socket: RMI's accept threads end, and the JVM can exit at once. */
  synchronized void closeListening() {
    for (ServerSocket s : listening) {
      try {
        s.close();
      } catch (IOException e) {
        // closed already
      }
    }
    listening.clear();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return new Socket(host, port);
  }
}
