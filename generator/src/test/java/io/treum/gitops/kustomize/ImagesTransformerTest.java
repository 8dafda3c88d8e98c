package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.testing.KustomizeOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kustomize's {@code images:} entry. Every expectation here was checked against kustomize v5.8.1,
 * and {@link #realKustomizeAgrees} keeps checking it.
 */
class ImagesTransformerTest {
  private final ManifestYaml yaml = new ManifestYaml();

  /** One entry applied to a Deployment's container image. */
  record Row(String name, ImageEntry entry, String before, String after) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static ImageEntry entry(
      String name, String newName, String newTag, String digest, String tagSuffix) {
    return new ImageEntry(name, newName, newTag, digest, tagSuffix);
  }

  static List<Row> rows() {
    return List.of(
        new Row(
            "newTag on untagged", entry("nginx", null, "2.0", null, null), "nginx", "nginx:2.0"),
        new Row("newTag", entry("nginx", null, "2.0", null, null), "nginx:1.2", "nginx:2.0"),
        new Row(
            "newTag drops the digest",
            entry("nginx", null, "2.0", null, null),
            "nginx:1.0@sha256:abc",
            "nginx:2.0"),
        new Row(
            "digest drops the tag",
            entry("nginx", null, null, "sha256:999", null),
            "nginx:1.2",
            "nginx@sha256:999"),
        new Row(
            "newTag and digest",
            entry("nginx", null, "2.0", "sha256:999", null),
            "nginx:1.2",
            "nginx:2.0@sha256:999"),
        new Row(
            "newName keeps tag and digest",
            entry("nginx", "reg.example/x", null, null, null),
            "nginx:1.0@sha256:abc",
            "reg.example/x:1.0@sha256:abc"),
        new Row(
            "newName and newTag",
            entry("nginx", "reg.example/x", "3", null, null),
            "nginx:1.2",
            "reg.example/x:3"),
        // Kustomize applies its image field specs after walking every containers list, so an
        // image of a Deployment's pod template is rewritten twice: only tagSuffix shows it.
        new Row(
            "tagSuffix is appended twice on a pod template",
            entry("nginx", null, null, null, "-debug"),
            "nginx:1.2",
            "nginx:1.2-debug-debug"),
        new Row(
            "tagSuffix on untagged",
            entry("nginx", null, null, null, "-debug"),
            "nginx",
            "nginx:-debug-debug"),
        new Row(
            "tagSuffix drops the digest",
            entry("nginx", null, null, null, "-debug"),
            "nginx:1.0@sha256:abc",
            "nginx:1.0-debug-debug"),
        new Row(
            "newTag wins over tagSuffix",
            entry("nginx", null, "2.0", null, "-debug"),
            "nginx:1.2",
            "nginx:2.0"),
        new Row(
            "digest wins over tagSuffix",
            entry("nginx", null, null, "sha256:9", "-debug"),
            "nginx:1.2",
            "nginx@sha256:9"),
        new Row(
            "empty fields count as absent",
            entry("nginx", "", "", "", ""),
            "nginx:1.2",
            "nginx:1.2"),
        new Row(
            "the registry is part of the name",
            entry("nginx", null, "2.0", null, null),
            "docker.io/nginx:1.2",
            "docker.io/nginx:1.2"),
        new Row(
            "a longer repository does not match",
            entry("nginx", null, "2.0", null, null),
            "nginxfoo:1.2",
            "nginxfoo:1.2"),
        new Row(
            "registry with a port",
            entry("localhost:5000/app", null, "2.0", null, null),
            "localhost:5000/app:1.0",
            "localhost:5000/app:2.0"),
        new Row(
            "ECR repository",
            entry(
                "treum-service",
                "111122223333.dkr.ecr.ap-south-1.amazonaws.com/treum-service",
                "1.4.2",
                null,
                null),
            "treum-service",
            "111122223333.dkr.ecr.ap-south-1.amazonaws.com/treum-service:1.4.2"),
        // Kustomize puts the name into a regular expression unquoted: '.' matches any character.
        new Row(
            "a dot in the name matches any character",
            entry("ngin.", null, "2.0", null, null),
            "nginx:1.2",
            "nginx:2.0"));
  }

  private static String deployment(String image) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n"
        + "    spec:\n      containers:\n      - name: c\n        image: \""
        + image
        + "\"\n";
  }

  private ObjectNode apply(ImageEntry entry, String resource) {
    ObjectNode tree = yaml.readObject(resource, "test");
    new ImagesTransformer(List.of(entry)).apply(tree);
    return tree;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void rewritesTheImage(Row row) {
    ObjectNode result = apply(row.entry(), deployment(row.before()));
    assertThat(result.at("/spec/template/spec/containers/0/image").asText()).isEqualTo(row.after());
  }

  @Test
  void realKustomizeAgrees() {
    List<String> disagreements = new ArrayList<>();
    for (Row row : rows()) {
      String resource = deployment(row.before());
      ObjectNode built =
          KustomizeOracle.build(
                  Map.of(
                      "kustomization.yaml",
                      "resources:\n- r.yaml\nimages:\n- " + yaml.writeJson(entryNode(row.entry())),
                      "r.yaml",
                      resource),
                  yaml)
              .single();
      if (!CanonicalJson.same(built, apply(row.entry(), resource))) {
        disagreements.add(row.name() + ": kustomize gives " + built);
      }
    }
    assertThat(disagreements).isEmpty();
  }

  private static ObjectNode entryNode(ImageEntry entry) {
    ObjectNode node = ManifestYaml.newObject();
    node.put("name", entry.name());
    if (entry.newName() != null) {
      node.put("newName", entry.newName());
    }
    if (entry.newTag() != null) {
      node.put("newTag", entry.newTag());
    }
    if (entry.digest() != null) {
      node.put("digest", entry.digest());
    }
    if (entry.tagSuffix() != null) {
      node.put("tagSuffix", entry.tagSuffix());
    }
    return node;
  }

  /** Where images are found: a mix of places Kustomize does and does not look. */
  private static final String EVERYWHERE =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: d
      spec:
        template:
          spec:
            initContainers:
            - name: i
              image: nginx:1.0
            containers:
            - name: a
              image: nginx:1.0
            - name: no-image
            ephemeralContainers:
            - name: e
              image: nginx:1.0
            volumes:
            - name: v
              image:
                reference: nginx:1.0
            - name: w
              emptyDir: {}
      ---
      apiVersion: example.com/v1
      kind: Thing
      metadata:
        name: t
      spec:
        image: nginx:1.0
        deep:
          x:
            containers:
            - image: nginx:1.0
            initContainers:
            - image: nginx:1.0
          containers:
            image: nginx:1.0
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: c
      spec:
        jobTemplate:
          spec:
            template:
              spec:
                containers:
                - name: c
                  image: nginx:1.0
      ---
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: things.example.com
      spec:
        x:
          containers:
          - image: nginx:1.0
      """;

  @Test
  void rewritesContainersAndInitContainersAnywhereButNotInCrds() {
    List<ObjectNode> resources = new ArrayList<>();
    yaml.readAll(EVERYWHERE, "test").forEach(n -> resources.add((ObjectNode) n));
    ImagesTransformer transformer =
        new ImagesTransformer(List.of(new ImageEntry("nginx", null, "2.0", null, null)));
    resources.forEach(transformer::apply);

    ObjectNode deployment = resources.get(0);
    assertThat(deployment.at("/spec/template/spec/initContainers/0/image").asText())
        .isEqualTo("nginx:2.0");
    assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("nginx:2.0");
    assertThat(deployment.at("/spec/template/spec/containers/1").has("image")).isFalse();
    assertThat(deployment.at("/spec/template/spec/ephemeralContainers/0/image").asText())
        .as("Kustomize does not look at ephemeral containers")
        .isEqualTo("nginx:1.0");
    assertThat(deployment.at("/spec/template/spec/volumes/0/image/reference").asText())
        .isEqualTo("nginx:2.0");
    assertThat(deployment.at("/spec/template/spec/volumes/1").has("image")).isFalse();

    ObjectNode thing = resources.get(1);
    assertThat(thing.at("/spec/image").asText()).isEqualTo("nginx:1.0");
    assertThat(thing.at("/spec/deep/x/containers/0/image").asText()).isEqualTo("nginx:2.0");
    assertThat(thing.at("/spec/deep/x/initContainers/0/image").asText()).isEqualTo("nginx:2.0");
    assertThat(thing.at("/spec/deep/containers/image").asText())
        .as("a containers map is not a containers list")
        .isEqualTo("nginx:1.0");

    assertThat(
            resources.get(2).at("/spec/jobTemplate/spec/template/spec/containers/0/image").asText())
        .isEqualTo("nginx:2.0");
    assertThat(resources.get(3).at("/spec/x/containers/0/image").asText())
        .as("CRDs are untouched")
        .isEqualTo("nginx:1.0");
  }

  @Test
  void realKustomizeAgreesOnWhereImagesAre() {
    for (ImageEntry entry :
        List.of(
            new ImageEntry("nginx", null, "2.0", null, null),
            new ImageEntry("nginx", null, null, null, "-x"))) {
      List<ObjectNode> java = new ArrayList<>();
      yaml.readAll(EVERYWHERE, "test").forEach(n -> java.add((ObjectNode) n));
      ImagesTransformer transformer = new ImagesTransformer(List.of(entry));
      java.forEach(transformer::apply);
      KustomizeOracle.Outcome outcome =
          KustomizeOracle.build(
              Map.of(
                  "kustomization.yaml",
                  "resources:\n- r.yaml\nimages:\n- " + yaml.writeJson(entryNode(entry)),
                  "r.yaml",
                  EVERYWHERE),
              yaml);
      assertThat(outcome.error()).isNull();
      for (ObjectNode built : outcome.objects()) {
        ObjectNode mine =
            java.stream()
                .filter(o -> ResourceId.of(o).equals(ResourceId.of(built)))
                .findFirst()
                .orElseThrow();
        assertThat(yaml.write(mine)).isEqualTo(yaml.write(built));
      }
    }
  }

  /** Kustomize fails on these too ("wrong node kind"); treum names the resource and field. */
  @Test
  void containersThatAreNotMapsAndImagesThatAreNotStringsAreErrors() {
    ImagesTransformer transformer =
        new ImagesTransformer(List.of(new ImageEntry("nginx", null, "2.0", null, null)));
    ObjectNode notAMap =
        yaml.readObject(
            "apiVersion: example.com/v1\nkind: T\nmetadata: {name: t}\nspec:\n  containers:\n"
                + "  - just-a-string\n",
            "test");
    assertThatThrownBy(() -> transformer.apply(notAMap))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("containers")
        .hasMessageContaining("just-a-string");
    ObjectNode mapImage =
        yaml.readObject(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
                + "  - name: c\n    image: {repository: nginx}\n",
            "test");
    assertThatThrownBy(() -> transformer.apply(mapImage))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("repository");
  }

  /**
   * Stricter than Kustomize on purpose: kustomize v5.8.1 silently matches nothing for an entry
   * without name and crashes (nil pointer) on a name that is not a valid regular expression. Any
   * name beyond a repository's characters is refused, so Java never runs an expression that Go
   * would read differently or that backtracks for ever.
   */
  @ParameterizedTest
  @MethodSource("badNames")
  void namesThatAreNotRepositoriesAreRefused(String name) {
    assertThatThrownBy(
            () -> new ImagesTransformer(List.of(new ImageEntry(name, null, "1", null, null))))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("images entry")
        .hasMessageContaining(name == null ? "no name" : name);
  }

  static List<String> badNames() {
    List<String> names = new ArrayList<>();
    names.add(null);
    names.add("");
    names.add("ngin(x");
    names.add("(a+)+b");
    names.add("nginx|docker.io/nginx");
    names.add("nginx:1.2 ");
    return names;
  }
}
