package org.vfiomc.conformance.vfio;

/** The device-side state of one data session; the fd is only a handle onto it. */
abstract class DataSession {
  final ByteQueue bytes = new ByteQueue();
  private boolean ended;

  abstract Arc.SessionKind kind();

  boolean ended() {
    return ended;
  }

  void end() {
    ended = true;
  }

  /** Saving: the stream the source produces and the reader's position in it. */
  static final class Saving extends DataSession {
    final MigrationStreamWriter writer;
    int readPos;

    /** End of the initial image (header plus first pre-copy image); 0 for a STOP_COPY session. */
    int initialEnd;

    long lastImageDigest;

    /** The newest image of the session, whole (the base of the next increment); null before. */
    byte[] lastImage;

    /** Whole or incremental images, fixed when the session starts. */
    final ImageMode mode;

    boolean finalized;

    /** An incremental SAVE command is running ({@link SaveMode#ASYNCHRONOUS}). */
    boolean saveInFlight;

    Saving(MigrationStreamWriter writer, ImageMode mode) {
      this.writer = writer;
      this.mode = mode;
    }

    @Override
    Arc.SessionKind kind() {
      return Arc.SessionKind.SAVING;
    }
  }

  /** Resuming: the bytes written so far, parsed and loaded by RESUMING→STOP. */
  static final class Resuming extends DataSession {
    @Override
    Arc.SessionKind kind() {
      return Arc.SessionKind.RESUMING;
    }
  }
}
