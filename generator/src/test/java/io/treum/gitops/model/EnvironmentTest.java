package io.treum.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentTest {

  /** An environment name becomes the folder overlays/<name>: nothing that could leave it. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "..",
        ".",
        "../prod",
        "prod/../..",
        "a/b",
        "/abs",
        "Prod",
        "PROD",
        "prod_eu",
        "prod.eu",
        "-prod",
        "prod-",
        "prod ",
        "pröd",
        "prod\n",
      })
  void buildRefusesNamesThatCannotBeAnOverlayFolder(String name) {
    Environment.Builder builder = Environment.named(name).region("ap-south-1");
    assertThatThrownBy(builder::build)
        .isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("environment name '" + name + "'")
        .hasMessageContaining("DNS-1123 label");
  }

  @Test
  void buildRefusesANullOrTooLongName() {
    assertThatThrownBy(() -> Environment.named(null).build())
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("'null'");
    String tooLong = "e".repeat(64);
    assertThatThrownBy(() -> Environment.named(tooLong).build())
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining(tooLong);
    assertThat(Environment.named("e".repeat(63)).build().name()).hasSize(63);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Team", "team_a", "a.b", "", "-a", "kube system"})
  void anInvalidNamespaceIsNamed(String namespace) {
    assertThatThrownBy(() -> Environment.named("prod").namespace(namespace))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("namespace of environment prod")
        .hasMessageContaining("'" + namespace + "'");
  }

  @Test
  void anInvalidLabelIsNamed() {
    assertThatThrownBy(() -> Environment.named("prod").label("treum.io/env", "not valid"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("environment prod")
        .hasMessageContaining("'not valid'");
    assertThatThrownBy(() -> Environment.named("prod").label("Bad Key", "x"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("'Bad Key'");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -0.5, 1.01, Double.NaN, Double.POSITIVE_INFINITY})
  void capacityFactorMustBeAShare(double factor) {
    assertThatThrownBy(() -> Environment.named("dr").capacityFactor(factor))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("environment 'dr'")
        .hasMessageContaining(String.valueOf(factor));
  }

  @Test
  void missingParametersAndRegistryAreNamedWithTheFix() {
    Environment env = Environment.named("prod").build();
    assertThatThrownBy(() -> env.parameter("DATABASE_HOST"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("environment 'prod' has no parameter 'DATABASE_HOST'")
        .hasMessageContaining(".parameter(\"DATABASE_HOST\"");
    assertThatThrownBy(() -> env.image("api", "1.0"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("environment 'prod' has no registry")
        .hasMessageContaining(".registry(");
  }

  @Test
  void policyParametersAreKeptApartFromWorkloadParameters() {
    Environment env =
        Environment.named("staging")
            .tier(Environment.Tier.NON_PRODUCTION)
            .zones(2)
            .allowedRegistries("registry.example.com")
            .mesh(Environment.Mesh.NONE)
            .mlNodeGroup("gpu")
            .nodeGroup("default", Map.of("cpu", "7500m", "memory", "28Gi"))
            .policyParameter("owner", "team-a")
            .parameter("DATABASE_HOST", "db.internal")
            .build();

    assertThat(env.policyParameters())
        .containsOnlyKeys(
            "tier", "zones", "registries", "mesh", "mlNodeGroup", "nodeGroups", "owner")
        .containsEntry("tier", "non-production")
        .containsEntry("zones", 2)
        .containsEntry("registries", List.of("registry.example.com"))
        .containsEntry("mesh", "none")
        .containsEntry("nodeGroups", Map.of("default", Map.of("cpu", "7500m", "memory", "28Gi")));
    assertThat(env.parameters()).containsOnlyKeys("DATABASE_HOST");
    assertThat(env.standbyOf()).isEmpty();
  }

  @Test
  void policyParameterValuesAreCopiedAndUnmodifiable() {
    List<Object> windows = new ArrayList<>(List.of("sat"));
    Map<String, Object> nested = new HashMap<>(Map.of("windows", windows, "limit", 7L));
    Environment env = Environment.named("prod").policyParameter("review", nested).build();
    windows.add("sun");
    nested.put("extra", true);

    Object review = env.policyParameters().get("review");
    assertThat(review).isEqualTo(Map.of("limit", 7L, "windows", List.of("sat")));
    assertThatThrownBy(() -> env.policyParameters().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) review;
    assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "account",
        "capacityFactor",
        "primary",
        "tier",
        "zones",
        "registries",
        "mesh",
        "mlNodeGroup",
        "nodeGroups"
      })
  void theGateParametersAreSetByTypedMethodsOrDerived(String name) {
    assertThatThrownBy(() -> Environment.named("prod").policyParameter(name, "x"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("environment 'prod'")
        .hasMessageContaining("policyParameter(\"" + name + "\"")
        .hasMessageMatching("(?s).*(use \\.|derived).*");
  }

  @Test
  void policyParameterValuesMustFitInYaml() {
    Environment.Builder builder = Environment.named("prod");
    assertThatThrownBy(() -> builder.policyParameter("limit", Double.NaN))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("policy parameter limit is a java.lang.Double (NaN)");
    assertThatThrownBy(() -> builder.policyParameter("when", java.time.Instant.EPOCH))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("java.time.Instant");
    assertThatThrownBy(() -> builder.policyParameter("list", Arrays.asList("a", null)))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("policy parameter list[1] is null");
    assertThatThrownBy(() -> builder.policyParameter("map", Map.of(1, "a")))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("policy parameter map has the key 1; use string keys");
    assertThatThrownBy(() -> builder.policyParameter(" ", "a"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("needs a name");
  }

  @Test
  void typedPolicyParametersRefuseValuesTheGateCannotUse() {
    Environment.Builder builder = Environment.named("prod");
    assertThatThrownBy(() -> builder.zones(0))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("zones(0) must be at least 1");
    assertThatThrownBy(() -> builder.allowedRegistries("ghcr.io/team"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("'ghcr.io/team'");
    assertThatThrownBy(() -> builder.allowedRegistries())
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("at least one host");
    assertThatThrownBy(() -> builder.mlNodeGroup("GPU nodes"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("mlNodeGroup 'GPU nodes'");
    assertThatThrownBy(() -> builder.nodeGroup("default", Map.of()))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("node group 'default' needs its allocatable resources");
    assertThatThrownBy(() -> builder.nodeGroup("default", Map.of("cpu", " ")))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("resource cpu = ' '");
  }

  @Test
  void standbyOfNamesThePrimaryUntilTheRoleChangesBack() {
    Environment dr = Environment.named("dr").standbyOf("production").build();
    assertThat(dr.role()).isEqualTo(Environment.Role.STANDBY);
    assertThat(dr.standbyOf()).contains("production");
    assertThat(dr.policyParameters()).containsEntry("primary", "production");

    Environment promoted = Environment.named("dr").standbyOf("production").primary().build();
    assertThat(promoted.standbyOf()).isEmpty();
    assertThat(promoted.policyParameters()).isEmpty();

    assertThatThrownBy(() -> Environment.named("dr").standbyOf("dr"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("must name another environment");
  }
}
