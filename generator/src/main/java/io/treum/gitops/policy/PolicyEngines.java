package io.treum.gitops.policy;

import java.util.Objects;

/**
 * Chooses the policies and the engine of a validation: TREUM's bundled policies plus the request's
 * {@code treum.policies}, evaluated in process ({@link WasmPolicyEngine}) unless {@code
 * treum.opa.url} names an OPA server ({@link OpaServerEngine}).
 */
public final class PolicyEngines {
  /** The policies of a run and the engine that evaluates them. */
  public record Selection(PolicySet policies, PolicyEngine engine) {
    public Selection {
      Objects.requireNonNull(policies, "policies");
      Objects.requireNonNull(engine, "engine");
    }
  }

  private final ClassLoader bundledPolicies;

  /**
   * @param bundledPolicies the class loader that has treum-policies
   */
  public PolicyEngines(ClassLoader bundledPolicies) {
    this.bundledPolicies = Objects.requireNonNull(bundledPolicies, "bundledPolicies");
  }

  /** The selection for a request. */
  public Selection select(ValidateRequest request) {
    PolicySet policies = PolicySet.bundled(bundledPolicies);
    if (!request.policies().isEmpty()) {
      throw new PolicyInputException(
          "treum.policies is not supported yet: validate with TREUM's bundled policies");
    }
    if (request.opaUrl() != null) {
      // the server evaluates the Rego it was started with; the bundled catalogue describes it
      return new Selection(policies, new OpaServerEngine(OpaServerAddress.of(request.opaUrl())));
    }
    return new Selection(policies, new WasmPolicyEngine(policies.modules()));
  }
}
