package org.vfiomc.conformance.replay.rxdma;

import org.vfiomc.conformance.replay.SpecAction;

/** The disjuncts of {@code RxDma}'s {@code Next}, with their parameters. */
public sealed interface RxDmaAction extends SpecAction {
  /** The device writes frame {@code pkt} into the buffer of the descriptor at RDH. */
  record RxBuffer(int pkt) implements RxDmaAction {
    @Override
    public String tag() {
      return "RxBuffer";
    }
  }

  /** The device writes back the descriptor of frame {@code pkt}; RDH advances. */
  record RxWriteBack(int pkt) implements RxDmaAction {
    @Override
    public String tag() {
      return "RxWriteBack";
    }
  }

  /** Frame {@code pkt} is dropped before acceptance and counted. */
  record RxDrop(int pkt) implements RxDmaAction {
    @Override
    public String tag() {
      return "RxDrop";
    }
  }

  /** A parameterless action, named by its tag. */
  record Simple(Kind kind) implements RxDmaAction {
    @Override
    public String tag() {
      return kind.tag();
    }
  }

  /** Copy page {@code page} (buffer b is page b; page N is the ring). */
  record CopyPage(int page) implements RxDmaAction {
    @Override
    public String tag() {
      return "CopyPage";
    }
  }

  /** DirtyLag: the IOMMU sets the dirty bit of page {@code page} after the write landed. */
  record IommuMark(int page) implements RxDmaAction {
    @Override
    public String tag() {
      return "IommuMark";
    }
  }

  /** The parameterless actions (tags in the spec's spelling via {@link #tag}). */
  enum Kind {
    RXDUMMYREAD("RxDummyRead"),
    RXDUMMYWRITE("RxDummyWrite"),
    RXCHECK("RxCheck"),
    RXCHECKSTATUS("RxCheckStatus"),
    RXDELIVER("RxDeliver"),
    RXREFILL("RxRefill"),
    RXTAILWRITE("RxTailWrite"),
    STACKREAD("StackRead"),
    RXREINIT("RxReinit"),
    SYNCDIRTY("SyncDirty"),
    QUIESCERX("QuiesceRx"),
    PAUSEVCPUS("PauseVcpus"),
    STOPDEVICE("StopDevice"),
    STOPCOPY("StopCopy"),
    RESUME("Resume");

    private final String tag;

    Kind(String tag) {
      this.tag = tag;
    }

    /** The spec's operator name. */
    public String tag() {
      return tag;
    }
  }
}
