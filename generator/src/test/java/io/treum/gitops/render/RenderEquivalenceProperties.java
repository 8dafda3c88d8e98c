package io.treum.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.policy.EnvironmentProfile;
import io.treum.gitops.testing.KustomizeCli;
import io.treum.gitops.testing.gen.DefinitionArbitraries;
import io.treum.gitops.testing.gen.GeneratedDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The renderer's correctness bar, checked on random definitions: for every environment, real {@code
 * kustomize build overlays/<env>} (no flags) gives exactly the typed state, and rendering is
 * deterministic to the byte.
 *
 * <p>Abstract so that it runs once, through {@link RenderEquivalenceTest}: surefire's default
 * includes ({@code *Test}, {@code *Tests}, {@code Test*}, {@code *TestCase}) do not match {@code
 * *Properties}.
 */
abstract class RenderEquivalenceProperties {
  private final ManifestYaml yaml = new ManifestYaml();
  private final RenderCommand command = new RenderCommand(yaml, MergeSchema.builtIn());

  @Property(tries = 200)
  void realKustomizeBuildsEveryOverlayToTheTypedState(
      @ForAll("definitions") GeneratedDefinition definition) throws IOException {
    Path out = Files.createTempDirectory("treum-equivalence");
    try {
      try {
        command.render(new RenderRequest(definition, out, Set.of()));
      } catch (RuntimeException e) {
        throw new AssertionError("rendering failed for " + definition + ":\n" + e.getMessage(), e);
      }
      Rendering rendering = command.renderInMemory(new RenderRequest(definition, out, Set.of()));
      // one kustomize process per overlay, two at a time (the tests' machines have 2 cores)
      List<String> failures =
          rendering.states().parallelStream()
              .map(state -> kustomizeDifferences(state, out))
              .filter(differences -> !differences.isEmpty())
              .toList();
      if (!failures.isEmpty()) {
        failures = new ArrayList<>(failures);
        failures.add(tree(out));
      }
      assertThat(failures).as("%s", definition).isEmpty();
      for (EnvironmentState state : rendering.states()) {
        assertThat(
                EnvironmentProfile.read(
                    yaml,
                    out.resolve("overlays").resolve(state.name()),
                    EnvironmentProfile.FILE_NAME))
            .as("the profile of %s read back", state.name())
            .isEqualTo(
                EnvironmentProfiles.of(
                    state.environment(),
                    rendering.states().stream().map(EnvironmentState::environment).toList()));
      }

      collectStatistics(rendering);

      Rendering again =
          command.renderInMemory(new RenderRequest(definition.again(), out, Set.of()));
      assertThat(again.files()).as("a second render").isEqualTo(rendering.files());
    } finally {
      delete(out);
    }
  }

  /** What real kustomize builds of the overlay differs in from the typed state, if anything. */
  private String kustomizeDifferences(EnvironmentState state, Path out) {
    List<String> differences;
    try {
      List<JsonNode> built =
          KustomizeCli.build(out.resolve("overlays").resolve(state.name()), yaml);
      differences = ObjectSetDiff.compare(state.trees(), built, yaml);
    } catch (AssertionError e) {
      differences = List.of(e.getMessage());
    }
    return differences.isEmpty()
        ? ""
        : "overlays/"
            + state.name()
            + ": kustomize build differs from the typed state:\n"
            + String.join("\n", differences);
  }

  /** What the tries covered, reported by jqwik: which renderer features the trees used. */
  private static void collectStatistics(Rendering rendering) {
    String overlays =
        rendering.files().entrySet().stream()
            .filter(e -> e.getKey().startsWith("overlays/"))
            .map(e -> e.getKey() + "\n" + e.getValue())
            .reduce("", String::concat);
    Statistics.label("environments").collect(rendering.states().size());
    Statistics.label("strategic merge patches").collect(count(overlays, "/patches/") > 0);
    Statistics.label("JSON 6902 patches").collect(overlays.contains(".json6902.yaml"));
    Statistics.label("field deleted with null").collect(overlays.contains(": null"));
    Statistics.label("environment-only objects")
        .collect(
            rendering.files().keySet().stream()
                .anyMatch(
                    p ->
                        p.startsWith("overlays/")
                            && p.split("/").length == 3
                            && !p.endsWith("/kustomization.yaml")
                            && !p.endsWith("/" + EnvironmentProfile.FILE_NAME)));
    Statistics.label("images entries").collect(overlays.contains("images:"));
    Statistics.label("replicas entries").collect(overlays.contains("replicas:"));
    Statistics.label("overlay namespace").collect(overlays.contains("\nnamespace:"));
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }

  @Provide
  Arbitrary<GeneratedDefinition> definitions() {
    return DefinitionArbitraries.definitions();
  }

  /** The rendered files, for failure messages. */
  private static String tree(Path root) {
    StringBuilder s = new StringBuilder();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        s.append("==> ")
            .append(root.relativize(file))
            .append('\n')
            .append(Files.readString(file, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s.toString();
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
