package io.treum.gitops.bump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;

/** Repositories a bump cannot work on: each fails with what to fix, and nothing is committed. */
class BumpBadInputTest extends SeededBumpTest {
  private static BumpRequest bump(String repository) {
    return BumpCommandTest.request(repository, "treum-service", "1.2.0", 10, null);
  }

  @Test
  void anUnreachableServerFailsAtOnceNamingTheRepository() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    String url = "http://127.0.0.1:" + port + "/config.git";

    assertThatThrownBy(() -> command.call(bump(url)))
        .isInstanceOf(BumpException.class)
        .hasMessageContaining("cannot clone")
        .hasMessageContaining("127.0.0.1:" + port);
    assertThat(log).noneMatch(line -> line.contains("attempt 2"));
  }

  @Test
  void aPathWithoutARepositoryIsNamed() {
    Path missing = temp.resolve("no-such-repo");

    assertThatThrownBy(() -> command.call(bump(missing.toString())))
        .isInstanceOf(BumpException.class)
        .hasMessageContaining("no-such-repo");
  }

  @Test
  void aRepositoryWithoutOverlaysIsRefusedAndKeepsItsHistory() throws Exception {
    Path tree = Files.createDirectories(temp.resolve("no-overlays"));
    Files.writeString(tree.resolve("README.md"), "not a config repository\n");
    try (ConfigRepository other = ConfigRepository.seed(temp.resolve("other"), tree)) {
      String before = other.tip().name();

      assertThatThrownBy(() -> command.call(bump(other.uri())))
          .isInstanceOf(BumpException.class)
          .hasMessageContaining("overlays");
      assertThat(other.tip().name()).isEqualTo(before);
    }
  }

  @Test
  void aWorkingTreeWithItsBranchCheckedOutIsNotPushedInto() throws Exception {
    Path checkout = temp.resolve("seed"); // the non-bare clone the bare repository was seeded from
    String before;
    try (Git git = Git.open(checkout.toFile())) {
      before = git.getRepository().resolve("refs/heads/main").name();
      Files.writeString(
          checkout.resolve("overlays/production/kustomization.yaml"),
          "# local edit\n",
          java.nio.file.StandardOpenOption.APPEND);
    }

    assertThatThrownBy(() -> command.call(bump(checkout.toString())))
        .isInstanceOf(BumpException.class)
        .hasMessageContaining("checked out");
    try (Git git = Git.open(checkout.toFile())) {
      assertThat(git.getRepository().resolve("refs/heads/main").name()).isEqualTo(before);
      assertThat(Files.readString(checkout.resolve("overlays/production/kustomization.yaml")))
          .endsWith("# local edit\n");
    }
  }
}
