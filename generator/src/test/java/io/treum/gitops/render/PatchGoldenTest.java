package io.treum.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.KustomizeBuilder;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.testing.Golden;
import io.treum.gitops.testing.KustomizeCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden patches of {@link OverlayPatchDiffer} for list edits the renderer's intersection base
 * never asks for (it puts in the base only what every environment has, so an overlay never removes
 * a list element) or that show Kustomize's list semantics in isolation. Each case under {@code
 * golden/patches/<case>/} holds {@code base.yaml} and {@code target.yaml}; the patches must equal
 * {@code expected/} byte for byte, and real kustomize (and treum's builder) must turn the base into
 * exactly the target with them. {@code -Dtreum.golden.update=true} rewrites {@code expected/}.
 */
class PatchGoldenTest {
  private final ManifestYaml yaml = new ManifestYaml();
  private final MergeSchema schema = MergeSchema.builtIn();

  /**
   * A case.
   *
   * @param shows text the patch files must contain (file names included)
   */
  record Case(String name, List<String> shows) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("delete-list-elements", List.of("$patch: delete", "name: log-shipper")),
        new Case("service-ports", List.of("patch.yaml", "port: 9090")),
        new Case("service-ports-reordered", List.of("patch.json6902.yaml", "path: /spec/ports")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void patchIsGoldenAndKustomizeAppliesItExactly(Case golden) throws IOException {
    Path input = Golden.tree("golden/patches/" + golden.name()).root();
    ObjectNode base = read(input.resolve("base.yaml"));
    ObjectNode target = read(input.resolve("target.yaml"));

    OverlayPatchDiffer.Patch patch = new OverlayPatchDiffer(schema).diff(base, target);
    SortedMap<String, String> files = new TreeMap<>();
    if (patch.strategicMerge() != null) {
      files.put("patch.yaml", yaml.write(patch.strategicMerge()));
    }
    if (!patch.jsonOperations().isEmpty()) {
      files.put("patch.json6902.yaml", yaml.write(patch.jsonOperations()));
    }
    Golden.Tree expected = Golden.tree("golden/patches/" + golden.name() + "/expected");
    expected.updateIfRequested(files);
    assertThat(expected.differences(files)).as("golden patches").isEmpty();
    String everything =
        files.entrySet().stream()
            .map(e -> e.getKey() + "\n" + e.getValue())
            .reduce("", String::concat);
    assertThat(everything).as("what the case shows").contains(golden.shows());

    Path tree = Files.createTempDirectory("treum-patch-golden");
    try {
      Path overlay = writeTree(tree, input.resolve("base.yaml"), base, files);
      List<JsonNode> built = KustomizeCli.build(overlay, yaml);
      assertThat(ObjectSetDiff.compare(List.of(target), built, yaml))
          .as("kustomize build")
          .isEmpty();
      List<ObjectNode> builtInJava = new KustomizeBuilder(yaml, schema).build(overlay);
      assertThat(ObjectSetDiff.compare(List.of(target), builtInJava, yaml))
          .as("treum's builder")
          .isEmpty();
    } finally {
      Golden.delete(tree);
    }
  }

  private ObjectNode read(Path file) throws IOException {
    return yaml.readObject(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** base/ with the object, overlay/ with the patches; returns the overlay. */
  private Path writeTree(Path root, Path baseFile, ObjectNode base, SortedMap<String, String> files)
      throws IOException {
    Path baseDir = Files.createDirectories(root.resolve("base"));
    Files.copy(baseFile, baseDir.resolve("object.yaml"));
    ObjectNode baseKustomization = kustomization();
    baseKustomization.putArray("resources").add("object.yaml");
    Files.writeString(baseDir.resolve("kustomization.yaml"), yaml.write(baseKustomization));

    Path overlay = Files.createDirectories(root.resolve("overlay"));
    ObjectNode kustomization = kustomization();
    kustomization.putArray("resources").add("../base");
    ArrayNode patches = kustomization.putArray("patches");
    for (var file : files.entrySet()) {
      Files.writeString(overlay.resolve(file.getKey()), file.getValue());
      ObjectNode entry = patches.addObject().put("path", file.getKey());
      if (file.getKey().endsWith(".json6902.yaml")) {
        ResourceKey key = ResourceKey.of(base);
        ObjectNode selector = entry.putObject("target");
        selector.put("group", key.group());
        selector.put("version", key.version());
        selector.put("kind", key.kind());
        selector.put("name", key.name());
      }
    }
    Files.writeString(overlay.resolve("kustomization.yaml"), yaml.write(kustomization));
    return overlay;
  }

  private static ObjectNode kustomization() {
    ObjectNode kustomization = ManifestYaml.newObject();
    kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    kustomization.put("kind", "Kustomization");
    return kustomization;
  }
}
