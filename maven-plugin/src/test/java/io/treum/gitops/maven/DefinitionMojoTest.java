package io.treum.gitops.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionMojoTest {
  @Test
  void environmentsAcceptCommasSpacesAndRepeats() {
    RenderMojo mojo = new RenderMojo();
    mojo.environments = List.of("production, dr", "", " staging ", "dr");
    assertThat(mojo.environmentSet()).containsExactly("production", "dr", "staging");
  }

  @Test
  void noEnvironmentsMeansAll() {
    RenderMojo mojo = new RenderMojo();
    assertThat(mojo.environmentSet()).isEmpty();
  }
}
