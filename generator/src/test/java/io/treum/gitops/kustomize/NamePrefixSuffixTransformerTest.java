package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.testing.KustomizeOracle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kustomize's {@code namePrefix} and {@code nameSuffix}, checked against kustomize v5.8.1. */
class NamePrefixSuffixTransformerTest {
  private final ManifestYaml yaml = new ManifestYaml();

  @ParameterizedTest(name = "{0} {1}, prefix ''{2}'', suffix ''{3}''")
  @CsvSource({
    "v1, ConfigMap, p-, -s",
    "apps/v1, Deployment, p-, ''",
    "v1, Service, '', -s",
    "rbac.authorization.k8s.io/v1, ClusterRole, p-, -s",
    "example.com/v1, Widget, p-, -s",
    // skipped by group and kind, or by kind alone
    "v1, Namespace, p-, -s",
    "example.com/v1, Namespace, p-, -s",
    "apiextensions.k8s.io/v1, CustomResourceDefinition, p-, -s",
    "example.com/v1, CustomResourceDefinition, p-, -s",
    "apiregistration.k8s.io/v1, APIService, p-, -s",
    "example.com/v1, APIService, p-, -s",
  })
  void renamesLikeKustomize(String apiVersion, String kind, String prefix, String suffix) {
    String object = "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: n}\n";
    ObjectNode expected =
        KustomizeOracle.build(
                Map.of(
                    "kustomization.yaml",
                    "namePrefix: '"
                        + prefix
                        + "'\nnameSuffix: '"
                        + suffix
                        + "'\nresources: [r.yaml]",
                    "r.yaml",
                    object),
                yaml)
            .single();
    ResourceSet resources = set(object);
    new NamePrefixSuffixTransformer(prefix, suffix).apply(resources);
    assertThat(resources.objects()).containsExactly(expected);
  }

  @Test
  void remembersEachIdAndRecordsTheAffixes() {
    ResourceSet resources = set("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n");
    new NamePrefixSuffixTransformer("a-", "").apply(resources);
    new NamePrefixSuffixTransformer("b-", "-z").apply(resources);
    Resource resource = resources.list().get(0);
    assertThat(resource.id().name()).isEqualTo("b-a-cm-z");
    assertThat(resource.previousIds())
        .extracting(ResourceId::name)
        .containsExactly("cm", "a-cm", "b-a-cm");
    assertThat(resource.namePrefixes()).containsExactly("a-", "b-");
    assertThat(resource.nameSuffixes()).containsExactly("-z");
    assertThat(resource.copy().namePrefixes()).containsExactly("a-", "b-");
  }

  @Test
  void emptyAffixesLeaveNoTrace() {
    ResourceSet resources = set("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: 7}\n");
    ObjectNode before = resources.list().get(0).object().deepCopy();
    new NamePrefixSuffixTransformer("", "").apply(resources);
    Resource resource = resources.list().get(0);
    assertThat(resource.object()).isEqualTo(before);
    assertThat(resource.previousIds()).isEmpty();
    assertThat(resource.namePrefixes()).isEmpty();
  }

  /** Kustomize skips by the original kind: a patch that changes the kind does not change that. */
  @Test
  void decidesBySkippedKindOfTheOriginalId() {
    String objects =
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: ns}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: was-cm}
        """;
    List<ObjectNode> expected =
        KustomizeOracle.build(
                Map.of(
                    "kustomization.yaml",
                    """
                    namePrefix: p-
                    resources: [r.yaml]
                    patches:
                    - options: {allowKindChange: true, allowNameChange: true}
                      target: {kind: Namespace}
                      patch: |
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: renamed}
                    - options: {allowKindChange: true}
                      target: {kind: ConfigMap, name: was-cm}
                      patch: |
                        apiVersion: v1
                        kind: Namespace
                        metadata: {name: was-cm}
                    sortOptions: {order: fifo}
                    """,
                    "r.yaml",
                    objects),
                yaml)
            .objects();
    ResourceSet resources = set(objects);
    // what the patches do, as the builder will: remember the id, then change kind (and name)
    Resource namespace = resources.list().get(0);
    namespace.rememberId();
    namespace.object().put("kind", "ConfigMap");
    namespace.object().with("metadata").put("name", "renamed");
    Resource configMap = resources.list().get(1);
    configMap.rememberId();
    configMap.object().put("kind", "Namespace");
    new NamePrefixSuffixTransformer("p-", "").apply(resources);
    assertThat(resources.objects()).containsExactlyElementsOf(expected);
  }

  private ResourceSet set(String objects) {
    ResourceSet resources = new ResourceSet();
    yaml.readAll(objects, "r.yaml")
        .forEach(o -> resources.add(new Resource((ObjectNode) o, "r.yaml")));
    return resources;
  }
}
