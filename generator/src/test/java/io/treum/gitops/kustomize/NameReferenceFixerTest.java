package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Name references after {@code namePrefix}, {@code nameSuffix}, {@code namespace} and hash
 * suffixes, each tree built by real kustomize and by {@link NamePrefixSuffixTransformer} → {@link
 * GeneratedNameHasher} → {@link NameReferenceFixer}.
 */
class NameReferenceFixerTest {

  private static final String WORKLOAD_REFERENCES =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: cm}
      data: {k: v}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: sec}
      data: {k: dg==}
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: sa}
      ---
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: pvc}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
      ---
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata: {name: prio}
      value: 10
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: app}
      spec:
        selector: {matchLabels: {app: a}}
        template:
          metadata: {labels: {app: a}}
          spec:
            serviceAccountName: sa
            priorityClassName: prio
            imagePullSecrets: [{name: sec}, {name: external-pull}]
            initContainers:
            - name: init
              image: busybox
              envFrom: [{configMapRef: {name: cm}}, {secretRef: {name: sec}}]
            containers:
            - name: main
              image: nginx
              env:
              - {name: A, valueFrom: {configMapKeyRef: {name: cm, key: k}}}
              - {name: B, valueFrom: {secretKeyRef: {name: sec, key: k}}}
              - {name: C, valueFrom: {configMapKeyRef: {name: not-here, key: k}}}
              - {name: D, value: cm}
              envFrom: [{configMapRef: {name: cm}}, {secretRef: {name: sec, optional: true}}]
            - name: side
              image: nginx
              env: [{name: A, valueFrom: {configMapKeyRef: {name: cm, key: k}}}]
            volumes:
            - {name: v1, configMap: {name: cm}}
            - {name: v2, secret: {secretName: sec}}
            - {name: v3, persistentVolumeClaim: {claimName: pvc}}
            - name: v4
              projected:
                sources:
                - configMap: {name: cm}
                - secret: {name: sec}
                - serviceAccountToken: {path: token}
            - {name: v5, emptyDir: {}}
      """;

  private static final String OTHER_WORKLOADS =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: cm}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: sec}
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: sa}
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: cron}
      spec:
        schedule: "* * * * *"
        jobTemplate:
          spec:
            template:
              spec:
                serviceAccountName: sa
                imagePullSecrets: [{name: sec}]
                containers: [{name: c, image: x, envFrom: [{configMapRef: {name: cm}}]}]
                volumes: [{name: v, secret: {secretName: sec}}]
      ---
      apiVersion: batch/v1
      kind: Job
      metadata: {name: job}
      spec:
        template:
          spec:
            serviceAccountName: sa
            containers: [{name: c, image: x, envFrom: [{secretRef: {name: sec}}]}]
      ---
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: ds}
      spec:
        template:
          spec:
            serviceAccountName: sa
            containers: [{name: c, image: x}]
            volumes: [{name: v, configMap: {name: cm}}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: pod}
      spec:
        serviceAccountName: sa
        containers: [{name: c, image: x, env: [{name: A, valueFrom: {secretKeyRef: {name: sec, key: k}}}]}]
        volumes: [{name: v, configMap: {name: cm}}]
      ---
      apiVersion: v1
      kind: PodTemplate
      metadata: {name: pt}
      template:
        spec:
          containers: [{name: c, image: x, envFrom: [{configMapRef: {name: cm}}]}]
      ---
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata: {name: rs}
      spec:
        template:
          spec:
            containers: [{name: c, image: x, envFrom: [{configMapRef: {name: cm}}]}]
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: puller}
      imagePullSecrets: [{name: sec}]
      """;

  private static final String SCALING =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec: {template: {spec: {containers: [{name: c, image: x}]}}}
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db}
      spec:
        serviceName: db-headless
        template: {spec: {containers: [{name: c, image: x}]}}
        volumeClaimTemplates:
        - metadata: {name: data}
          spec: {storageClassName: fast}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: db-headless}
      spec: {clusterIP: None}
      ---
      apiVersion: storage.k8s.io/v1
      kind: StorageClass
      metadata: {name: fast}
      provisioner: x
      ---
      apiVersion: v1
      kind: PersistentVolume
      metadata: {name: pv}
      spec: {storageClassName: fast, capacity: {storage: 1Gi}}
      ---
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: claim}
      spec: {storageClassName: fast, volumeName: pv}
      ---
      apiVersion: autoscaling/v1
      kind: HorizontalPodAutoscaler
      metadata: {name: web-v1}
      spec:
        scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
        maxReplicas: 3
      ---
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata: {name: web}
      spec:
        scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
        minReplicas: 1
        maxReplicas: 3
      ---
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata: {name: db}
      spec:
        scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: db}
        maxReplicas: 3
      ---
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata: {name: elsewhere}
      spec:
        scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: not-here}
        maxReplicas: 3
      """;

  private static final String RBAC =
      """
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: sa}
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: other-sa, namespace: other}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: reader}
      rules:
      - apiGroups: [""]
        resources: [configmaps, secrets]
        resourceNames: [cm, sec, unknown]
        verbs: [get]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: reader}
      rules: [{apiGroups: [""], resources: [configmaps], resourceNames: [cm], verbs: [get]}]
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: cm}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: sec}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: shared}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: shared}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: shared-reader}
      rules: [{apiGroups: [""], resources: [configmaps, secrets], resourceNames: [shared], verbs: [get]}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: to-role}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
      subjects:
      - {kind: ServiceAccount, name: sa}
      - {kind: ServiceAccount, name: sa, namespace: default}
      - {kind: ServiceAccount, name: other-sa, namespace: other}
      - {kind: User, name: sa, apiGroup: rbac.authorization.k8s.io}
      - {kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: to-cluster-role}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
      subjects: [{kind: ServiceAccount, name: sa}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: crb}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
      subjects:
      - {kind: ServiceAccount, name: sa, namespace: default}
      - {kind: ServiceAccount, name: other-sa, namespace: other}
      - {kind: ServiceAccount, name: sa}
      """;

  private static final String NETWORKING =
      """
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec: {ports: [{port: 80}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: api, namespace: sys}
      spec: {ports: [{port: 443}]}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: tls}
      type: kubernetes.io/tls
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: basic-auth}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: fcgi}
      ---
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web
        annotations:
          nginx.ingress.kubernetes.io/auth-secret: basic-auth
          nginx.ingress.kubernetes.io/fastcgi-params-configmap: fcgi
      spec:
        ingressClassName: nginx
        tls: [{hosts: [a.example.com], secretName: tls}]
        defaultBackend: {service: {name: web, port: {number: 80}}}
        rules:
        - host: a.example.com
          http:
            paths:
            - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
            - {path: /x, pathType: Prefix, backend: {service: {name: other, port: {number: 80}}}}
      ---
      apiVersion: extensions/v1beta1
      kind: Ingress
      metadata: {name: legacy}
      spec:
        backend: {serviceName: web, servicePort: 80}
        rules: [{http: {paths: [{path: /, backend: {serviceName: web, servicePort: 80}}]}}]
      ---
      apiVersion: networking.k8s.io/v1
      kind: IngressClass
      metadata: {name: nginx}
      spec: {controller: k8s.io/ingress-nginx}
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingWebhookConfiguration
      metadata: {name: hook}
      webhooks:
      - name: a.example.com
        clientConfig: {service: {name: api, namespace: sys}}
      - name: b.example.com
        clientConfig: {service: {name: web, namespace: default}}
      - name: c.example.com
        clientConfig: {service: {name: web}}
      """;

  private static final String SKIPPED_KINDS =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: widgets.example.com}
      spec:
        group: example.com
        names: {kind: Widget, plural: widgets}
        scope: Namespaced
        versions: [{name: v1, served: true, storage: true}]
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: team}
      ---
      apiVersion: apiregistration.k8s.io/v1
      kind: APIService
      metadata: {name: v1.metrics.example.com}
      spec: {service: {name: metrics, namespace: default}, group: metrics.example.com, version: v1}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: metrics}
      ---
      apiVersion: example.com/v1
      kind: APIService
      metadata: {name: not-the-real-one}
      ---
      apiVersion: example.com/v1
      kind: Widget
      metadata: {name: w}
      spec:
        configMapRef: {name: cm}
        template: {spec: {volumes: [{name: v, configMap: {name: cm}}]}}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: cm}
      ---
      apiVersion: serving.knative.dev/v1
      kind: Service
      metadata: {name: kn}
      spec:
        template:
          spec:
            containers: [{image: x, env: [{name: A, valueFrom: {secretKeyRef: {name: s, key: k}}}]}]
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: s}
      """;

  private static final String SAME_NAME_TWO_NAMESPACES =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: cm, namespace: a}
      data: {from: a}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: cm, namespace: b}
      data: {from: b}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: app, namespace: a}
      spec: {template: {spec: {containers: [{name: c, image: x, envFrom: [{configMapRef: {name: cm}}]}]}}}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: app, namespace: b}
      spec: {template: {spec: {containers: [{name: c, image: x, envFrom: [{configMapRef: {name: cm}}]}]}}}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: app, namespace: c}
      spec: {template: {spec: {containers: [{name: c, image: x, envFrom: [{configMapRef: {name: cm}}]}]}}}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: reads-cm}
      rules: [{apiGroups: [""], resources: [configmaps], resourceNames: [cm], verbs: [get]}]
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: sa, namespace: a}
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: sa, namespace: b}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: rb, namespace: c}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reads-cm}
      subjects:
      - {kind: ServiceAccount, name: sa, namespace: a}
      - {kind: ServiceAccount, name: sa, namespace: b}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: crb}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reads-cm}
      subjects:
      - {kind: ServiceAccount, name: sa, namespace: b}
      - {kind: ServiceAccount, name: sa, namespace: a}
      """;

  private static final String GENERATED_REFERRER =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: app}
      spec:
        template:
          spec:
            imagePullSecrets: [{name: pull}]
            containers:
            - name: c
              image: x
              envFrom: [{configMapRef: {name: settings}}, {configMapRef: {name: plain}}]
              env: [{name: P, valueFrom: {secretKeyRef: {name: pull, key: a}}}]
            volumes: [{name: v, configMap: {name: settings}}]
      """;

  static Stream<Arguments> trees() {
    return Stream.of(
        tree(
            "workload references, prefix and suffix",
            "namePrefix: p-\nnameSuffix: -s\nresources: [r.yaml]",
            WORKLOAD_REFERENCES),
        tree(
            "workload references, prefix only",
            "namePrefix: p-\nresources: [r.yaml]",
            WORKLOAD_REFERENCES),
        tree(
            "workload references, suffix only",
            "nameSuffix: -s\nresources: [r.yaml]",
            WORKLOAD_REFERENCES),
        tree("workload references, no rename", "resources: [r.yaml]", WORKLOAD_REFERENCES),
        tree(
            "workload references with a namespace",
            "namespace: team\nnamePrefix: p-\nresources: [r.yaml]",
            WORKLOAD_REFERENCES),
        tree(
            "other workload kinds",
            "namePrefix: p-\nnameSuffix: -s\nresources: [r.yaml]",
            OTHER_WORKLOADS),
        tree(
            "HPA, StatefulSet, StorageClass",
            "namePrefix: p-\nnameSuffix: -s\nresources: [r.yaml]",
            SCALING),
        tree("RBAC", "namePrefix: p-\nnameSuffix: -s\nresources: [r.yaml]", RBAC),
        tree("RBAC with a namespace", "namespace: team\nnamePrefix: p-\nresources: [r.yaml]", RBAC),
        tree("RBAC with only a namespace", "namespace: team\nresources: [r.yaml]", RBAC),
        tree("networking", "namePrefix: p-\nnameSuffix: -s\nresources: [r.yaml]", NETWORKING),
        tree(
            "networking with a namespace",
            "namespace: team\nnameSuffix: -s\nresources: [r.yaml]",
            NETWORKING),
        tree(
            "skipped kinds and custom resources",
            "namePrefix: p-\nnameSuffix: -s\nresources: [r.yaml]",
            SKIPPED_KINDS),
        tree(
            "same name in two namespaces",
            "namePrefix: p-\nresources: [r.yaml]",
            SAME_NAME_TWO_NAMESPACES),
        tree(
            "generated, hashed and referenced",
            """
            namePrefix: p-
            nameSuffix: -s
            resources: [r.yaml]
            configMapGenerator:
            - {name: settings, literals: [a=1, "b=<&>"]}
            - {name: plain, literals: [a=1], options: {disableNameSuffixHash: true}}
            secretGenerator:
            - {name: pull, literals: [a=secret]}
            """,
            GENERATED_REFERRER),
        tree(
            "generated and hashed, no prefix",
            """
            resources: [r.yaml]
            configMapGenerator:
            - {name: settings, literals: [a=1]}
            - {name: plain, literals: [a=2]}
            secretGenerator:
            - {name: pull, literals: [a=secret]}
            """,
            GENERATED_REFERRER),
        tree(
            "generated, hashed, namespaced",
            """
            namespace: team
            resources: [r.yaml]
            generatorOptions: {disableNameSuffixHash: true}
            configMapGenerator:
            - {name: settings, literals: [a=1], options: {disableNameSuffixHash: false}}
            - {name: plain, literals: [a=2]}
            secretGenerator:
            - {name: pull, literals: [a=secret]}
            """,
            GENERATED_REFERRER),
        Arguments.of(
            "bases with their own prefixes share an outer one",
            Map.of(
                "kustomization.yaml",
                "namePrefix: o-\nresources: [one, two]",
                "one/kustomization.yaml",
                "namePrefix: a-\nresources: [r.yaml]",
                "one/r.yaml",
                BASE_APP.replace("NS", "one"),
                "two/kustomization.yaml",
                "namePrefix: b-\nresources: [r.yaml]",
                "two/r.yaml",
                BASE_APP.replace("NS", "two"))),
        twoBases("a referrer without the bases' prefixes and suffixes matches none of them", ""),
        twoBases("a referrer sees only targets in its namespace", "x"),
        Arguments.of(
            "a referrer without prefixes picks the only renamed target",
            Map.of(
                "kustomization.yaml",
                "resources: [one, app.yaml]",
                "app.yaml",
                REFERRER,
                "one/kustomization.yaml",
                "namePrefix: a-\nnameSuffix: -z\nresources: [cm.yaml]",
                "one/cm.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n")),
        Arguments.of(
            "two targets renamed differently under the same outer prefix are ambiguous",
            Map.of(
                "kustomization.yaml",
                "namePrefix: o-\nresources: [one, two, app.yaml]",
                "app.yaml",
                REFERRER,
                "one/kustomization.yaml",
                "namePrefix: a-\nresources: [cm.yaml]",
                "one/cm.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n",
                "two/kustomization.yaml",
                "namePrefix: b-\nresources: [cm.yaml]",
                "two/cm.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: default}\n")),
        namespacedBases("a cluster-scoped referrer outside the bases' prefixes matches none", ""),
        namespacedBases("a cluster-scoped referrer sees targets of both namespaces", "o-"),
        Arguments.of(
            "a RoleBinding subject with a namespace that is not a string",
            Map.of(
                "kustomization.yaml",
                "namePrefix: p-\nresources: [r.yaml]",
                "r.yaml",
                """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: rb}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
                subjects: [{kind: ServiceAccount, name: sa, namespace: 5}]
                """)),
        Arguments.of(
            "a subject without a name",
            Map.of(
                "kustomization.yaml",
                "namePrefix: p-\nresources: [r.yaml]",
                "r.yaml",
                """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: crb}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
                subjects: [{kind: Group, apiGroup: rbac.authorization.k8s.io}]
                """)));
  }

  private static final String BASE_APP =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: cm}
      data: {from: NS}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: app-NS}
      spec: {template: {spec: {containers: [{name: c, image: x, envFrom: [{configMapRef: {name: cm}}]}]}}}
      """;

  private static final String REFERRER =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: app}
      spec: {template: {spec: {containers: [{name: c, image: x, envFrom: [{configMapRef: {name: cm}}]}]}}}
      """;

  private static Arguments namespacedBases(String name, String outerPrefix) {
    String base =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cm}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app}
        spec: {template: {spec: {containers: [{name: c, image: x, envFrom: [{configMapRef: {name: cm}}]}]}}}
        """;
    return Arguments.of(
        name,
        Map.of(
            "kustomization.yaml",
            "namePrefix: '" + outerPrefix + "'\nresources: [a, b, role.yaml]",
            "role.yaml",
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reads-cm}
            rules: [{apiGroups: [""], resources: [configmaps], resourceNames: [cm], verbs: [get]}]
            """,
            "a/kustomization.yaml",
            "namespace: a\nnamePrefix: a-\nresources: [r.yaml]",
            "a/r.yaml",
            base,
            "b/kustomization.yaml",
            "namespace: b\nnamePrefix: b-\nresources: [r.yaml]",
            "b/r.yaml",
            base));
  }

  private static Arguments twoBases(String name, String secondNamespace) {
    return Arguments.of(
        name,
        Map.of(
            "kustomization.yaml",
            "resources: [one, two, app.yaml]",
            "app.yaml",
            REFERRER,
            "one/kustomization.yaml",
            "namePrefix: a-\nresources: [cm.yaml]",
            "one/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n",
            "two/kustomization.yaml",
            "nameSuffix: -b\nresources: [cm.yaml]",
            "two/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: '"
                + secondNamespace
                + "'}\n"));
  }

  private static Arguments tree(String name, String kustomization, String resources) {
    return Arguments.of(name, Map.of("kustomization.yaml", kustomization, "r.yaml", resources));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trees")
  void rewritesReferencesAsKustomizeDoes(String name, Map<String, String> tree) {
    NameTransformsPipeline.assertSameAsKustomize(tree);
  }

  @Test
  void notesWhoRefersToARenamedResource() {
    ResourceSet resources =
        new NameTransformsPipeline(
                Map.of(
                    "kustomization.yaml",
                    "namePrefix: p-\nresources: [r.yaml]",
                    "r.yaml",
                    WORKLOAD_REFERENCES))
            .build();
    Resource configMap = find(resources, "ConfigMap");
    ResourceId deployment = find(resources, "Deployment").id();
    // one note per field that named it: volume, projected volume, env, init envFrom, envFrom, env
    assertThat(configMap.referencedBy()).isNotEmpty().allMatch(id -> id.sameAs(deployment));
    assertThat(find(resources, "PersistentVolumeClaim").referencedBy()).hasSize(1);
  }

  @Test
  void leavesNamesAloneWhenNothingWasRenamed() {
    ResourceSet resources = new ResourceSet();
    new ManifestYaml()
        .readAll(WORKLOAD_REFERENCES, "r.yaml")
        .forEach(o -> resources.add(new Resource((ObjectNode) o, "r.yaml")));
    List<ObjectNode> before = resources.list().stream().map(r -> r.object().deepCopy()).toList();
    new NameReferenceFixer().apply(resources);
    assertThat(resources.objects()).isEqualTo(before);
    assertThat(resources.list()).allMatch(r -> r.referencedBy().isEmpty());
  }

  @Test
  void ambiguityNamesTheCandidates() {
    ResourceSet resources = new ResourceSet();
    for (String prefix : List.of("a-", "b-")) {
      ResourceSet base = new ResourceSet();
      base.add(
          new Resource(
              new ManifestYaml()
                  .readObject("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n", prefix),
              prefix + "cm.yaml"));
      new NamePrefixSuffixTransformer(prefix, "").apply(base);
      resources.addAll(base);
    }
    resources.add(new Resource(new ManifestYaml().readObject(REFERRER, "app.yaml"), "app.yaml"));
    new NamePrefixSuffixTransformer("o-", "").apply(resources);
    assertThatThrownBy(() -> new NameReferenceFixer().apply(resources))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("app.yaml")
        .hasMessageContaining("found multiple possible referrals for 'cm'")
        .hasMessageContaining("o-a-cm")
        .hasMessageContaining("o-b-cm");
  }

  private static Resource find(ResourceSet resources, String kind) {
    return resources.list().stream()
        .filter(r -> r.id().kind().equals(kind))
        .findFirst()
        .orElseThrow();
  }
}
