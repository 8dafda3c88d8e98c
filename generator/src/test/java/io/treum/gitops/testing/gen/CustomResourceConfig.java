package io.treum.gitops.testing.gen;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A custom resource as a {@link GenericKubernetesResource}: a {@code spec} of nested maps, lists of
 * scalars and lists of maps with {@code name} keys. Kustomize knows no schema for it, so every list
 * is replaced wholesale by a patch.
 */
public final class CustomResourceConfig {
  final String apiVersion;
  final String kind;
  String namespace;
  Map<String, String> labels = new TreeMap<>();
  Map<String, String> annotations = new TreeMap<>();
  Map<String, Object> spec;

  public CustomResourceConfig(String apiVersion, String kind, Map<String, Object> spec) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.spec = deepCopy(spec);
  }

  CustomResourceConfig copy() {
    CustomResourceConfig c = new CustomResourceConfig(apiVersion, kind, spec);
    c.namespace = namespace;
    c.labels = new TreeMap<>(labels);
    c.annotations = new TreeMap<>(annotations);
    return c;
  }

  GenericKubernetesResource build(String name) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(labels.isEmpty() ? null : labels)
        .withAnnotations(annotations.isEmpty() ? null : annotations)
        .endMetadata()
        .addToAdditionalProperties("spec", deepCopy(spec))
        .build();
  }

  @Override
  public String toString() {
    return kind
        + "{namespace="
        + namespace
        + ", labels="
        + labels
        + ", annotations="
        + annotations
        + ", spec="
        + spec
        + "}";
  }

  @SuppressWarnings("unchecked")
  static <T> T deepCopy(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
      return (T) copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(deepCopy(v)));
      return (T) copy;
    }
    return value;
  }

  // ---- per-environment changes ----

  /** What an {@link Edit} does at the node its route leads to. */
  public enum Op {
    /** On a map: put {@code key} = value; on a list: append the value. */
    PUT,
    /**
     * On a map: remove the {@code choice}-th key; on a list: remove the {@code choice}-th element.
     */
    REMOVE,
    /** On a list: move the {@code choice}-th element to the front; on a map: nothing. */
    REORDER,
    /** Replace the node itself by the value (may change its type). */
    REPLACE
  }

  /**
   * An edit of the spec. The route walks down from the spec: at a map it takes the {@code n}-th key
   * (modulo), at a list the {@code n}-th element; it stops early at a scalar.
   */
  public record Edit(List<Integer> route, Op op, String key, int choice, Object value)
      implements Mutation<CustomResourceConfig> {
    @SuppressWarnings("unchecked")
    public void applyTo(CustomResourceConfig c) {
      Object parent = null;
      Object parentKey = null;
      Object node = c.spec;
      for (int step : route) {
        if (node instanceof Map<?, ?> map && !map.isEmpty()) {
          List<String> keys = new ArrayList<>(((Map<String, Object>) map).keySet());
          String next = keys.get(Math.floorMod(step, keys.size()));
          parent = node;
          parentKey = next;
          node = map.get(next);
        } else if (node instanceof List<?> list && !list.isEmpty()) {
          int next = Math.floorMod(step, list.size());
          parent = node;
          parentKey = next;
          node = list.get(next);
        } else {
          break;
        }
      }
      Object copy = deepCopy(value);
      switch (op) {
        case PUT -> {
          if (node instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(key, copy);
          } else if (node instanceof List<?> list) {
            ((List<Object>) list).add(copy);
          }
        }
        case REMOVE -> {
          if (node instanceof Map<?, ?> map) {
            Lists.removeKey((Map<String, ?>) map, choice);
          } else if (node instanceof List<?> list && !list.isEmpty()) {
            list.remove(Math.floorMod(choice, list.size()));
          }
        }
        case REORDER -> {
          if (node instanceof List<?> list && !list.isEmpty()) {
            List<Object> elements = (List<Object>) list;
            elements.add(0, elements.remove(Math.floorMod(choice, elements.size())));
          }
        }
        case REPLACE -> {
          if (parent instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put((String) parentKey, copy);
          } else if (parent instanceof List<?> list) {
            ((List<Object>) list).set((Integer) parentKey, copy);
          } else if (copy instanceof Map<?, ?> map) {
            c.spec = (Map<String, Object>) map;
          }
        }
      }
    }
  }

  public record EditMetadata(boolean annotation, String key, String value)
      implements Mutation<CustomResourceConfig> {
    public void applyTo(CustomResourceConfig c) {
      Map<String, String> map = annotation ? c.annotations : c.labels;
      if (value == null) {
        map.remove(key);
      } else {
        map.put(key, value);
      }
    }
  }

  public record SetNamespace(String namespace) implements Mutation<CustomResourceConfig> {
    public void applyTo(CustomResourceConfig c) {
      c.namespace = namespace;
    }
  }
}
