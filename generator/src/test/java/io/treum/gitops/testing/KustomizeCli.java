package io.treum.gitops.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.treum.gitops.kustomize.ManifestYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code kustomize} binary, the reference for equivalence tests. Found through {@code
 * TREUM_KUSTOMIZE}, then {@code $TREUM_TOOLS_BIN/kustomize}, then {@code ~/.cache/treum-tools/bin}
 * (where the build's {@code tools/install-test-tools.sh} puts it), then {@code PATH}. A missing
 * binary fails the test with instructions; it never skips.
 */
public final class KustomizeCli {
  private static volatile Path binary;

  private KustomizeCli() {}

  public static Path binary() {
    Path found = binary;
    if (found == null) {
      found =
          ToolLocator.find(
              "kustomize",
              "TREUM_KUSTOMIZE",
              "go install sigs.k8s.io/kustomize/kustomize/v5@v5.8.1 (or run .ci/run)");
      binary = found;
    }
    return found;
  }

  /** Runs {@code kustomize build <dir>} and returns the objects it prints. */
  public static List<JsonNode> build(Path directory, ManifestYaml yaml) {
    try {
      Path out = Files.createTempFile("kustomize-out", ".yaml");
      Path err = Files.createTempFile("kustomize-err", ".txt");
      try {
        Process process =
            new ProcessBuilder(binary().toString(), "build", directory.toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("kustomize build " + directory + " timed out");
        }
        if (process.exitValue() != 0) {
          throw new AssertionError(
              "kustomize build "
                  + directory
                  + " failed:\n"
                  + Files.readString(err, StandardCharsets.UTF_8));
        }
        return yaml.readAll(Files.readString(out, StandardCharsets.UTF_8), "kustomize output");
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run kustomize: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
