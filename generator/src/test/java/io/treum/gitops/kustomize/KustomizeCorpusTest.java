package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.render.ObjectSetDiff;
import io.treum.gitops.render.ResourceKey;
import io.treum.gitops.testing.KustomizeCli;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential golden corpus: every kustomization folder below {@code
 * src/test/resources/kustomize-corpus} is built by treum's Java builder and by the real kustomize;
 * the objects must be equal and in the same order.
 */
class KustomizeCorpusTest {
  private final ManifestYaml yaml = new ManifestYaml();
  private final KustomizeBuilder builder = new KustomizeBuilder(yaml, MergeSchema.builtIn());

  static Stream<Path> kustomizations() throws IOException, URISyntaxException {
    Path corpus = Path.of(KustomizeCorpusTest.class.getResource("/kustomize-corpus").toURI());
    List<Path> folders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(corpus)) {
      files
          .filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
          .map(Path::getParent)
          .filter(dir -> !isComponent(dir))
          .sorted()
          .forEach(folders::add);
    }
    return folders.stream();
  }

  private static boolean isComponent(Path dir) {
    try {
      return Files.readString(dir.resolve("kustomization.yaml")).contains("kind: Component");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kustomizations")
  void treumBuildsWhatKustomizeBuilds(Path folder) {
    List<JsonNode> expected = KustomizeCli.build(folder, yaml);
    List<ObjectNode> actual = builder.build(folder);
    assertThat(ObjectSetDiff.compare(expected, actual, yaml)).isEmpty();
    assertThat(keys(actual)).as("output order").isEqualTo(keys(expected));
  }

  private static List<String> keys(List<? extends JsonNode> objects) {
    List<String> keys = new ArrayList<>();
    objects.forEach(o -> keys.add(ResourceKey.of(o).toString()));
    return keys;
  }
}
