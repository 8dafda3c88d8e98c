package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
    assertThat(ImagesTransformer.canTransform(object)).isEqualTo(transformable);
    ImagesTransformer transformer =
        new ImagesTransformer(
            List.of(new ImageEntry("x", "registry.example.com/x", "2", null, null)));
    if (transformable) {
      transformer.apply(object);
    } else {
      assertThatThrownBy(() -> transformer.apply(object)).isInstanceOf(KustomizeException.class);
    }
  }
}
