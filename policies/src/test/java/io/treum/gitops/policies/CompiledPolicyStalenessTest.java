package io.treum.gitops.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed artefacts (policy.wasm, rules.json, RULES.md, capabilities.json, the examples'
 * golden findings) are exactly what {@code tools/regenerate.sh} makes from the Rego sources with
 * the pinned opa. opa's Wasm output is deterministic for a given opa version (file names in the
 * module are relative to this module, the experimental wasm-opt pass is off), so the comparison is
 * byte for byte.
 */
class CompiledPolicyStalenessTest {
  /** Surefire runs the tests in the module's folder. */
  private static final Path MODULE = Path.of("").toAbsolutePath();

  private static final List<String> ARTEFACTS =
      List.of(
          "capabilities.json",
          "RULES.md",
          "src/main/resources/io/treum/gitops/policies/policy.wasm",
          "src/main/resources/io/treum/gitops/policies/rules.json");

  @Test
  void committedArtefactsAreUpToDateWithTheRegoSources(@TempDir Path regenerated)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(MODULE.resolve("tools/regenerate.sh").toString(), regenerated.toString())
            .directory(MODULE.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("tools/regenerate.sh finished").isTrue();
    assertThat(process.exitValue()).as("tools/regenerate.sh failed:%n%s", output).isZero();

    List<String> stale = new ArrayList<>();
    for (String artefact : artefacts()) {
      Path committed = MODULE.resolve(artefact);
      Path fresh = regenerated.resolve(artefact);
      if (!Files.exists(committed)
          || !Arrays.equals(Files.readAllBytes(committed), Files.readAllBytes(fresh))) {
        stale.add(artefact);
      }
    }
    assertThat(stale)
        .as(
            "stale against the Rego sources; run policies/tools/regenerate.sh and commit the"
                + " result")
        .isEmpty();
  }

  private static List<String> artefacts() throws IOException {
    List<String> all = new ArrayList<>(ARTEFACTS);
    try (Stream<Path> examples = Files.list(MODULE.resolve("src/test/resources/examples"))) {
      examples
          .filter(Files::isDirectory)
          .map(dir -> MODULE.relativize(dir.resolve("expected.json")).toString())
          .sorted()
          .forEach(all::add);
    }
    return all;
  }
}
