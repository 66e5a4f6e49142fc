package org.vfiomc.conformance.guest;

import org.vfiomc.conformance.emulator.Vf82599;

/** The VF's BAR0 as the guest sees it: 32-bit reads and writes. */
public interface Bar {
  /** 32-bit MMIO read. */
  int read(int offset);

  /** 32-bit MMIO write. */
  void write(int offset, int value);

  /** The BAR of an emulated VF. */
  static Bar of(Vf82599 vf) {
    return new Bar() {
      @Override
      public int read(int offset) {
        return vf.mmioRead(offset);
      }

      @Override
      public void write(int offset, int value) {
        vf.mmioWrite(offset, value);
      }
    };
  }
}
