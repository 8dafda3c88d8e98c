package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.testing.KustomizeOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kustomize's {@code namespace:} field, checked against kustomize v5.8.1. */
class NamespaceTransformerTest {
  private final ManifestYaml yaml = new ManifestYaml();

  @ParameterizedTest(name = "{0} {1} namespaced: {2}")
  @CsvSource({
    "v1, ConfigMap, true",
    "apps/v1, Deployment, true",
    "example.com/v1, ClusterThing, true",
    "v1, PersistentVolume, false",
    "rbac.authorization.k8s.io/v1, ClusterRole, false",
    "apiextensions.k8s.io/v1, CustomResourceDefinition, false",
    "storage.k8s.io/v1, StorageClass, false",
    "networking.k8s.io/v1, IngressClass, false",
    // Kustomize decides by group, version and kind of its v1.21 schema: newer versions and other
    // groups of the same kind are taken as namespaced.
    "flowcontrol.apiserver.k8s.io/v1beta1, FlowSchema, false",
    "flowcontrol.apiserver.k8s.io/v1, FlowSchema, true",
    "rbac.authorization.k8s.io/v1alpha1, ClusterRole, true",
    "apps/v1, ClusterRole, true",
    "authentication.k8s.io/v1, TokenReview, true",
  })
  void setsTheNamespaceOfNamespacedKinds(String apiVersion, String kind, boolean namespaced) {
    ObjectNode resource = resource(apiVersion, kind);
    new NamespaceTransformer("team").apply(resource);
    assertThat(resource.at("/metadata/namespace").asText(null))
        .isEqualTo(namespaced ? "team" : null);
  }

  private ObjectNode resource(String apiVersion, String kind) {
    return yaml.readObject(
        "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: n}\n", "test");
  }

  private static final String SPECIAL =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: old}
      ---
      apiVersion: example.com/v1
      kind: Namespace
      metadata: {name: not-core}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: moved, namespace: other}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: rb}
      subjects:
      - {kind: ServiceAccount, name: default, namespace: other}
      - {kind: ServiceAccount, name: default}
      - {kind: User, name: default}
      - {kind: ServiceAccount, name: app, namespace: other}
      roleRef: {kind: Role, name: r, apiGroup: rbac.authorization.k8s.io}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: crb}
      subjects:
      - {kind: ServiceAccount, name: default, namespace: other}
      - {kind: ServiceAccount, name: app, namespace: other}
      roleRef: {kind: ClusterRole, name: r, apiGroup: rbac.authorization.k8s.io}
      ---
      apiVersion: apiregistration.k8s.io/v1
      kind: APIService
      metadata: {name: v1.remote.example.com}
      spec: {service: {name: s, namespace: other}}
      ---
      apiVersion: apiregistration.k8s.io/v1
      kind: APIService
      metadata: {name: v1.local.example.com}
      spec: {group: local.example.com}
      ---
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: a.example.com}
      spec:
        conversion:
          strategy: Webhook
          webhook: {clientConfig: {service: {name: s, namespace: other}}}
      ---
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: b.example.com}
      spec: {conversion: {strategy: None}}
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingWebhookConfiguration
      metadata: {name: vwc}
      webhooks:
      - name: w.example.com
        clientConfig: {service: {name: s, namespace: other}}
      """;

  private List<ObjectNode> special() {
    List<ObjectNode> resources = new ArrayList<>();
    yaml.readAll(SPECIAL, "test").forEach(n -> resources.add((ObjectNode) n));
    resources.forEach(new NamespaceTransformer("team")::apply);
    return resources;
  }

  @Test
  void followsKustomizesNamespaceFieldSpecs() {
    List<ObjectNode> r = special();
    assertThat(r.get(0).at("/metadata/name").asText()).as("v1 Namespace renamed").isEqualTo("team");
    assertThat(r.get(0).at("/metadata/namespace").isMissingNode()).isTrue();
    assertThat(r.get(1).at("/metadata/name").asText()).isEqualTo("not-core");
    assertThat(r.get(1).at("/metadata/namespace").asText()).isEqualTo("team");
    assertThat(r.get(2).at("/metadata/namespace").asText()).isEqualTo("team");
    // subjects named "default" follow the namespace, whatever their kind; others keep theirs
    assertThat(r.get(3).at("/subjects/0/namespace").asText()).isEqualTo("team");
    assertThat(r.get(3).at("/subjects/1/namespace").asText()).isEqualTo("team");
    assertThat(r.get(3).at("/subjects/2/namespace").asText()).isEqualTo("team");
    assertThat(r.get(3).at("/subjects/3/namespace").asText()).isEqualTo("other");
    assertThat(r.get(4).at("/subjects/0/namespace").asText()).isEqualTo("team");
    assertThat(r.get(4).at("/subjects/1/namespace").asText()).isEqualTo("other");
    assertThat(r.get(4).at("/metadata/namespace").isMissingNode()).isTrue();
    assertThat(r.get(5).at("/spec/service/namespace").asText()).isEqualTo("team");
    // Kustomize creates the service namespace of a local APIService (its field spec says create)
    assertThat(r.get(6).at("/spec/service/namespace").asText()).isEqualTo("team");
    assertThat(r.get(7).at("/spec/conversion/webhook/clientConfig/service/namespace").asText())
        .isEqualTo("team");
    assertThat(r.get(8).at("/spec/conversion").toString()).isEqualTo("{\"strategy\":\"None\"}");
    assertThat(r.get(9).at("/webhooks/0/clientConfig/service/namespace").asText())
        .isEqualTo("other");
  }

  @Test
  void realKustomizeAgrees() {
    List<String> kinds = new ArrayList<>();
    StringBuilder all = new StringBuilder(SPECIAL);
    for (String[] gvk :
        new String[][] {
          {"v1", "ConfigMap"},
          {"v1", "PersistentVolume"},
          {"v1", "Node"},
          {"v1", "ComponentStatus"},
          {"apps/v1", "ClusterRole"},
          {"flowcontrol.apiserver.k8s.io/v1", "FlowSchema"},
          {"flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema"},
          {"flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration"},
          {"scheduling.k8s.io/v1", "PriorityClass"},
          {"storage.k8s.io/v1", "CSIDriver"},
          {"storage.k8s.io/v1beta1", "VolumeAttachment"},
          {"node.k8s.io/v1", "RuntimeClass"},
          {"policy/v1beta1", "PodSecurityPolicy"},
          {"certificates.k8s.io/v1", "CertificateSigningRequest"},
          {"admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration"},
          {"admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy"},
          {"storage.k8s.io/v1", "VolumeAttributesClass"},
        }) {
      all.append("---\napiVersion: ")
          .append(gvk[0])
          .append("\nkind: ")
          .append(gvk[1])
          .append("\nmetadata: {name: k")
          .append(kinds.size())
          .append("}\n");
      kinds.add(gvk[0] + " " + gvk[1]);
    }
    KustomizeOracle.Outcome outcome =
        KustomizeOracle.build(
            Map.of(
                "kustomization.yaml",
                "resources:\n- r.yaml\nnamespace: team\n",
                "r.yaml",
                all.toString()),
            yaml);
    assertThat(outcome.error()).isNull();
    List<ObjectNode> mine = new ArrayList<>();
    yaml.readAll(all.toString(), "test").forEach(n -> mine.add((ObjectNode) n));
    mine.forEach(new NamespaceTransformer("team")::apply);
    assertThat(outcome.objects()).hasSameSizeAs(mine);
    for (ObjectNode built : outcome.objects()) {
      assertThat(mine)
          .as("kustomize built " + built)
          .anySatisfy(o -> assertThat(CanonicalJson.same(o, built)).isTrue());
    }
  }
}
