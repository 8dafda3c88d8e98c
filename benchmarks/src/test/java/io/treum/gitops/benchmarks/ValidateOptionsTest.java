package io.treum.gitops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidateOptionsTest {
  @Test
  void defaultsAreIssue4sSizesWithAllNamespacesUpTo100() {
    ValidateOptions options = ValidateOptions.parse();

    assertThat(options.sizes()).containsExactly(100, 500, 1000);
    assertThat(options.maxServices(ConftestPipeline.Mode.CROSS_RULES_ONCE)).isEqualTo(1000);
    assertThat(options.maxServices(ConftestPipeline.Mode.ALL_NAMESPACES)).isEqualTo(100);
  }

  @Test
  void argumentsOverrideTheDefaults() {
    ValidateOptions options =
        ValidateOptions.parse(
            "--sizes=5, 50",
            "--warmup-rounds=0",
            "--rounds=2",
            "--time-budget-seconds=20",
            "--conftest-max-services=50",
            "--all-namespaces-max-services=0",
            "--conftest-rounds=3",
            "--engine-warmup-seconds=5",
            "--conftest-timeout-seconds=60",
            "--rego=/policies/rego",
            "--work-dir=/tmp/validate");

    assertThat(options)
        .isEqualTo(
            new ValidateOptions(
                List.of(5, 50),
                0,
                2,
                Duration.ofSeconds(20),
                Duration.ofSeconds(5),
                50,
                0,
                3,
                Duration.ofSeconds(60),
                Path.of("/policies/rego"),
                Path.of("/tmp/validate")));
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> ValidateOptions.parse("--conftest=1"))
        .hasMessageContaining("unknown option --conftest")
        .hasMessageContaining("usage: ValidateBenchmark");
    assertThatThrownBy(() -> ValidateOptions.parse("--rounds=few"))
        .hasMessageContaining("--rounds needs a whole number, not 'few'");
    assertThatThrownBy(() -> ValidateOptions.parse("--sizes=100,-1"))
        .hasMessageContaining("sizes must be positive");
    assertThatThrownBy(() -> ValidateOptions.parse("--conftest-rounds=0"))
        .hasMessageContaining("rounds and conftest-rounds ≥ 1");
  }
}
