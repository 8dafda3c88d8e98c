package io.treum.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TreeWriterTest {
  private final TreeWriter writer = new TreeWriter();

  @TempDir Path root;

  @BeforeEach
  void previousTree() throws IOException {
    Files.createDirectories(root.resolve("base/app"));
    Files.writeString(root.resolve("base/app/old.yaml"), "old\n");
    Files.createDirectories(root.resolve("overlays/prod"));
    Files.writeString(root.resolve("overlays/prod/kustomization.yaml"), "prod\n");
    Files.writeString(root.resolve("README.md"), "not ours\n");
  }

  private static SortedMap<String, String> files(String... pathsAndContents) {
    SortedMap<String, String> files = new TreeMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      files.put(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    return files;
  }

  @Test
  void replacesTheManagedFoldersOnly() {
    writer.write(
        root,
        files("base/app/new.yaml", "new\n", "overlays/dr/k.yaml", "dr\n"),
        List.of("base", "overlays"),
        s -> {});
    TreeSnapshot after = TreeSnapshot.of(root);
    assertThat(after.entries().keySet())
        .containsExactly(
            "",
            "README.md",
            "base",
            "base/app",
            "base/app/new.yaml",
            "overlays",
            "overlays/dr",
            "overlays/dr/k.yaml");
    assertThat(after.text("README.md")).isEqualTo("not ours\n");
  }

  @Test
  void verifySeesTheStagedTreeAndAFailureLeavesThePreviousTree() {
    TreeSnapshot before = TreeSnapshot.of(root);
    AtomicReference<Path> staged = new AtomicReference<>();
    RuntimeException failure = new IllegalStateException("built tree differs");
    assertThatThrownBy(
            () ->
                writer.write(
                    root,
                    files("base/app/new.yaml", "new\n"),
                    List.of("base"),
                    staging -> {
                      staged.set(staging);
                      assertThat(staging.getParent()).isEqualTo(root);
                      assertThat(staging.resolve("base/app/new.yaml")).hasContent("new");
                      throw failure;
                    }))
        .isSameAs(failure);
    assertThat(staged.get()).doesNotExist();
    assertThat(TreeSnapshot.of(root)).isEqualTo(before);
  }

  @Test
  void aFailedWriteToAFreshDirectoryLeavesNoDirectory(@TempDir Path parent) {
    Path fresh = parent.resolve("out");
    assertThatThrownBy(
            () ->
                writer.write(
                    fresh,
                    files("base/a.yaml", "a\n"),
                    List.of("base"),
                    staging -> {
                      throw new IllegalStateException("no");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(fresh).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../escape.yaml",
        "base/../../escape.yaml",
        "/tmp/escape.yaml",
        "base\\..\\x.yaml",
        "other/x.yaml",
        "base",
        "basement/x.yaml",
      })
  void pathsOutsideTheManagedFoldersAreRefused(String path) {
    TreeSnapshot before = TreeSnapshot.of(root);
    assertThatThrownBy(() -> writer.write(root, files(path, "x\n"), List.of("base"), s -> {}))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("'" + path + "'");
    assertThat(TreeSnapshot.of(root)).isEqualTo(before);
    assertThat(root.resolveSibling("escape.yaml")).doesNotExist();
  }
}
