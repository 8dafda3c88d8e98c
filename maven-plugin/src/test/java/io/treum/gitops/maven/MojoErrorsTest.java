package io.treum.gitops.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.kustomize.KustomizeException;
import io.treum.gitops.kustomize.YamlException;
import io.treum.gitops.model.DefinitionException;
import io.treum.gitops.render.RenderException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class MojoErrorsTest {
  @Test
  void userProblemsAreBuildFailuresWithTheCoreMessage() {
    for (RuntimeException problem :
        List.of(
            new DefinitionException("definition class 'x.Y' not found"),
            new RenderException("output directory /tmp/f is a file"),
            new KustomizeException("field 'helmCharts' is not supported"),
            new YamlException("a.yaml", "duplicate key", null))) {
      assertThatThrownBy(() -> MojoErrors.call("render", fail(problem)))
          .isInstanceOf(MojoFailureException.class)
          .hasMessage("treum:render: " + problem.getMessage())
          .hasCause(problem);
    }
  }

  @Test
  void faultsAreExecutionErrors() {
    UncheckedIOException fault = new UncheckedIOException(new IOException("disk full"));
    assertThatThrownBy(() -> MojoErrors.call("check", fail(fault)))
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("disk full")
        .hasCause(fault);
  }

  @Test
  void resultsPassThrough() throws Exception {
    assertThat(MojoErrors.call("render", () -> 42)).isEqualTo(42);
  }

  private static Supplier<Object> fail(RuntimeException e) {
    return () -> {
      throw e;
    };
  }
}
