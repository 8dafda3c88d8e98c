package io.treum.gitops.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * TREUM's policies with the user's from {@code treum.policies} (see {@link PolicySources} for what
 * an entry may be).
 *
 * <p>User Rego is compiled together with TREUM's Rego into one module that <em>replaces</em> the
 * bundled one — evaluating both would report every TREUM finding twice — and its rules' catalogue
 * comes from their {@code # METADATA} ({@link AnnotatedRules}). Compiled {@code .wasm} modules are
 * evaluated in addition, with the rules of the {@code rules.json} files.
 */
public final class UserPolicies {
  private final ClassLoader bundledPolicies;
  private final Map<String, String> environment;

  /**
   * @param bundledPolicies the class loader that has treum-policies
   * @param environment the process environment, where opa is looked for ({@code TREUM_OPA}, {@code
   *     TREUM_TOOLS_BIN}, {@code PATH})
   */
  public UserPolicies(ClassLoader bundledPolicies, Map<String, String> environment) {
    this.bundledPolicies = Objects.requireNonNull(bundledPolicies, "bundledPolicies");
    this.environment = Map.copyOf(environment);
  }

  /**
   * The policies of a run with {@code treum.policies} set to {@code entries}.
   *
   * @throws PolicyInputException when an entry cannot be used, opa is missing for Rego, or the Rego
   *     does not compile; the message names the file and the fix
   * @throws PolicyException when TREUM's own policies cannot be loaded
   */
  public PolicySet load(List<Path> entries) {
    PolicySources sources = PolicySources.read(entries);
    PolicySet bundled = PolicySet.bundled(bundledPolicies);
    PolicySet base = bundled;
    if (!sources.rego().isEmpty()) {
      RegoCompiler.Compiled compiled =
          new RegoCompiler(bundledPolicies, environment).compile(sources.rego());
      base = new PolicySet(List.of(compiled.module()), catalogue(bundled, compiled.catalogue()));
    }
    List<PolicyModule> modules =
        Stream.concat(base.modules().stream(), sources.modules().stream()).toList();
    return new PolicySet(modules, catalogue(base, sources.catalogue()));
  }

  private static RuleCatalogue catalogue(PolicySet policies, RuleCatalogue more) {
    try {
      return policies.catalogue().with(more);
    } catch (RuleCatalogueException e) {
      throw new PolicyInputException(e.getMessage(), e);
    }
  }
}
