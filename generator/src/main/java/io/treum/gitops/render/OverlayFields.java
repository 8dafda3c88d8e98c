package io.treum.gitops.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.FieldSpec;
import io.treum.gitops.kustomize.ImageEntry;
import io.treum.gitops.kustomize.LabelsTransformer;
import io.treum.gitops.kustomize.ReplicasTransformer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The transformer fields of one overlay's kustomization — {@code namespace}, {@code labels}, {@code
 * replicas}, {@code images} — and the inverse: the form of each object before those transformers
 * run, which is what base and patches must produce.
 *
 * @param namespace the overlay's namespace, or {@code null} when objects keep their own
 * @param labels the environment labels, applied to metadata and pod templates
 * @param images one entry per logical image name
 * @param replicas replica counts of workloads no HPA manages
 */
public record OverlayFields(
    String namespace,
    SortedMap<String, String> labels,
    SortedMap<String, ImageEntry> images,
    SortedMap<String, Long> replicas) {

  /** Kinds Kustomize's namespace transformer leaves unchanged when already in the namespace. */
  private static final Set<String> RBAC_BINDINGS = Set.of("RoleBinding", "ClusterRoleBinding");

  /** Derives the fields from an environment's typed state. */
  public static OverlayFields of(EnvironmentState state, ImageNaming naming) {
    return new OverlayFields(
        namespaceOf(state),
        new TreeMap<>(state.environment().labels()),
        new TreeMap<>(naming.entries(state)),
        replicasOf(state));
  }

  /**
   * A namespace for the overlay only when setting it changes nothing: every object is already in it
   * (or is the Namespace object of that name) and no RBAC binding's subjects could be rewritten.
   */
  private static String namespaceOf(EnvironmentState state) {
    String namespace = state.environment().namespace().orElse(null);
    if (namespace == null) {
      return null;
    }
    for (TypedObject object : state.objects().values()) {
      ResourceKey key = object.key();
      if (RBAC_BINDINGS.contains(key.kind())) {
        return null;
      }
      boolean isItsNamespace =
          key.kind().equals("Namespace")
              && key.name().equals(namespace)
              && key.apiVersion().equals("v1");
      if (!isItsNamespace && !key.namespace().equals(namespace)) {
        return null;
      }
    }
    return namespace;
  }

  /**
   * Replica counts for Deployments and StatefulSets that no HorizontalPodAutoscaler targets, where
   * the name is unambiguous among all kinds Kustomize's replicas transformer touches.
   */
  private static SortedMap<String, Long> replicasOf(EnvironmentState state) {
    Set<String> managedByHpa = new HashSet<>();
    Map<String, Set<String>> countsByName = new HashMap<>();
    for (TypedObject object : state.objects().values()) {
      ObjectNode tree = object.tree();
      ResourceKey key = object.key();
      if (key.kind().equals("HorizontalPodAutoscaler")) {
        JsonNode target = tree.path("spec").path("scaleTargetRef");
        managedByHpa.add(target.path("kind").asText() + "/" + target.path("name").asText());
      }
      if (ReplicasTransformer.KINDS.contains(key.kind())) {
        JsonNode replicas = tree.path("spec").path("replicas");
        countsByName
            .computeIfAbsent(key.name(), n -> new HashSet<>())
            .add(replicas.isIntegralNumber() ? replicas.asText() : "none");
      }
    }
    SortedMap<String, Long> result = new TreeMap<>();
    for (TypedObject object : state.objects().values()) {
      ResourceKey key = object.key();
      if (!ReplicasTransformer.KINDS.contains(key.kind())
          || managedByHpa.contains(key.kind() + "/" + key.name())) {
        continue;
      }
      Set<String> counts = countsByName.get(key.name());
      if (counts.size() == 1 && !counts.contains("none")) {
        boolean hpaOnSameName = managedByHpa.stream().anyMatch(t -> t.endsWith("/" + key.name()));
        if (!hpaOnSameName) {
          result.put(key.name(), Long.parseLong(counts.iterator().next()));
        }
      }
    }
    return result;
  }

  /**
   * The object as base plus patches must produce it: environment labels, replica counts and image
   * references that the overlay's transformers will set are taken out again.
   */
  public ObjectNode beforeTransformers(ObjectNode tree, ImageNaming naming) {
    ObjectNode copy = tree.deepCopy();
    if (!labels.isEmpty()) {
      for (FieldSpec spec : new LabelsTransformer(labels, true).paths()) {
        new FieldSpec(spec.group(), spec.version(), spec.kind(), spec.path(), false)
            .update(copy, this::withoutLabels);
        removeEmptyLabelMaps(copy, spec);
      }
    }
    ResourceKey key = ResourceKey.of(copy);
    if (ReplicasTransformer.KINDS.contains(key.kind())
        && replicas.containsKey(key.name())
        && copy.path("spec") instanceof ObjectNode spec) {
      spec.remove("replicas");
    }
    naming.toLogical(copy, images);
    return copy;
  }

  private JsonNode withoutLabels(JsonNode map) {
    if (map instanceof ObjectNode object) {
      ObjectNode copy = object.deepCopy();
      labels.forEach(
          (k, v) -> {
            if (v.equals(copy.path(k).asText(null))) {
              copy.remove(k);
            }
          });
      return copy;
    }
    return map;
  }

  private static void removeEmptyLabelMaps(ObjectNode tree, FieldSpec spec) {
    String[] segments = spec.path().split("/");
    String parentPath = String.join("/", List.of(segments).subList(0, segments.length - 1));
    String last = segments[segments.length - 1];
    new FieldSpec(spec.group(), spec.version(), spec.kind(), parentPath, false)
        .update(
            tree,
            parent -> {
              if (parent instanceof ObjectNode object
                  && object.get(last) instanceof ObjectNode map
                  && map.isEmpty()) {
                object.remove(last);
              }
              return parent;
            });
  }
}
