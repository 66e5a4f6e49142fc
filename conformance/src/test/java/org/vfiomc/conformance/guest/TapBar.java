package org.vfiomc.conformance.guest;

import java.util.ArrayList;
import java.util.List;
import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * A BAR between the driver and a VF: it records every write in order and lets a test change what
 * the driver reads (a PF that answers otherwise, a bit that never shows), leaving the VF itself as
 * it is. The words the driver last wrote to VFMBMEM are its current mailbox request.
 */
final class TapBar implements Bar {
  /** One MMIO write. */
  record Write(int offset, int value) {}

  /** What the driver reads instead of {@code value}: {@code request} is its current message. */
  interface ReadFilter {
    int read(int offset, int value, int[] request);
  }

  private final Bar inner;
  private final int[] request = new int[VfRegs.MBMEM_WORDS];
  final List<Write> writes = new ArrayList<>();
  ReadFilter filter = (offset, value, req) -> value;
  int mailboxReads;

  TapBar(Bar inner) {
    this.inner = inner;
  }

  @Override
  public int read(int offset) {
    if (offset == VfRegs.VFMAILBOX) {
      mailboxReads++;
    }
    return filter.read(offset, inner.read(offset), request.clone());
  }

  @Override
  public void write(int offset, int value) {
    writes.add(new Write(offset, value));
    if (offset >= VfRegs.VFMBMEM && offset < VfRegs.VFMBMEM + 4 * VfRegs.MBMEM_WORDS) {
      request[(offset - VfRegs.VFMBMEM) / 4] = value;
    }
    inner.write(offset, value);
  }

  /** The values written to {@code offset}, in order. */
  List<Integer> writesTo(int offset) {
    List<Integer> v = new ArrayList<>();
    for (Write w : writes) {
      if (w.offset() == offset) {
        v.add(w.value());
      }
    }
    return v;
  }

  /** The last value written to {@code offset}; fails if none was. */
  int last(int offset) {
    List<Integer> v = writesTo(offset);
    if (v.isEmpty()) {
      throw new AssertionError("no write to 0x" + Integer.toHexString(offset));
    }
    return v.get(v.size() - 1);
  }

  /** Index in {@link #writes} of the first write of {@code value} to {@code offset}, or -1. */
  int indexOf(int offset, int value) {
    return writes.indexOf(new Write(offset, value));
  }

  /** The message ids (word 0, low 16 bits) of the requests sent (each REQ write), in order. */
  List<Integer> requestsSent() {
    List<Integer> ids = new ArrayList<>();
    int w0 = 0;
    for (Write w : writes) {
      if (w.offset() == VfRegs.VFMBMEM) {
        w0 = w.value();
      } else if (w.offset() == VfRegs.VFMAILBOX
          && (w.value() & org.vfiomc.conformance.emulator.mailbox.MboxMsg.MB_REQ) != 0) {
        ids.add(w0 & 0xFFFF);
      }
    }
    return ids;
  }
}
