package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Kustomize's default output order ({@code sortOptions.order: legacy}): kinds in a fixed order
 * (Namespaces first, webhooks last, others between, by group/version/kind), then by kind, namespace
 * and name. The sort is stable like Go's {@code sort.Sort} is not; for distinct ids (which a build
 * guarantees) the result is the same.
 */
public final class LegacyResourceOrder {
  /** Kinds placed first, in this order. */
  public static final List<String> FIRST =
      List.of(
          "Namespace",
          "ResourceQuota",
          "StorageClass",
          "CustomResourceDefinition",
          "ServiceAccount",
          "PodSecurityPolicy",
          "Role",
          "ClusterRole",
          "RoleBinding",
          "ClusterRoleBinding",
          "ConfigMap",
          "Secret",
          "Endpoints",
          "Service",
          "LimitRange",
          "PriorityClass",
          "PersistentVolume",
          "PersistentVolumeClaim",
          "Deployment",
          "StatefulSet",
          "CronJob",
          "PodDisruptionBudget");

  /** Kinds placed last, in this order. */
  public static final List<String> LAST =
      List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");

  private final Map<String, Integer> ranks = new HashMap<>();

  /** The order for {@code orderFirst}/{@code orderLast} lists (the defaults if null). */
  public LegacyResourceOrder(List<String> first, List<String> last) {
    List<String> head = first == null ? FIRST : first;
    List<String> tail = last == null ? LAST : last;
    for (int i = 0; i < head.size(); i++) {
      ranks.put(head.get(i), -head.size() + i);
    }
    for (int i = 0; i < tail.size(); i++) {
      ranks.put(tail.get(i), 1 + i);
    }
  }

  /**
   * Sorts {@code items} by their objects, stably. Each object's place is read once, not at every
   * comparison.
   */
  public <T> void sort(List<T> items, Function<T, ObjectNode> objectOf) {
    List<Map.Entry<Place, T>> places = new ArrayList<>(items.size());
    for (T item : items) {
      places.add(Map.entry(place(objectOf.apply(item)), item));
    }
    places.sort(Map.Entry.comparingByKey());
    items.clear();
    places.forEach(place -> items.add(place.getValue()));
  }

  private Place place(JsonNode resource) {
    String[] gvk = gvk(resource);
    return new Place(
        gvk[0],
        gvk[1],
        gvk[2],
        ranks.getOrDefault(gvk[2], 0),
        gvkSortString(gvk),
        idSortString(resource, gvk));
  }

  /** What the order compares of an object. */
  private record Place(
      String group,
      String version,
      String kind,
      int rank,
      String gvkSortString,
      String idSortString)
      implements Comparable<Place> {
    @Override
    public int compareTo(Place other) {
      boolean sameGvk =
          group.equals(other.group) && version.equals(other.version) && kind.equals(other.kind);
      if (sameGvk) {
        return idSortString.compareTo(other.idSortString);
      }
      if (rank != other.rank) {
        return Integer.compare(rank, other.rank);
      }
      if (kind.equals("Namespace")
          && other.kind.equals("Namespace")
          && (group.isEmpty() || other.group.isEmpty())) {
        return other.gvkSortString.compareTo(gvkSortString);
      }
      return gvkSortString.compareTo(other.gvkSortString);
    }
  }

  /** {@code {group, version, kind}} of a resource. */
  static String[] gvk(JsonNode resource) {
    String apiVersion = resource.path("apiVersion").asText("");
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    return new String[] {group, version, resource.path("kind").asText("")};
  }

  private static String gvkSortString(String[] gvk) {
    return (gvk[0].isEmpty() ? "~G" : gvk[0])
        + "_"
        + (gvk[1].isEmpty() ? "~V" : gvk[1])
        + "_"
        + (gvk[2].isEmpty() ? "~K" : gvk[2]);
  }

  private static String idSortString(JsonNode resource, String[] gvk) {
    String namespace = resource.path("metadata").path("namespace").asText("");
    String name = resource.path("metadata").path("name").asText("");
    String gvkString =
        (gvk[2].isEmpty() ? "[noKind]" : gvk[2])
            + "."
            + (gvk[1].isEmpty() ? "[noVer]" : gvk[1])
            + "."
            + (gvk[0].isEmpty() ? "[noGrp]" : gvk[0]);
    return gvkString
        + "|"
        + (namespace.isEmpty() ? "~X" : namespace)
        + "|"
        + (name.isEmpty() ? "~N" : name);
  }
}
