package io.treum.gitops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.treum.gitops.kustomize.ManifestYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BumpRepositoryTest {
  @TempDir Path temp;

  @Test
  void holdsOneImagePerServiceAndTheAskedHistory() throws Exception {
    BumpRepository repository =
        BumpRepository.write(temp.resolve("repo"), 3, 5, new ManifestYaml());

    Path clone = temp.resolve("clone");
    try (Git git =
        Git.cloneRepository().setURI(repository.url()).setDirectory(clone.toFile()).call()) {
      List<RevCommit> history = new ArrayList<>();
      git.log().call().forEach(history::add);
      assertThat(history).hasSize(5);
      assertThat(history.get(0).getId()).isEqualTo(repository.seed());
      assertThat(history.get(0).getFullMessage()).contains("Treum-Bump-Id: ");
    }
    assertThat(Files.readString(clone.resolve("base/svc-0002/deployment-svc-0002.yaml")))
        .contains("image: svc-0002");
    String production = Files.readString(clone.resolve("overlays/production/kustomization.yaml"));
    assertThat(production).contains("name: svc-0001", "name: svc-0003", "/svc-0003");
    assertThat(production).doesNotContain("name: treum-service", "/treum-service\n");
    assertThat(clone.resolve(".treum-benchmark-platform")).doesNotExist();
    assertThat(repository.service()).isEqualTo("svc-0003");
  }
}
