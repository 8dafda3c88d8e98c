package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Set;

/**
 * Kustomize's {@code namespace:} field: sets {@code metadata.namespace} on every resource that is
 * not of a cluster-scoped group/version/kind of Kustomize's built-in schema, renames {@code v1
 * Namespace} objects, and sets the namespace where Kustomize's namespace field specs point: the
 * service of an {@code APIService} (created if missing) and of a CRD's conversion webhook, and
 * every RoleBinding or ClusterRoleBinding subject named {@code default}. Unknown kinds and versions
 * (custom resources, APIs newer than the schema) are treated as namespaced, as Kustomize does.
 */
public final class NamespaceTransformer {
  /**
   * Kinds that Kubernetes has as cluster-scoped, whatever the version: what the typed state uses to
   * decide whether an object takes the environment's namespace.
   */
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

  /**
   * The {@code apiVersion/kind} pairs Kustomize treats as cluster-scoped: exactly those of its
   * built-in schema (Kubernetes v1.21), checked against kustomize v5.8.1. Other versions of the
   * same kinds, such as {@code flowcontrol.apiserver.k8s.io/v1 FlowSchema}, get a namespace.
   */
  private static final Set<String> CLUSTER_SCOPED_GVKS =
      Set.of(
          "admissionregistration.k8s.io/v1/MutatingWebhookConfiguration",
          "admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration",
          "admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration",
          "admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration",
          "apiextensions.k8s.io/v1/CustomResourceDefinition",
          "apiextensions.k8s.io/v1beta1/CustomResourceDefinition",
          "apiregistration.k8s.io/v1/APIService",
          "apiregistration.k8s.io/v1beta1/APIService",
          "certificates.k8s.io/v1/CertificateSigningRequest",
          "certificates.k8s.io/v1beta1/CertificateSigningRequest",
          "flowcontrol.apiserver.k8s.io/v1beta1/FlowSchema",
          "flowcontrol.apiserver.k8s.io/v1beta1/PriorityLevelConfiguration",
          "networking.k8s.io/v1/IngressClass",
          "networking.k8s.io/v1beta1/IngressClass",
          "node.k8s.io/v1/RuntimeClass",
          "node.k8s.io/v1beta1/RuntimeClass",
          "policy/v1beta1/PodSecurityPolicy",
          "rbac.authorization.k8s.io/v1/ClusterRole",
          "rbac.authorization.k8s.io/v1/ClusterRoleBinding",
          "rbac.authorization.k8s.io/v1beta1/ClusterRole",
          "rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding",
          "scheduling.k8s.io/v1/PriorityClass",
          "scheduling.k8s.io/v1beta1/PriorityClass",
          "storage.k8s.io/v1/CSIDriver",
          "storage.k8s.io/v1/CSINode",
          "storage.k8s.io/v1/StorageClass",
          "storage.k8s.io/v1/VolumeAttachment",
          "storage.k8s.io/v1beta1/CSIDriver",
          "storage.k8s.io/v1beta1/CSINode",
          "storage.k8s.io/v1beta1/StorageClass",
          "storage.k8s.io/v1beta1/VolumeAttachment",
          "v1/ComponentStatus",
          "v1/Namespace",
          "v1/Node",
          "v1/PersistentVolume");

  private static final FieldSpec API_SERVICE =
      new FieldSpec("apiregistration.k8s.io", null, "APIService", "spec/service/namespace", true);
  private static final FieldSpec CRD_CONVERSION =
      new FieldSpec(
          "apiextensions.k8s.io",
          null,
          "CustomResourceDefinition",
          "spec/conversion/webhook/clientConfig/service/namespace",
          false);

  private final String namespace;

  public NamespaceTransformer(String namespace) {
    this.namespace = namespace;
  }

  /** Whether Kustomize leaves {@code metadata.namespace} of this kind alone. */
  public static boolean isClusterScoped(String apiVersion, String kind) {
    return CLUSTER_SCOPED_GVKS.contains(apiVersion + "/" + kind);
  }

  public void apply(ObjectNode resource) {
    String apiVersion = resource.path("apiVersion").asText();
    String kind = resource.path("kind").asText();
    ObjectNode metadata = resource.with("metadata");
    if (apiVersion.equals("v1") && kind.equals("Namespace")) {
      metadata.put("name", namespace);
    } else if (!isClusterScoped(apiVersion, kind)) {
      metadata.put("namespace", namespace);
    }
    if ((kind.equals("RoleBinding") || kind.equals("ClusterRoleBinding"))
        && resource.get("subjects") instanceof ArrayNode subjects) {
      // Kustomize's "default subjects only" mode: the subject named default follows the namespace.
      for (JsonNode subject : subjects) {
        if (subject instanceof ObjectNode object
            && "default".equals(object.path("name").asText())) {
          object.put("namespace", namespace);
        }
      }
    }
    API_SERVICE.update(resource, old -> TextNode.valueOf(namespace));
    CRD_CONVERSION.update(resource, old -> TextNode.valueOf(namespace));
  }
}
