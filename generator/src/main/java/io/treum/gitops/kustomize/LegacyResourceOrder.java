package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

  private LegacyResourceOrder() {}

  /** The comparator for {@code orderFirst}/{@code orderLast} lists (the defaults if null). */
  public static Comparator<ObjectNode> comparator(List<String> first, List<String> last) {
    Map<String, Integer> ranks = new HashMap<>();
    List<String> head = first == null ? FIRST : first;
    List<String> tail = last == null ? LAST : last;
    for (int i = 0; i < head.size(); i++) {
      ranks.put(head.get(i), -head.size() + i);
    }
    for (int i = 0; i < tail.size(); i++) {
      ranks.put(tail.get(i), 1 + i);
    }
    return (a, b) -> {
      String[] ga = gvk(a);
      String[] gb = gvk(b);
      boolean sameGvk = ga[0].equals(gb[0]) && ga[1].equals(gb[1]) && ga[2].equals(gb[2]);
      if (!sameGvk) {
        int ra = ranks.getOrDefault(ga[2], 0);
        int rb = ranks.getOrDefault(gb[2], 0);
        if (ra != rb) {
          return Integer.compare(ra, rb);
        }
        String sa = gvkSortString(ga);
        String sb = gvkSortString(gb);
        if (ga[2].equals("Namespace")
            && gb[2].equals("Namespace")
            && (ga[0].isEmpty() || gb[0].isEmpty())) {
          return sb.compareTo(sa);
        }
        return sa.compareTo(sb);
      }
      return idSortString(a, ga).compareTo(idSortString(b, gb));
    };
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
