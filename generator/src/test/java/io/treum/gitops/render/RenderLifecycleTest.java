package io.treum.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.model.ArgoCd;
import io.treum.gitops.model.Definition;
import io.treum.gitops.model.DefinitionException;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.Workload;
import io.treum.gitops.render.golden.ArgoCdApplicationsDefinition;
import io.treum.gitops.testing.Golden;
import io.treum.gitops.testing.SampleDefinition;
import io.treum.gitops.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Render and check over time: repeatability, clean-up, partial renders, drift reports. */
class RenderLifecycleTest {
  private final ManifestYaml yaml = new ManifestYaml();
  private final RenderCommand command = new RenderCommand(yaml, MergeSchema.builtIn());
  private final SampleDefinition sample = new SampleDefinition();

  @TempDir Path out;

  private RenderRequest all() {
    return new RenderRequest(sample, out, Set.of());
  }

  @Test
  void renderingTwiceGivesTheSameBytes(@TempDir Path other) {
    RenderResult first = command.render(all());
    TreeSnapshot once = TreeSnapshot.of(out);
    RenderResult second = command.render(all());
    assertThat(TreeSnapshot.of(out)).isEqualTo(once);
    assertThat(second).isEqualTo(first);
    // and the same bytes in another folder: nothing depends on where the tree is written
    command.render(new RenderRequest(sample, other, Set.of()));
    assertThat(TreeSnapshot.of(other)).isEqualTo(once);
    assertThat(once.stagingFolders()).isEmpty();
  }

  @Test
  void staleFilesAndOverlaysOfRemovedEnvironmentsAreRemoved() throws IOException {
    command.render(all());
    TreeSnapshot rendered = TreeSnapshot.of(out);
    write("base/treum-api/stale.yaml", "stale\n");
    write("base/removed-workload/configmap-x.yaml", "stale\n");
    write("overlays/staging/kustomization.yaml", "resources: [../../base]\n");
    write("overlays/production/patches/stale.yaml", "stale\n");
    write("README.md", "kept\n");
    write("argocd/app.yaml", "kept\n");
    command.render(all());
    TreeSnapshot after = TreeSnapshot.of(out);
    assertThat(after.under("base")).isEqualTo(rendered.under("base"));
    assertThat(after.under("overlays")).isEqualTo(rendered.under("overlays"));
    assertThat(after.text("README.md")).isEqualTo("kept\n");
    assertThat(after.text("argocd/app.yaml")).isEqualTo("kept\n");
    assertThat(after.stagingFolders()).isEmpty();
  }

  @Test
  void aRenderOfOneEnvironmentKeepsTheOtherOverlays() throws IOException {
    command.render(all());
    TreeSnapshot full = TreeSnapshot.of(out);
    write("overlays/production/hand-edit.yaml", "kept: the production overlay is not rendered\n");
    write("overlays/staging/kustomization.yaml", "kept: not rendered either\n");
    write("overlays/dr/patches/stale.yaml", "removed\n");
    TreeSnapshot edited = TreeSnapshot.of(out);

    RenderResult result = command.render(new RenderRequest(sample, out, Set.of("dr")));

    assertThat(result.environments()).containsExactly("dr");
    TreeSnapshot after = TreeSnapshot.of(out);
    assertThat(after.under("overlays/production")).isEqualTo(edited.under("overlays/production"));
    assertThat(after.under("overlays/staging")).isEqualTo(edited.under("overlays/staging"));
    assertThat(after.under("overlays/dr")).isEqualTo(full.under("overlays/dr"));
    // the base is computed from every environment, so it is the full render's base
    assertThat(after.under("base")).isEqualTo(full.under("base"));
    assertThat(after.stagingFolders()).isEmpty();
  }

  @Test
  void noStagingFolderIsLeftAfterAFailure() {
    command.render(all());
    Definition broken =
        new Definition() {
          @Override
          public List<Environment> environments() {
            return sample.environments();
          }

          @Override
          public List<Workload> workloads(Environment environment) {
            throw new IllegalStateException("boom");
          }
        };
    assertThatThrownBy(() -> command.render(new RenderRequest(broken, out, Set.of())))
        .isInstanceOf(DefinitionException.class);
    assertThat(TreeSnapshot.of(out).stagingFolders()).isEmpty();
  }

  @Test
  void checkIsCleanRightAfterRender() {
    command.render(all());
    assertThat(command.check(all()).differences()).isEmpty();
    assertThat(command.check(all()).upToDate()).isTrue();
    assertThat(command.check(new RenderRequest(sample, out, Set.of("dr"))).upToDate()).isTrue();
  }

  @Test
  void checkReportsAChangedFileWithAUnifiedDiff() throws IOException {
    command.render(all());
    Path kustomization = out.resolve("overlays/dr/kustomization.yaml");
    String rendered = Files.readString(kustomization);
    String edited = rendered.replace("newTag: 1.4.2", "newTag: 9.9.9");
    assertThat(edited).isNotEqualTo(rendered);
    Files.writeString(kustomization, edited);

    CheckResult result = command.check(all());

    assertThat(result.upToDate()).isFalse();
    assertThat(result.differences()).hasSize(1);
    assertThat(result.differences().get(0))
        .startsWith(
            "--- a/overlays/dr/kustomization.yaml (committed)\n"
                + "+++ b/overlays/dr/kustomization.yaml (rendered)\n@@ ")
        .contains("\n-    newTag: 9.9.9\n+    newTag: 1.4.2\n");
    assertThat(result.differences().get(0))
        .isEqualTo(
            UnifiedDiff.of(
                "a/overlays/dr/kustomization.yaml (committed)",
                edited,
                "b/overlays/dr/kustomization.yaml (rendered)",
                rendered));
  }

  @Test
  void checkReportsMissingAndStaleFilesAndFolders() throws IOException {
    command.render(all());
    Files.delete(out.resolve("base/kustomization.yaml"));
    write("base/treum-api/stale.yaml", "stale\n");
    write("overlays/staging/kustomization.yaml", "resources: [../../base]\n");

    List<String> differences = command.check(all()).differences();

    assertThat(differences)
        .containsExactlyInAnyOrder(
            "base/kustomization.yaml: missing, render would create it",
            "base/treum-api/stale.yaml: stale, render would remove it",
            "overlays/staging/kustomization.yaml: stale, render would remove it");
    // a check of one environment looks at the base and that overlay only
    assertThat(command.check(new RenderRequest(sample, out, Set.of("dr"))).differences())
        .containsExactlyInAnyOrder(
            "base/kustomization.yaml: missing, render would create it",
            "base/treum-api/stale.yaml: stale, render would remove it");
  }

  @Test
  void checkOfAnEmptyDirectoryListsEveryFileAsMissing(@TempDir Path empty) {
    Rendering rendering = command.renderInMemory(all());
    List<String> differences =
        command.check(new RenderRequest(sample, empty, Set.of())).differences();
    assertThat(differences).hasSize(rendering.files().size());
    assertThat(differences).allMatch(d -> d.endsWith(": missing, render would create it"));
    assertThat(empty).isEmptyDirectory();
  }

  @Test
  void checkReportsABinaryFileInsteadOfFailing() throws IOException {
    command.render(all());
    Files.write(
        out.resolve("base/kustomization.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    List<String> differences = command.check(all()).differences();
    assertThat(differences).hasSize(1);
    assertThat(differences.get(0)).startsWith("--- a/base/kustomization.yaml (committed)");
  }

  @Test
  void checkWritesNothing() throws IOException {
    command.render(all());
    write("base/treum-api/stale.yaml", "stale\n");
    TreeSnapshot before = TreeSnapshot.of(out);
    command.check(all());
    assertThat(TreeSnapshot.of(out)).isEqualTo(before);
  }

  @Test
  void argocdBelongsToTheRenderWhenTheDefinitionHasArgoCdSettings() throws IOException {
    Definition withArgoCd = new ArgoCdApplicationsDefinition();
    RenderRequest request = new RenderRequest(withArgoCd, out, Set.of());
    write("argocd/hand-written.yaml", "stale\n");
    command.render(request);
    Rendering rendering = command.renderInMemory(request);
    assertThat(Golden.read(out.resolve("argocd")).keySet())
        .containsExactlyElementsOf(
            rendering.files().keySet().stream()
                .filter(path -> path.startsWith("argocd/"))
                .map(path -> path.substring("argocd/".length()))
                .toList());
    assertThat(out.resolve("argocd/hand-written.yaml")).doesNotExist();
    assertThat(out.resolve("argocd/application-shop-production.yaml")).exists();
    assertThat(command.check(request).upToDate()).isTrue();

    Path production = out.resolve("argocd/application-shop-production.yaml");
    Files.writeString(
        production, Files.readString(production).replace("selfHeal: true", "selfHeal: false"));
    write("argocd/extra.yaml", "stale\n");
    Files.delete(out.resolve("argocd/application-shop-dr.yaml"));

    List<String> differences = command.check(request).differences();
    assertThat(differences).hasSize(3);
    assertThat(differences.get(0))
        .isEqualTo("argocd/application-shop-dr.yaml: missing, render would create it");
    assertThat(differences.get(1))
        .startsWith("--- a/argocd/application-shop-production.yaml (committed)")
        .contains("\n-      selfHeal: false\n+      selfHeal: true\n");
    assertThat(differences.get(2)).isEqualTo("argocd/extra.yaml: stale, render would remove it");
  }

  @Test
  void aRenderOfOneEnvironmentStillRendersEveryApplication() {
    RenderRequest dr = new RenderRequest(new ArgoCdApplicationsDefinition(), out, Set.of("dr"));
    command.render(dr);
    assertThat(Golden.read(out.resolve("argocd")).keySet())
        .containsExactly(
            "application-shop-dr.yaml",
            "application-shop-production.yaml",
            "application-shop-staging.yaml",
            "appproject-shop.yaml");
  }

  @Test
  void argoCdSettingsThatFailAreDefinitionErrors() {
    Definition nullSettings =
        new SampleDefinition() {
          @Override
          public Optional<ArgoCd> argoCd() {
            return null;
          }
        };
    assertThatThrownBy(() -> command.render(new RenderRequest(nullSettings, out, Set.of())))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining(".argoCd() returned null");

    Definition throwing =
        new SampleDefinition() {
          @Override
          public Optional<ArgoCd> argoCd() {
            throw new IllegalStateException("no repository configured");
          }
        };
    assertThatThrownBy(() -> command.check(new RenderRequest(throwing, out, Set.of())))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("argoCd()")
        .hasMessageContaining("no repository configured");

    Definition noDestination =
        new SampleDefinition() {
          @Override
          public Optional<ArgoCd> argoCd() {
            return Optional.of(
                ArgoCd.repository("https://git.example.com/c.git")
                    .project("treum")
                    .destination(env -> env.isPrimary() ? ArgoCd.Destination.cluster("a") : null)
                    .build());
          }
        };
    assertThatThrownBy(() -> command.render(new RenderRequest(noDestination, out, Set.of())))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("no destination for environment 'dr'");
    assertThat(out).isEmptyDirectory();
  }

  private void write(String path, String content) throws IOException {
    Path file = out.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
