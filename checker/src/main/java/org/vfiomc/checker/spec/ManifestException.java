package org.vfiomc.checker.spec;

/** A bad manifest or model path: names the file and the field at fault. */
public final class ManifestException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String field;

  public ManifestException(String file, String field, String problem) {
    super(file + (field.isEmpty() ? "" : ": " + field) + ": " + problem);
    this.file = file;
    this.field = field;
  }

  public String file() {
    return file;
  }

  /** Where in the file, e.g. {@code models[2] "Foo".expected}; empty for the whole file. */
  public String field() {
    return field;
  }
}
