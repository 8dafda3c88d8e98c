package io.treum.gitops.bump;

/**
 * A bump that cannot be done as asked: an invalid image, tag or digest, an environment without the
 * image, a kustomization that cannot be edited safely, a downgrade, a policy violation, a rejected
 * push that retrying cannot fix. The message names the parameter, file or rule and the fix, and
 * never a credential. Nothing was committed or pushed.
 */
public class BumpException extends RuntimeException {
  public BumpException(String message) {
    super(message);
  }

  public BumpException(String message, Throwable cause) {
    super(message, cause);
  }
}
