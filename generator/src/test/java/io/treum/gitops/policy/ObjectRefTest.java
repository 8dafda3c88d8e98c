package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.kustomize.ManifestYaml;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectRefTest {
  private final ManifestYaml yaml = new ManifestYaml();

  static Stream<Arguments> manifests() {
    return Stream.of(
        Arguments.of(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: payments}\n",
            new ObjectRef("apps/v1", "Deployment", "payments", "api"),
            "Deployment/payments/api"),
        Arguments.of(
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\n",
            new ObjectRef("rbac.authorization.k8s.io/v1", "ClusterRole", null, "reader"),
            "ClusterRole/reader"),
        Arguments.of(
            "kind: ConfigMap\nmetadata: {name: settings, namespace: ''}\n",
            new ObjectRef(null, "ConfigMap", null, "settings"),
            "ConfigMap/settings"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("manifests")
  void readsTheObjectOfAManifest(String manifest, ObjectRef expected, String text) {
    ObjectRef ref = ObjectRef.of(yaml.readObject(manifest, "m.yaml"));
    assertThat(ref).isEqualTo(expected);
    assertThat(ref).hasToString(text);
  }

  @Test
  void kindAndNameAreRequired() {
    assertThatThrownBy(() -> new ObjectRef("v1", "", "ns", "x")).hasMessageContaining("kind");
    assertThatThrownBy(() -> new ObjectRef("v1", "Pod", "ns", null)).hasMessageContaining("name");
    assertThatThrownBy(() -> ObjectRef.of(yaml.readObject("kind: Pod\n", "m.yaml")))
        .hasMessageContaining("name");
  }

  @Test
  void sortsByKindNamespaceNameThenApiVersion() {
    List<ObjectRef> sorted =
        List.of(
            new ObjectRef(null, "ClusterRole", null, "a"),
            new ObjectRef("apps/v1", "Deployment", null, "z"),
            new ObjectRef("apps/v1", "Deployment", "a", "b"),
            new ObjectRef("apps/v1", "Deployment", "b", "a"),
            new ObjectRef(null, "Service", "a", "a"),
            new ObjectRef("v1", "Service", "a", "a"));
    List<ObjectRef> shuffled = new ArrayList<>(sorted);
    Collections.reverse(shuffled);
    Collections.sort(shuffled);
    assertThat(shuffled).containsExactlyElementsOf(sorted);
  }
}
