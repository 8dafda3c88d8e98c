package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.testing.Golden;
import io.treum.gitops.testing.KustomizeCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImagesTransformerAgainstKustomizeTest {
  private final ManifestYaml yaml = new ManifestYaml();

  /**
   * Where kustomize's images transformer fails, whatever the entry (checked with kustomize 5.8.1).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a Deployment|{kind: Deployment, apiVersion: apps/v1, spec: {template: {spec: {containers:"
            + " [{name: a, image: x}]}}}}|true",
        "a custom resource without containers|{kind: Widget, apiVersion: x/v1, spec: {a: 1}}|true",
        "spec.template is a string|{kind: Rollout, apiVersion: x/v1, spec: {template: t}}|false",
        "spec.containers is a string|{kind: Widget, apiVersion: x/v1, spec: {containers: c}}|false",
        "a container is a string|{kind: Pod, apiVersion: v1, spec: {containers: [c]}}|false",
        "an image is a map|{kind: Pod, apiVersion: v1, spec: {containers: [{image: {a: b}}]}}|false",
        "containers deep in a custom resource|{kind: W, apiVersion: x/v1, spec: {a: {containers:"
            + " [c]}}}|false",
        "a null spec|{kind: Widget, apiVersion: x/v1, spec: null}|true",
        "a CRD|{kind: CustomResourceDefinition, apiVersion: apiextensions.k8s.io/v1, spec:"
            + " {containers: [c]}}|true"
      })
  void knowsWhereKustomizeFails(String what, String resource, boolean transformable) {
    ObjectNode object = yaml.readObject(resource, what);
    if (!transformable) {
      assertThat(ImagesTransformer.changesOnlyImages(object)).isFalse();
    }
    ImagesTransformer transformer =
        new ImagesTransformer(
            List.of(new ImageEntry("x", "registry.example.com/x", "2", null, null)));
    if (transformable) {
      transformer.apply(object);
    } else {
      assertThatThrownBy(() -> transformer.apply(object)).isInstanceOf(KustomizeException.class);
    }
  }

  /**
   * Where an {@code images:} entry that matches nothing still changes a resource: a null list on
   * the built-in field specs' paths becomes an empty one. Real kustomize decides each case.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "null containers of a custom resource's template|{kind: Rollout, apiVersion:"
            + " argoproj.io/v1alpha1, spec: {template: {spec: {containers: null}}}}|false",
        "null spec.containers|{kind: Widget, apiVersion: x/v1, spec: {containers: null}}|false",
        "null spec.initContainers|{kind: Widget, apiVersion: x/v1, spec: {initContainers:"
            + " null}}|false",
        "null volumes of a Deployment's template|{kind: Deployment, apiVersion: apps/v1, spec:"
            + " {template: {spec: {volumes: null}}}}|false",
        "a null template spec|{kind: Rollout, apiVersion: x/v1, spec: {template: {spec:"
            + " null}}}|true",
        "null containers off the field specs' paths|{kind: Widget, apiVersion: x/v1, spec: {a:"
            + " {containers: null}}}|true",
        "null ephemeralContainers|{kind: Pod, apiVersion: v1, spec: {ephemeralContainers:"
            + " null}}|true",
        "empty containers|{kind: Widget, apiVersion: x/v1, spec: {containers: []}}|true",
        "a Deployment|{kind: Deployment, apiVersion: apps/v1, spec: {template: {spec: {containers:"
            + " [{name: a, image: x}]}}}}|true"
      })
  void knowsWhereKustomizeChangesMoreThanImages(String what, String resource, boolean onlyImages)
      throws Exception {
    ObjectNode object = yaml.readObject(resource, what);
    object.with("metadata").put("name", "a");
    assertThat(ImagesTransformer.changesOnlyImages(object)).isEqualTo(onlyImages);

    Path dir = Files.createTempDirectory("treum-images");
    try {
      Files.writeString(dir.resolve("resource.yaml"), yaml.write(object), StandardCharsets.UTF_8);
      Files.writeString(
          dir.resolve("kustomization.yaml"),
          "resources: [resource.yaml]\nimages: [{name: treum.invalid/none, newTag: none}]\n",
          StandardCharsets.UTF_8);
      List<JsonNode> built = KustomizeCli.build(dir, yaml);
      assertThat(built).hasSize(1);
      assertThat(built.get(0).equals(object))
          .as("kustomize leaves it unchanged")
          .isEqualTo(onlyImages);
    } finally {
      Golden.delete(dir);
    }
  }
}
