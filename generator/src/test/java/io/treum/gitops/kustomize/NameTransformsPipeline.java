package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.testing.KustomizeOracle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a small Kustomize tree (resources, directory bases, {@code namespace}, {@code namePrefix},
 * {@code nameSuffix}, literal {@code configMapGenerator}/{@code secretGenerator}) the way the
 * builder does, with the name transformers under test: per kustomization namespace → prefix →
 * suffix, then at the top hash suffixes → name references. It stands in for the builder until that
 * calls these classes, and compares the result with real kustomize.
 */
final class NameTransformsPipeline {
  /** What kustomize's errors and treum's have in common. */
  private static final List<String> SHARED_ERRORS =
      List.of(
          "found multiple possible referrals",
          "no 'name' field in node",
          "Invalid Input: namespace is blank");

  private final ManifestYaml yaml = new ManifestYaml();
  private final Map<String, String> files;

  NameTransformsPipeline(Map<String, String> files) {
    this.files = files;
  }

  /** The top-level build of the tree. */
  ResourceSet build() {
    ResourceSet resources = layer("");
    new GeneratedNameHasher().apply(resources);
    new NameReferenceFixer().apply(resources);
    return resources;
  }

  /** Builds with kustomize ({@code fifo} order is added) and with the pipeline; asserts equal. */
  static void assertSameAsKustomize(Map<String, String> tree) {
    Map<String, String> fifo = new LinkedHashMap<>(tree);
    fifo.put(
        "kustomization.yaml", tree.get("kustomization.yaml") + "\nsortOptions: {order: fifo}\n");
    ManifestYaml yaml = new ManifestYaml();
    KustomizeOracle.Outcome expected = KustomizeOracle.build(fifo, yaml);
    if (expected.failed()) {
      String phrase =
          SHARED_ERRORS.stream()
              .filter(expected.error()::contains)
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("unexpected kustomize error: " + expected.error()));
      assertThatThrownBy(() -> new NameTransformsPipeline(tree).build())
          .as("kustomize failed with: " + expected.error())
          .isInstanceOf(KustomizeException.class)
          .hasMessageContaining(phrase);
      return;
    }
    List<ObjectNode> actual = new NameTransformsPipeline(tree).build().objects();
    assertThat(canonical(yaml, actual)).isEqualTo(canonical(yaml, expected.objects()));
  }

  private static String canonical(ManifestYaml yaml, List<ObjectNode> objects) {
    List<JsonNode> sorted = new ArrayList<>();
    objects.forEach(o -> sorted.add(CanonicalJson.sorted(o)));
    return yaml.writeStream(sorted);
  }

  private ResourceSet layer(String dir) {
    String path = dir.isEmpty() ? "kustomization.yaml" : dir + "/kustomization.yaml";
    ObjectNode kustomization = yaml.readObject(files.get(path), path);
    ResourceSet resources = new ResourceSet();
    for (JsonNode entry : kustomization.path("resources")) {
      String file = dir.isEmpty() ? entry.asText() : dir + "/" + entry.asText();
      if (files.containsKey(file + "/kustomization.yaml")) {
        resources.addAll(layer(file));
      } else {
        for (JsonNode object : yaml.readAll(files.get(file), file)) {
          resources.add(new Resource((ObjectNode) object, file));
        }
      }
    }
    boolean hashByDefault =
        !kustomization.path("generatorOptions").path("disableNameSuffixHash").asBoolean(false);
    for (JsonNode generator : kustomization.path("configMapGenerator")) {
      resources.add(generated("ConfigMap", generator, hashByDefault, path));
    }
    for (JsonNode generator : kustomization.path("secretGenerator")) {
      resources.add(generated("Secret", generator, hashByDefault, path));
    }
    String namespace = kustomization.path("namespace").asText("");
    if (!namespace.isEmpty()) {
      // Kustomize stores every resource's id before it sets the namespace.
      for (Resource resource : resources) {
        resource.rememberId();
        new NamespaceTransformer(namespace).apply(resource.object());
      }
    }
    new NamePrefixSuffixTransformer(
            kustomization.path("namePrefix").asText(""),
            kustomization.path("nameSuffix").asText(""))
        .apply(resources);
    return resources;
  }

  private Resource generated(String kind, JsonNode generator, boolean hashByDefault, String from) {
    ObjectNode object = ManifestYaml.newObject();
    object.put("apiVersion", "v1");
    object.put("kind", kind);
    object.with("metadata").put("name", generator.path("name").asText());
    if (generator.has("namespace")) {
      object.with("metadata").put("namespace", generator.path("namespace").asText());
    }
    ObjectNode data = ManifestYaml.newObject();
    for (JsonNode literal : generator.path("literals")) {
      String[] pair = literal.asText().split("=", 2);
      data.put(
          pair[0],
          kind.equals("Secret")
              ? Base64.getEncoder().encodeToString(pair[1].getBytes(StandardCharsets.UTF_8))
              : pair[1]);
    }
    if (kind.equals("Secret")) {
      object.put("type", generator.path("type").asText("Opaque"));
    }
    if (!data.isEmpty()) {
      // kustomize leaves out an empty data map
      object.set("data", data);
    }
    Resource resource = new Resource(object, from);
    // Either the kustomization's or the generator's options can disable the hash; a generator's
    // false does not re-enable it.
    resource.hashSuffix(
        hashByDefault && !generator.path("options").path("disableNameSuffixHash").asBoolean());
    return resource;
  }
}
