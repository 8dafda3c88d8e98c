package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Kustomize's {@code namespace:} field: sets {@code metadata.namespace} on every resource that is
 * not of a known cluster-scoped kind, and renames {@code Namespace} objects. Unknown kinds (custom
 * resources) are treated as namespaced, as Kustomize does.
 */
public final class NamespaceTransformer {
  /** Built-in kinds Kustomize knows to be cluster-scoped. */
  public static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "APIService",
          "CertificateSigningRequest",
          "ClusterRole",
          "ClusterRoleBinding",
          "ComponentStatus",
          "CSIDriver",
          "CSINode",
          "CustomResourceDefinition",
          "FlowSchema",
          "IngressClass",
          "MutatingWebhookConfiguration",
          "Namespace",
          "Node",
          "PersistentVolume",
          "PodSecurityPolicy",
          "PriorityClass",
          "PriorityLevelConfiguration",
          "RuntimeClass",
          "StorageClass",
          "ValidatingWebhookConfiguration",
          "VolumeAttachment");

  private final String namespace;

  public NamespaceTransformer(String namespace) {
    this.namespace = namespace;
  }

  public void apply(ObjectNode resource) {
    String kind = resource.path("kind").asText();
    ObjectNode metadata = resource.with("metadata");
    if (kind.equals("Namespace")) {
      metadata.put("name", namespace);
    } else if (!CLUSTER_SCOPED.contains(kind)) {
      metadata.put("namespace", namespace);
    }
  }
}
