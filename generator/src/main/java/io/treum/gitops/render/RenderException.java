package io.treum.gitops.render;

/**
 * A render or check that cannot go on because of the user's input or tree (an output directory that
 * is a file or symlink, a drifted committed tree). The message names the path and the fix.
 */
public class RenderException extends RuntimeException {
  public RenderException(String message) {
    super(message);
  }

  public RenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
