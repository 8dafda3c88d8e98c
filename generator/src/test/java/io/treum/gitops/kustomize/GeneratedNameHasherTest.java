package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kustomize's content-hash name suffix of generated objects, checked against kustomize v5.8.1. */
class GeneratedNameHasherTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "plain literals | configMapGenerator: [{name: cm, literals: [a=1, b=two]}]",
        "HTML-escaped characters | configMapGenerator: [{name: cm, literals: ['a=<&>', 'b=é']}]",
        "empty | configMapGenerator: [{name: cm}]",
        "secret | secretGenerator: [{name: s, literals: [a=1]}]",
        "typed secret | secretGenerator: [{name: s, type: kubernetes.io/tls, literals: [tls.crt=c, tls.key=k]}]",
        "after prefix and suffix | {namePrefix: p-, nameSuffix: -s, configMapGenerator: [{name: cm, literals: [a=1]}]}",
        "in a namespace | {namespace: team, secretGenerator: [{name: s, literals: [a=1]}]}",
        "hash disabled for one | configMapGenerator: [{name: a, literals: [x=1]}, {name: b, literals: [x=1], options: {disableNameSuffixHash: true}}]",
        "hash disabled for all | {generatorOptions: {disableNameSuffixHash: true}, configMapGenerator: [{name: a, literals: [x=1]}]}",
        "same content, same hash | configMapGenerator: [{name: a, literals: [x=1]}, {name: b, literals: [x=1]}]",
      })
  void namesLikeKustomize(String name, String kustomization) {
    NameTransformsPipeline.assertSameAsKustomize(Map.of("kustomization.yaml", kustomization));
  }

  @Test
  void remembersTheUnhashedId() {
    ResourceSet resources = new ResourceSet();
    ObjectNode object =
        new ManifestYaml()
            .readObject(
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {a: '1'}", "g");
    Resource generated = new Resource(object, "configMapGenerator cm");
    generated.hashSuffix(true);
    resources.add(generated);
    resources.add(
        new Resource(
            new ManifestYaml()
                .readObject("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}", "r"),
            "r.yaml"));
    new GeneratedNameHasher().apply(resources);
    assertThat(generated.id().name()).isEqualTo("cm-" + GeneratorHash.of(object));
    assertThat(generated.previousIds()).extracting(ResourceId::name).containsExactly("cm");
    assertThat(resources.list().get(1).id().name()).isEqualTo("x");
    assertThat(resources.list().get(1).previousIds()).isEmpty();
  }
}
