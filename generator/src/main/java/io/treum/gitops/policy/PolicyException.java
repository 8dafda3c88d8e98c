package io.treum.gitops.policy;

/**
 * The policies cannot be evaluated: a corrupt or foreign Wasm module, a policy that does not
 * compile, an OPA server that cannot be reached or answers nonsense, an evaluation that fails. The
 * message names the policy file, module or URL. Validation fails closed on it: a run that could not
 * evaluate its policies never passes.
 */
public class PolicyException extends RuntimeException {
  public PolicyException(String message) {
    super(message);
  }

  public PolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
