package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.kustomize.ManifestYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentProfileTest {
  private final ManifestYaml yaml = new ManifestYaml();

  @TempDir Path temp;

  private Path overlay;

  @BeforeEach
  void createOverlay() throws Exception {
    overlay = Files.createDirectories(temp.resolve("overlays/x"));
  }

  @Test
  void readsRoleRegionAndParameters() {
    EnvironmentProfile profile =
        EnvironmentProfile.parse(
            yaml,
            "dr",
            "role: standby\nregion: ap-southeast-1\nparameters:\n  capacityFactor: 0.3\n",
            "overlays/dr/treum-environment.yaml");

    assertThat(profile.role()).isEqualTo("standby");
    assertThat(profile.region()).isEqualTo("ap-southeast-1");
    assertThat(profile.parameters().get("capacityFactor").asDouble()).isEqualTo(0.3);
  }

  @Test
  void withoutTheFileAnEnvironmentIsAPrimaryWithDefaults() {
    EnvironmentProfile profile =
        EnvironmentProfile.read(yaml, overlay, "overlays/x/treum-environment.yaml");

    assertThat(profile).isEqualTo(EnvironmentProfile.defaults(overlay.getFileName().toString()));
    assertThat(profile.region()).isEmpty();
  }

  @Test
  void anUnknownFieldIsNamedWithTheFile() {
    assertThatThrownBy(
            () -> EnvironmentProfile.parse(yaml, "dr", "rol: standby\n", "overlays/dr/p.yaml"))
        .isInstanceOf(PolicyInputException.class)
        .hasMessage("overlays/dr/p.yaml: unknown field 'rol'; allowed: role, region, parameters");
  }

  @Test
  void aRoleOtherThanPrimaryOrStandbyIsRefused() {
    assertThatThrownBy(() -> EnvironmentProfile.parse(yaml, "dr", "role: backup\n", "p.yaml"))
        .isInstanceOf(PolicyInputException.class)
        .hasMessage("p.yaml: role must be primary or standby, not 'backup'");
  }

  @Test
  void duplicateKeysAndBadYamlAreRefused() {
    assertThatThrownBy(
            () -> EnvironmentProfile.parse(yaml, "dr", "role: standby\nrole: primary\n", "p.yaml"))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining("p.yaml");
    assertThatThrownBy(() -> EnvironmentProfile.parse(yaml, "dr", "parameters: [1\n", "p.yaml"))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining("p.yaml");
  }

  @Test
  void aSymlinkedProfileIsRefused() throws Exception {
    Path target = Files.writeString(temp.resolve("elsewhere.yaml"), "role: standby\n");
    Files.createSymbolicLink(overlay.resolve(EnvironmentProfile.FILE_NAME), target);

    assertThatThrownBy(() -> EnvironmentProfile.read(yaml, overlay, "overlays/x/p.yaml"))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining("overlays/x/p.yaml is not a regular file");
  }
}
