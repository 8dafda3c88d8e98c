package io.treum.gitops.kustomize;

/**
 * A Kustomize tree that cannot be built: an unsupported field, a patch that matches nothing, a file
 * outside the kustomization root. The message names the file or resource and the fix.
 */
public class KustomizeException extends RuntimeException {
  public KustomizeException(String message) {
    super(message);
  }

  public KustomizeException(String message, Throwable cause) {
    super(message, cause);
  }
}
