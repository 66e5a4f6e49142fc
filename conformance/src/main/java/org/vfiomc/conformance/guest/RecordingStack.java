package org.vfiomc.conformance.guest;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.vfiomc.conformance.emulator.packet.Frame;

/** A network stack that keeps a copy of every frame it receives, in order, with its ring slot. */
public final class RecordingStack implements RxStack {
  /** One received frame and where the driver found its EOP descriptor. */
  public record Received(Frame frame, int queue, int descIndex) {}

  private final List<Received> received = new ArrayList<>();

  @Override
  public void receive(byte[] buf, int len, int queue, int descIndex) {
    received.add(new Received(Frame.copyOf(buf, 0, len), queue, descIndex));
  }

  /** Everything received so far, oldest first. */
  public ImmutableList<Received> received() {
    return ImmutableList.copyOf(received);
  }
}
