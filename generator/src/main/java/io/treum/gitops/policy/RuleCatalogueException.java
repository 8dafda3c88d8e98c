package io.treum.gitops.policy;

/**
 * A rule catalogue that cannot be read: not JSON, not a list of rules, a rule with a missing or
 * unknown field, a repeated or reserved id. The message names the catalogue and the rule. A policy
 * problem: validation fails closed on it.
 */
public class RuleCatalogueException extends RuntimeException {
  public RuleCatalogueException(String message) {
    super(message);
  }

  public RuleCatalogueException(String message, Throwable cause) {
    super(message, cause);
  }
}
