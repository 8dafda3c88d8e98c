package io.treum.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgoCdTest {
  private static final Environment PRODUCTION =
      Environment.named("production").cluster("prod-mumbai").build();
  private static final Environment NO_CLUSTER = Environment.named("dr").build();

  @Test
  void defaultsTrackMainSyncManuallyAndDeployToTheEnvironmentsCluster() {
    ArgoCd argoCd = ArgoCd.repository("https://git.example.com/config.git").project("shop").build();

    assertThat(argoCd.branch()).isEqualTo("main");
    assertThat(argoCd.namespace()).isEqualTo("argocd");
    assertThat(argoCd.path()).isEmpty();
    assertThat(argoCd.applicationName(PRODUCTION)).isEqualTo("shop-production");
    assertThat(argoCd.overlayPath(PRODUCTION)).isEqualTo("overlays/production");
    assertThat(argoCd.destination(PRODUCTION)).isEqualTo(ArgoCd.Destination.cluster("prod-mumbai"));
    assertThat(argoCd.syncPolicy(PRODUCTION)).isEqualTo(ArgoCd.SyncPolicy.manual());
  }

  @Test
  void theOverlayPathStartsWithTheTreesFolder() {
    ArgoCd argoCd =
        ArgoCd.repository("git@github.com:acme/shop.git")
            .project("shop")
            .path("deploy/k8s")
            .build();
    assertThat(argoCd.overlayPath(PRODUCTION)).isEqualTo("deploy/k8s/overlays/production");
  }

  @Test
  void anEnvironmentWithoutClusterOrDestinationIsNamed() {
    ArgoCd argoCd = ArgoCd.repository("https://git.example.com/config.git").project("shop").build();
    assertThatThrownBy(() -> argoCd.destination(NO_CLUSTER))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("environment 'dr'")
        .hasMessageContaining(".cluster(");
  }

  @Test
  void aNullSyncPolicyIsNamed() {
    ArgoCd argoCd =
        ArgoCd.repository("https://git.example.com/config.git")
            .project("shop")
            .syncPolicy(env -> null)
            .build();
    assertThatThrownBy(() -> argoCd.syncPolicy(PRODUCTION))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("environment 'production'");
  }

  @Test
  void aProjectIsRequired() {
    assertThatThrownBy(() -> ArgoCd.repository("https://git.example.com/config.git").build())
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining(".project(");
    assertThatThrownBy(() -> ArgoCd.repository("https://git.example.com/c.git").project("Shop"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("Argo CD project 'Shop'");
  }

  @Test
  void aRepositoryUrlWithCredentialsIsRefusedWithoutEchoingThem() {
    assertThatThrownBy(() -> ArgoCd.repository("https://bot:s3cret@github.com/acme/config.git"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("credentials")
        .hasMessageNotContaining("s3cret");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/deploy", "deploy/", "../deploy", "a/./b", "a//b", "de ploy"})
  void aPathOutsideOrNotNormalIsRefused(String path) {
    ArgoCd.Builder builder = ArgoCd.repository("https://git.example.com/config.git");
    assertThatThrownBy(() -> builder.path(path)).isInstanceOf(DefinitionException.class);
  }

  @Test
  void syncPolicies() {
    assertThat(ArgoCd.SyncPolicy.automated().withPrune().withSelfHeal())
        .isEqualTo(new ArgoCd.SyncPolicy(true, true, true));
    assertThat(ArgoCd.SyncPolicy.automated()).isEqualTo(new ArgoCd.SyncPolicy(true, false, false));
    assertThatThrownBy(() -> ArgoCd.SyncPolicy.manual().withPrune())
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("SyncPolicy.automated()");
  }

  @Test
  void aDestinationIsAClusterNameOrAServerNotBoth() {
    assertThat(ArgoCd.Destination.server("https://kubernetes.default.svc").server())
        .isEqualTo("https://kubernetes.default.svc");
    assertThatThrownBy(() -> new ArgoCd.Destination("a", "https://b"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> new ArgoCd.Destination(null, null))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("not neither");
    assertThatThrownBy(() -> ArgoCd.Destination.cluster(" "))
        .isInstanceOf(DefinitionException.class);
  }
}
