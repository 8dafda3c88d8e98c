package io.treum.gitops.bump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bumps over SSH on loopback ({@link LoopbackSshServer}: Apache MINA sshd with JGit's packs), with
 * a key pair made by the test: through the keys of an SSH folder laid out as {@code ~/.ssh}, or one
 * key file named on its own; a key the server does not know, and a host key that is unknown or
 * changed, fail at once with the fix and without a retry.
 */
class BumpOverSshTest extends SeededBumpTest {
  private KeyPair userKey;
  private Path sshFolder;

  @BeforeEach
  void keys() throws Exception {
    userKey = LoopbackSshServer.newKeyPair();
    sshFolder = temp.resolve("home").resolve(".ssh");
    Files.createDirectories(sshFolder);
  }

  private static BumpRequest request(String uri, SshCredentials ssh) {
    return BumpCommandTest.request(uri, "treum-service", "1.2.0", 10, null).withSsh(ssh);
  }

  @Test
  void clonesBumpsAndPushesWithAKeyOfTheSshFolder() throws Exception {
    LoopbackSshServer.writeKey(userKey, sshFolder.resolve("id_ecdsa"));
    String production = repo.file(PRODUCTION);
    String dr = repo.file(DR);
    ObjectId seed = repo.tip();

    BumpResult result;
    try (LoopbackSshServer server =
        LoopbackSshServer.start(repo.repository(), userKey.getPublic())) {
      String knownHosts = server.knownHostsLine();
      Files.writeString(sshFolder.resolve("known_hosts"), knownHosts, StandardCharsets.UTF_8);

      result = command.call(request(server.uri(), new SshCredentials(sshFolder, null)));

      assertThat(server.uri()).startsWith("ssh://git@127.0.0.1:");
      assertThat(Files.readString(sshFolder.resolve("known_hosts"))).isEqualTo(knownHosts);
    }

    assertThat(result.outcome()).isEqualTo(BumpResult.Outcome.PUSHED);
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(result.environments()).containsExactly("dr", "production");
    List<RevCommit> history = LinearHistory.assertForwardOnly(repo, seed);
    assertThat(history).hasSize(2);
    assertThat(history.get(0).name()).isEqualTo(result.commit());
    assertThat(history.get(0).getParent(0)).isEqualTo(seed);
    assertThat(history.get(0).getFooterLines(BumpMessage.IMAGE_TRAILER))
        .containsExactly("treum-service:1.2.0");
    assertThat(history.get(0).getFooterLines(BumpMessage.BUMP_ID_TRAILER))
        .containsExactly(result.bumpId());
    assertThat(repo.file(PRODUCTION))
        .isEqualTo(production.replace("newTag: 1.0.0", "newTag: 1.2.0"));
    assertThat(repo.file(DR)).isEqualTo(dr.replace("newTag: 1.0.0", "newTag: 1.2.0"));
  }

  @Test
  void usesTheKeyFileNamedByTreumSshKey() throws Exception {
    Path key = LoopbackSshServer.writeKey(userKey, temp.resolve("keys").resolve("deploy-key"));
    LoopbackSshServer.writeKey(LoopbackSshServer.newKeyPair(), sshFolder.resolve("id_ecdsa"));

    BumpResult result;
    try (LoopbackSshServer server =
        LoopbackSshServer.start(repo.repository(), userKey.getPublic())) {
      Files.writeString(sshFolder.resolve("known_hosts"), server.knownHostsLine());
      result = command.call(request(server.uri(), new SshCredentials(sshFolder, key)));
    }

    assertThat(result.outcome()).isEqualTo(BumpResult.Outcome.PUSHED);
    assertThat(repo.history()).hasSize(2);
    assertThat(repo.file(PRODUCTION)).contains("newTag: 1.2.0");
  }

  @Test
  void aKeyTheServerDoesNotKnowFailsAtOnceNamingTheSshParameters() throws Exception {
    LoopbackSshServer.writeKey(LoopbackSshServer.newKeyPair(), sshFolder.resolve("id_ecdsa"));

    Failure failure = failedBump(server -> server.knownHostsLine());

    assertThat(failure.thrown())
        .isInstanceOf(BumpException.class)
        .hasMessageContaining("cannot clone ssh://git@127.0.0.1:")
        .hasMessageContaining("the server refused the key")
        .hasMessageContaining(SshCredentials.KEY_PARAMETER)
        .hasMessageContaining(SshCredentials.DIRECTORY_PARAMETER);
    assertThat(failure.sessions()).as("SSH sessions: one try, no retry").isEqualTo(1);
    assertThat(log).noneMatch(line -> line.contains("retrying"));
    assertThat(repo.history()).hasSize(1);
  }

  @Test
  void anUnknownHostKeyIsRefusedAndNeverTrusted() throws Exception {
    LoopbackSshServer.writeKey(userKey, sshFolder.resolve("id_ecdsa"));

    Failure failure = failedBump(server -> null);

    assertThat(failure.thrown())
        .isInstanceOf(BumpException.class)
        .hasMessageContaining("cannot clone ssh://git@127.0.0.1:")
        .hasMessageContaining("host key is not in " + sshFolder.resolve("known_hosts"))
        .hasMessageContaining(SshCredentials.DIRECTORY_PARAMETER);
    assertThat(failure.sessions()).isEqualTo(1);
    assertThat(sshFolder.resolve("known_hosts")).doesNotExist();
    assertThat(repo.history()).hasSize(1);
  }

  @Test
  void aChangedHostKeyIsRefused() throws Exception {
    LoopbackSshServer.writeKey(userKey, sshFolder.resolve("id_ecdsa"));
    PublicKey otherHost = LoopbackSshServer.newKeyPair().getPublic();
    String[] knownHosts = new String[1];

    Failure failure = failedBump(server -> knownHosts[0] = server.knownHostsLine(otherHost));

    assertThat(failure.thrown())
        .isInstanceOf(BumpException.class)
        .hasMessageContaining("cannot clone ssh://git@127.0.0.1:")
        .hasMessageContaining("known_hosts");
    assertThat(failure.sessions()).isEqualTo(1);
    assertThat(sshFolder.resolve("known_hosts")).hasContent(knownHosts[0].strip());
    assertThat(repo.history()).hasSize(1);
  }

  /** A bump that failed: what it threw, and how many SSH sessions the server saw. */
  private record Failure(Throwable thrown, int sessions) {}

  /**
   * Bumps through the SSH folder against a server that accepts {@code userKey}, with the folder's
   * {@code known_hosts} as {@code knownHosts} gives it for that server ({@code null}: none).
   */
  private Failure failedBump(Function<LoopbackSshServer, String> knownHosts) throws Exception {
    try (LoopbackSshServer server =
        LoopbackSshServer.start(repo.repository(), userKey.getPublic())) {
      String lines = knownHosts.apply(server);
      if (lines != null) {
        Files.writeString(sshFolder.resolve("known_hosts"), lines, StandardCharsets.UTF_8);
      }
      Throwable thrown =
          catchThrowable(
              () -> command.call(request(server.uri(), new SshCredentials(sshFolder, null))));
      assertThat(thrown).as("the bump failed").isNotNull();
      return new Failure(thrown, server.sessions());
    }
  }
}
