package io.treum.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
