package org.vfiomc.conformance.testing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.ByteArrayOutputStream;

/** Structured edits of a valid input, driven by a fuzzer (the fuzz targets' common mutator). */
public final class ByteEdits {
  private ByteEdits() {}

  /** {@code base} with up to 8 edits: set a byte, insert bytes, or cut a range. */
  public static byte[] edit(byte[] base, FuzzedDataProvider data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] s = base.clone();
    int edits = data.consumeInt(0, 8);
    for (int i = 0; i < edits && s.length > 0; i++) {
      int at = data.consumeInt(0, s.length - 1);
      switch (data.consumeInt(0, 2)) {
        case 0 -> s[at] = data.consumeByte();
        case 1 -> {
          byte[] ins = data.consumeBytes(data.consumeInt(0, 16));
          out.reset();
          out.write(s, 0, at);
          out.writeBytes(ins);
          out.write(s, at, s.length - at);
          s = out.toByteArray();
        }
        default -> {
          int len = data.consumeInt(0, s.length - at);
          out.reset();
          out.write(s, 0, at);
          out.write(s, at + len, s.length - at - len);
          s = out.toByteArray();
        }
      }
    }
    return s;
  }
}
