package io.treum.gitops.bump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.policy.PolicyEngines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.VerificationResult;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed bump commits through JGit's SSH signer, verified against an allowed-signers file. */
class BumpSigningTest {
  @TempDir Path temp;

  @Test
  void signsTheBumpCommitWithAnSshKey() throws Exception {
    Path key = temp.resolve("id_ed25519");
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "treum-ci", "-f", key.toString());
    String publicKey = Files.readString(temp.resolve("id_ed25519.pub"), StandardCharsets.UTF_8);
    Path allowed = temp.resolve("allowed_signers");
    Files.writeString(allowed, BumpRequest.Signature.DEFAULT.email() + " " + publicKey);

    try (ConfigRepository repo = ConfigRepository.seed(temp, ConfigRepository.PLATFORM);
        BumpCommand command = command()) {
      BumpResult result =
          command.call(
              new BumpRequest(
                  repo.uri(),
                  "main",
                  List.of("treum-service"),
                  "1.2.0",
                  null,
                  Set.of(),
                  null,
                  null,
                  null,
                  null,
                  false,
                  3,
                  false,
                  null,
                  new BumpRequest.Signing("ssh", key + ".pub"),
                  null));

      try (Git git = Git.open(repo.bare().toFile())) {
        StoredConfig config = git.getRepository().getConfig();
        config.setString("gpg", null, "format", "ssh");
        config.setString("gpg", "ssh", "allowedSignersFile", allowed.toString());
        Map<String, VerificationResult> verified =
            git.verifySignature().addName(result.commit()).call();
        VerificationResult verification = verified.get(result.commit());
        assertThat(verification.getException()).isNull();
        assertThat(verification.getVerification().verified()).isTrue();
      }
    }
  }

  @Test
  void aMissingKeyFailsWithoutCommitting() throws Exception {
    try (ConfigRepository repo = ConfigRepository.seed(temp, ConfigRepository.PLATFORM);
        BumpCommand command = command()) {
      BumpRequest request =
          new BumpRequest(
              repo.uri(),
              "main",
              List.of("treum-service"),
              "1.2.0",
              null,
              Set.of(),
              null,
              null,
              null,
              null,
              false,
              3,
              false,
              null,
              new BumpRequest.Signing("ssh", temp.resolve("missing").toString()),
              null);

      assertThatThrownBy(() -> command.call(request))
          .isInstanceOf(BumpException.class)
          .hasMessageContaining("cannot commit");
      assertThat(repo.history()).hasSize(1);
    }
  }

  private BumpCommand command() {
    return new BumpCommand(
        new ManifestYaml(),
        MergeSchema.builtIn(),
        BumpCommandTest.CLOCK,
        new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), new Random(1), d -> {}),
        new PolicyEngines(getClass().getClassLoader())::select,
        temp.resolve("work"),
        line -> {});
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
  }
}
