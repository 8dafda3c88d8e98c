package io.treum.gitops.policy;

import java.util.Map;
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
  private final Map<String, String> environment;

  /**
   * @param bundledPolicies the class loader that has treum-policies
   */
  public PolicyEngines(ClassLoader bundledPolicies) {
    this(bundledPolicies, System.getenv());
  }

  /**
   * @param bundledPolicies the class loader that has treum-policies
   * @param environment the process environment, where opa is looked for to compile the Rego of
   *     {@code treum.policies} (see {@link UserPolicies})
   */
  public PolicyEngines(ClassLoader bundledPolicies, Map<String, String> environment) {
    this.bundledPolicies = Objects.requireNonNull(bundledPolicies, "bundledPolicies");
    this.environment = Map.copyOf(environment);
  }

  /** The selection for a request. */
  public Selection select(ValidateRequest request) {
    PolicySet policies =
        request.policies().isEmpty()
            ? PolicySet.bundled(bundledPolicies)
            : new UserPolicies(bundledPolicies, environment).load(request.policies());
    if (request.opaUrl() != null) {
      // the server evaluates the Rego it was started with; the bundled catalogue describes it
      return new Selection(policies, new OpaServerEngine(OpaServerAddress.of(request.opaUrl())));
    }
    return new Selection(policies, new WasmPolicyEngine(policies.modules()));
  }
}
