package io.treum.gitops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {
  @Test
  void defaultsAreIssue3sSizesWithKustomizeUpTo500() {
    BenchmarkOptions options = BenchmarkOptions.parse();

    assertThat(options.sizes()).containsExactly(10, 100, 500, 1000);
    assertThat(options.runsKustomize(500)).isTrue();
    assertThat(options.runsKustomize(1000)).isFalse();
  }

  @Test
  void argumentsOverrideTheDefaults() {
    BenchmarkOptions options =
        BenchmarkOptions.parse(
            "--sizes=5, 50",
            "--kustomize-max-services=0",
            "--warmup-rounds=0",
            "--rounds=3",
            "--time-budget-seconds=20",
            "--kustomize-rounds=2",
            "--kustomize-timeout-seconds=60",
            "--work-dir=/tmp/trees");

    assertThat(options)
        .isEqualTo(
            new BenchmarkOptions(
                List.of(5, 50),
                0,
                0,
                3,
                Duration.ofSeconds(20),
                2,
                Duration.ofSeconds(60),
                Path.of("/tmp/trees")));
    assertThat(options.runsKustomize(5)).isFalse();
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> BenchmarkOptions.parse("--size=10"))
        .hasMessageContaining("unknown option --size")
        .hasMessageContaining("usage:");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--rounds=many"))
        .hasMessageContaining("--rounds needs a whole number, not 'many'");
    assertThatThrownBy(() -> BenchmarkOptions.parse("rounds=3"))
        .hasMessageContaining("'rounds=3' is not --name=value");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--sizes=10,0"))
        .hasMessageContaining("sizes must be positive");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--rounds=0"))
        .hasMessageContaining("rounds and kustomize-rounds ≥ 1");
  }
}
