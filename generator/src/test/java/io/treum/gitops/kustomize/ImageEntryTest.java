package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import io.treum.gitops.testing.KustomizeOracle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ImageEntryTest {
  private final ManifestYaml yaml = new ManifestYaml();

  /** An image reference and the parts Kustomize's {@code image.Split} gives. */
  record Row(String image, String repository, String tag, String digest) {
    @Override
    public String toString() {
      return image;
    }
  }

  static List<Row> rows() {
    return List.of(
        new Row("nginx", "nginx", "", ""),
        new Row("nginx:1.25", "nginx", "1.25", ""),
        new Row("nginx@sha256:abc", "nginx", "", "sha256:abc"),
        new Row("nginx:1.25@sha256:abc", "nginx", "1.25", "sha256:abc"),
        new Row("library/nginx:1.25", "library/nginx", "1.25", ""),
        new Row("docker.io/library/nginx:latest", "docker.io/library/nginx", "latest", ""),
        // a registry port is not a tag: the search starts at the first '/'
        new Row("localhost:5000/app", "localhost:5000/app", "", ""),
        new Row("localhost:5000/app:1.0", "localhost:5000/app", "1.0", ""),
        new Row("localhost:5000/app@sha256:abc", "localhost:5000/app", "", "sha256:abc"),
        new Row(
            "registry.example.com:443/team/app:1.0@sha256:abc",
            "registry.example.com:443/team/app",
            "1.0",
            "sha256:abc"),
        new Row(
            "111122223333.dkr.ecr.ap-south-1.amazonaws.com/treum-service:1.4.2",
            "111122223333.dkr.ecr.ap-south-1.amazonaws.com/treum-service",
            "1.4.2",
            ""),
        // no '/': a port-like suffix is read as a tag, as Kustomize does
        new Row("localhost:5000", "localhost", "5000", ""),
        // the first ':' after the first '/' starts the tag, the first '@' the digest
        new Row("app:1.0:extra", "app", "1.0:extra", ""),
        new Row("a/b@sha256:x:y", "a/b", "", "sha256:x:y"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void splitsLikeKustomize(Row row) {
    assertThat(ImageEntry.split(row.image()))
        .containsExactly(row.repository(), row.tag(), row.digest());
  }

  /**
   * Kustomize's split, observed: an entry that renames {@code <repository>} keeps the tag and
   * digest it split off. Rows that Kustomize's match pattern refuses ({@code :} in a tag or digest)
   * cannot be observed this way and are left out.
   */
  @Test
  void realKustomizeSplitsTheSameWay() {
    for (Row row : rows()) {
      if (row.tag().contains(":") || row.digest().replaceFirst("^sha256:", "").contains(":")) {
        continue;
      }
      String pod =
          "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
              + "  - name: c\n    image: \""
              + row.image()
              + "\"\n";
      String kustomization =
          "resources:\n- pod.yaml\nimages:\n- name: \""
              + row.repository()
              + "\"\n  newName: renamed.example/x\n";
      KustomizeOracle.Outcome outcome =
          KustomizeOracle.build(Map.of("kustomization.yaml", kustomization, "pod.yaml", pod), yaml);
      String expected =
          "renamed.example/x"
              + (row.tag().isEmpty() ? "" : ":" + row.tag())
              + (row.digest().isEmpty() ? "" : "@" + row.digest());
      assertThat(outcome.single().at("/spec/containers/0/image").asText())
          .as(row.image())
          .isEqualTo(expected);
    }
  }
}
