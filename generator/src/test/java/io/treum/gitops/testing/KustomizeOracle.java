package io.treum.gitops.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.ManifestYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Asks the real {@code kustomize} what it does with a small tree given as file contents, so that
 * table-driven tests can check their expectations against the reference instead of against a guess.
 * Unlike {@link KustomizeCli#build}, a failing build is an answer, not a test failure.
 */
public final class KustomizeOracle {
  private KustomizeOracle() {}

  /** What {@code kustomize build} printed: the objects, or the error. */
  public record Outcome(List<ObjectNode> objects, String error) {
    public boolean failed() {
      return error != null;
    }

    /** The only object built; fails the test when the build failed or built several. */
    public ObjectNode single() {
      if (error != null) {
        throw new AssertionError("kustomize failed: " + error);
      }
      if (objects.size() != 1) {
        throw new AssertionError("kustomize built " + objects.size() + " objects: " + objects);
      }
      return objects.get(0);
    }
  }

  /** Runs {@code kustomize build} on a folder; a failing build is an answer. */
  public static Outcome build(Path dir, ManifestYaml yaml) {
    try {
      Path errors = Files.createTempFile("kustomize-errors", ".txt");
      try {
        Process process =
            new ProcessBuilder(KustomizeCli.binary().toString(), "build", dir.toString())
                .redirectError(errors.toFile())
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("kustomize build timed out");
        }
        if (process.exitValue() != 0) {
          return new Outcome(List.of(), Files.readString(errors, StandardCharsets.UTF_8).trim());
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode node :
            yaml.readAll(new String(out, StandardCharsets.UTF_8), "kustomize output")) {
          objects.add((ObjectNode) node);
        }
        return new Outcome(objects, null);
      } finally {
        Files.deleteIfExists(errors);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Writes {@code files} (relative path to content) into a fresh folder and runs {@code kustomize
   * build} on it.
   */
  public static Outcome build(Map<String, String> files, ManifestYaml yaml) {
    Path dir;
    try {
      dir = Files.createTempDirectory("kustomize-oracle");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = dir.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      }
      return build(dir, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary folder left behind does not change the answer
      }
    }
  }
}
