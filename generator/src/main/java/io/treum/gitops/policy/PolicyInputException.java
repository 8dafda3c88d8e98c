package io.treum.gitops.policy;

/**
 * What validation was asked to check is invalid: an environment profile with an unknown field, an
 * environment that is not in the tree, a policy path that does not exist. The message names the
 * file or parameter and the fix.
 */
public class PolicyInputException extends PolicyException {
  public PolicyInputException(String message) {
    super(message);
  }

  public PolicyInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
