package io.treum.gitops.kustomize;

/** A YAML file or stream that cannot be read safely; the message names the source. */
public final class YamlException extends RuntimeException {
  private final String source;

  public YamlException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
    this.source = source;
  }

  /** The file or stream that failed. */
  public String source() {
    return source;
  }
}
