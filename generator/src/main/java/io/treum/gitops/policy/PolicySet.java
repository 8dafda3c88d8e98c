package io.treum.gitops.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The policies of a run: the compiled modules the Wasm engine evaluates and the catalogue that
 * describes their rules (titles, severities, remediation, whether a waiver may accept them).
 *
 * @param modules the compiled modules; the first is usually TREUM's own
 * @param catalogue the rules' metadata
 */
public record PolicySet(List<PolicyModule> modules, RuleCatalogue catalogue) {
  /** Where the treum-policies jar keeps the compiled gate and its catalogue. */
  public static final String BUNDLED_FOLDER = "io/treum/gitops/policies/";

  /** The artifact that carries the bundled policies. */
  public static final String BUNDLED_ARTIFACT = "io.treum.gitops:treum-policies";

  public PolicySet {
    modules = List.copyOf(modules);
    Objects.requireNonNull(catalogue, "catalogue");
  }

  /**
   * TREUM's policies from the treum-policies jar on {@code loader}'s classpath.
   *
   * @throws PolicyException when the jar is not on the classpath or its resources are invalid
   */
  public static PolicySet bundled(ClassLoader loader) {
    byte[] wasm = resource(loader, "policy.wasm");
    String rules = new String(resource(loader, "rules.json"), StandardCharsets.UTF_8);
    try {
      return new PolicySet(
          List.of(new PolicyModule("treum-policies/policy.wasm", wasm)),
          RuleCatalogue.read(rules, "treum-policies/rules.json"));
    } catch (RuleCatalogueException e) {
      throw new PolicyException(e.getMessage(), e);
    }
  }

  /** This set and {@code other}'s modules and rules together. */
  public PolicySet with(PolicySet other) {
    List<PolicyModule> merged = Stream.concat(modules.stream(), other.modules.stream()).toList();
    try {
      return new PolicySet(merged, catalogue.with(other.catalogue));
    } catch (RuleCatalogueException e) {
      throw new PolicyException(e.getMessage(), e);
    }
  }

  private static byte[] resource(ClassLoader loader, String name) {
    try (InputStream in = loader.getResourceAsStream(BUNDLED_FOLDER + name)) {
      if (in == null) {
        throw new PolicyException(
            "TREUM's policies are not on the classpath ("
                + BUNDLED_FOLDER
                + name
                + " is missing): add "
                + BUNDLED_ARTIFACT
                + " as a dependency of the treum plugin, or pass policies with treum.policies");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BUNDLED_FOLDER + name, e);
    }
  }
}
