package org.vfiomc.checker.tlc.child;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMISocketFactory;

/**
 * The RMI sockets of a distributed TLC server or worker: every listening socket (the registry and
 * each exported object) is bound to one address, loopback unless the user names another ({@code
 * check --distributed --bind}, {@code worker --bind}). TLC itself listens on every interface.
 */
final class BoundSockets extends RMISocketFactory {
  private final InetAddress bind;

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

  @Override
  public ServerSocket createServerSocket(int port) throws IOException {
    return new ServerSocket(port, 50, bind);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return new Socket(host, port);
  }
}
