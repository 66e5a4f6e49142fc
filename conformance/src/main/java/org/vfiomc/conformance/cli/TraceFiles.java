package org.vfiomc.conformance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How {@code replay} finds and reads trace files without letting one bad file stop a batch: the
 * file type is checked before anything is opened (a FIFO named {@code *.itf.json} would block
 * {@code open} forever), the size before anything is read (a trace is parsed into a JSON tree about
 * 25 times its size), and the bytes are decoded as strict UTF-8 (JSON's encoding, RFC 8259 §8.1),
 * so a UTF-16 file or stray bytes are named with their offset rather than turned into U+FFFD or an
 * exception without a file name. Every problem is an {@link Unreadable} carrying the reason; the
 * caller reports it with the file name and goes on.
 */
final class TraceFiles {
  private TraceFiles() {}

  /** Default of {@code replay --max-trace-mib}: far above the largest committed trace (73 KB). */
  static final int DEFAULT_MAX_MIB = 32;

  /** A trace file that cannot be read as UTF-8 text; {@link #getMessage} is the reason. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String reason) {
      super(reason);
    }
  }

  /** A file or directory argument, and what listing it found unreadable. */
  record Listing(List<Path> files, List<ReplayResult.UnreadableTrace> unreadable) {
    Listing {
      files = List.copyOf(files);
      unreadable = List.copyOf(unreadable);
    }
  }

  /**
   * The {@code *.itf.json} files under a directory, sorted; entries the walk cannot enter (a
   * directory without permission, a loop) are listed as unreadable. Symbolic links are not followed
   * into directories; a link named {@code *.itf.json} is listed and checked when read.
   */
  static Listing walk(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    List<ReplayResult.UnreadableTrace> bad = new ArrayList<>();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
            if (f.getFileName().toString().endsWith(".itf.json")) {
              files.add(f);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path f, IOException e) {
            bad.add(new ReplayResult.UnreadableTrace(f.toString(), reason(e)));
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(null);
    return new Listing(files, bad);
  }

  /**
   * The text of a trace file: checks type and size first, then reads and decodes strict UTF-8 (a
   * UTF-8 byte-order mark is skipped, as RFC 8259 allows).
   *
   * @param maxBytes the size limit
   */
  static String read(Path f, long maxBytes) throws Unreadable {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(f, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new Unreadable(reason(e));
    }
    if (attrs.isDirectory()) {
      throw new Unreadable("a directory, not a trace file");
    }
    if (!attrs.isRegularFile()) {
      throw new Unreadable(
          "not a regular file (a FIFO, socket or device): not opened, it could block for ever");
    }
    if (attrs.size() > maxBytes) {
      throw new Unreadable(tooLarge(attrs.size(), maxBytes));
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(f)) {
      // the file may have grown since its size was read: never read more than the limit + 1
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, maxBytes + 1));
    } catch (IOException e) {
      throw new Unreadable(reason(e));
    }
    if (bytes.length > maxBytes) {
      throw new Unreadable(tooLarge(bytes.length, maxBytes));
    }
    return decode(bytes);
  }

  private static String tooLarge(long size, long maxBytes) {
    return String.format(
        Locale.ROOT,
        "too large: %d bytes, the limit is %d MiB (--max-trace-mib; a trace takes about 25 times"
            + " its size in memory while it is decoded)",
        size,
        maxBytes >> 20);
  }

  /** Strict UTF-8 text of {@code bytes}; a UTF-16/32 file or invalid bytes are named. */
  static String decode(byte[] bytes) throws Unreadable {
    int n = bytes.length;
    if (n >= 2
        && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
            || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
      throw new Unreadable("UTF-16 or UTF-32 text (byte-order mark); ITF is UTF-8 JSON");
    }
    int start =
        n >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
            ? 3
            : 0;
    for (int i = start; i < Math.min(n, start + 4); i++) {
      if (bytes[i] == 0) {
        // JSON text starts with ASCII: a NUL among its first bytes is UTF-16 or UTF-32 without a
        // BOM
        throw new Unreadable(
            "NUL byte at offset " + i + ": UTF-16 or UTF-32 text? ITF is UTF-8 JSON");
      }
    }
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, n - start);
    CharBuffer out = CharBuffer.allocate(n - start);
    CoderResult r = d.decode(in, out, true);
    if (r.isError()) {
      throw new Unreadable(
          "not valid UTF-8: "
              + r.length()
              + " malformed byte(s) at offset "
              + in.position()
              + " (0x"
              + String.format(Locale.ROOT, "%02X", bytes[in.position()] & 0xFF)
              + "); ITF is UTF-8 JSON");
    }
    d.flush(out);
    out.flip();
    return out.toString();
  }

  /** A sentence for an I/O failure on a path (the exception's message is only the path). */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file (or a dangling symbolic link)";
    } else if (e instanceof AccessDeniedException) {
      return "permission denied";
    } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
      String r = fse.getReason();
      return r.toLowerCase(Locale.ROOT).contains("symbolic link")
          ? r + " (a symbolic link loop?)"
          : r;
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
