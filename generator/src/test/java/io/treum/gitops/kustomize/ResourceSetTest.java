package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Lookups by id stay right while the resources they hand out change. */
class ResourceSetTest {
  private final ManifestYaml yaml = new ManifestYaml();

  private Resource resource(String kind, String name, String source) {
    ObjectNode object =
        yaml.readObject(
            "apiVersion: v1\nkind: " + kind + "\nmetadata: {name: " + name + "}\n", source);
    return new Resource(object, source);
  }

  private static ResourceId id(String kind, String name) {
    return new ResourceId("", "v1", kind, "", name);
  }

  @Test
  void findsAResourceByItsCurrentAndEarlierIds() {
    ResourceSet resources = new ResourceSet();
    resources.add(resource("ConfigMap", "a", "a.yaml"));
    resources.add(resource("ConfigMap", "b", "b.yaml"));

    Resource a = resources.byAnyId(id("ConfigMap", "a")).get(0);
    a.rememberId();
    a.object().with("metadata").put("name", "renamed");

    assertThat(resources.byAnyId(id("ConfigMap", "renamed"))).containsExactly(a);
    assertThat(resources.byAnyId(id("ConfigMap", "a"))).containsExactly(a);
    assertThat(resources.byAnyId(id("ConfigMap", "b"))).hasSize(1);
    assertThat(resources.byAnyId(id("Secret", "a"))).isEmpty();
  }

  @Test
  void aResourceThatLostAnIdIsNotFoundByIt() {
    ResourceSet resources = new ResourceSet();
    resources.add(resource("ConfigMap", "a", "a.yaml"));

    Resource a = resources.byAnyId(id("ConfigMap", "a")).get(0);
    // a change without remembering the id, as a patch that may change the name makes
    a.object().with("metadata").put("name", "b");

    assertThat(resources.byAnyId(id("ConfigMap", "a"))).isEmpty();
    assertThat(resources.byAnyId(id("ConfigMap", "b"))).containsExactly(a);
  }

  @Test
  void severalMatchesComeInTheSetsOrder() {
    ResourceSet resources = new ResourceSet();
    Resource first = resource("ConfigMap", "x", "1.yaml");
    Resource second = resource("ConfigMap", "y", "2.yaml");
    resources.add(first);
    resources.add(second);

    // handed out, the first one is indexed anew after the second
    resources.byAnyId(id("ConfigMap", "x"));
    first.rememberId();
    first.object().with("metadata").put("name", "y");

    assertThat(resources.byAnyId(id("ConfigMap", "y"))).containsExactly(first, second);
  }

  @Test
  void addRefusesTheCurrentIdOfARenamedResource() {
    ResourceSet resources = new ResourceSet();
    resources.add(resource("ConfigMap", "a", "a.yaml"));
    Resource a = resources.byAnyId(id("ConfigMap", "a")).get(0);
    a.rememberId();
    a.object().with("metadata").put("name", "b");

    resources.add(resource("ConfigMap", "a", "again.yaml"));
    assertThatThrownBy(() -> resources.add(resource("ConfigMap", "b", "b.yaml")))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("already registered id")
        .hasMessageContaining("a.yaml");
  }

  @Test
  void aRemovedResourceIsNotFound() {
    ResourceSet resources = new ResourceSet();
    resources.add(resource("ConfigMap", "a", "a.yaml"));
    resources.remove(resources.byAnyId(id("ConfigMap", "a")).get(0));

    assertThat(resources.byAnyId(id("ConfigMap", "a"))).isEmpty();
    resources.add(resource("ConfigMap", "a", "again.yaml"));
    assertThat(resources.size()).isEqualTo(1);
  }
}
