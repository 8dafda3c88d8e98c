package io.treum.gitops.testing.gen;

import io.treum.gitops.testing.gen.BundleConfig.Part;
import io.treum.gitops.testing.gen.BundleConfig.ServicePortSpec;
import io.treum.gitops.testing.gen.ConstructConfig.AutoscalingSpec;
import io.treum.gitops.testing.gen.ContainerConfig.EnvVarSpec;
import io.treum.gitops.testing.gen.ContainerConfig.MountSpec;
import io.treum.gitops.testing.gen.ContainerConfig.PortSpec;
import io.treum.gitops.testing.gen.RawPodConfig.ClaimSpec;
import io.treum.gitops.testing.gen.RawPodConfig.VolumeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random {@link GeneratedDefinition}s: 2–4 environments and workloads of every construct type plus
 * raw objects, each with per-environment variations. Values come from small pools so that
 * environments collide and share, which is where a renderer's base/patch split gets interesting.
 */
public final class DefinitionArbitraries {
  static final List<String> ENVIRONMENTS =
      List.of("production", "staging", "dr", "dev", "qa", "canary", "eu-west", "us-east");
  static final List<String> WORKLOADS =
      List.of("api", "billing", "reports", "ranker", "backup", "events", "search", "cache");
  static final List<String> REGISTRIES =
      List.of(
          "111122223333.dkr.ecr.ap-south-1.amazonaws.com",
          "111122223333.dkr.ecr.ap-southeast-1.amazonaws.com",
          "registry.example.com:5000");
  static final List<String> IMAGE_PATHS =
      List.of("treum-service", "treum-worker", "nginx", "library/redis", "team/tool");
  static final List<String> TAGS =
      List.of("1.0.0", "1.0.1", "2.3", "latest", "v1.2.3-rc.1", "0.9_build");
  static final List<String> DIGESTS =
      List.of(
          "sha256:" + "0123456789abcdef".repeat(4),
          "sha256:" + "fedcba9876543210".repeat(4),
          "sha256:" + "00ff".repeat(16));
  static final List<String> LABEL_KEYS =
      List.of("team", "cost-center", "tier", "app.kubernetes.io/part-of", "treum.io/environment");
  static final List<String> VALUES =
      List.of("platform", "data", "gold", "true", "yes", "on", "1.0", "0123", "null", "x");
  static final List<String> ANNOTATION_KEYS =
      List.of("treum.io/owner", "prometheus.io/port", "note");

  /** Strings YAML writers and readers must agree on: booleans, numbers, indicators, unicode. */
  static final List<String> ANNOTATION_VALUES =
      List.of(
          "true",
          "8080",
          "hello world",
          "a: b",
          "#hash",
          "line1\nline2",
          "",
          "~",
          " lead",
          "trail ",
          "ünïcödé ✓",
          "quote\"s",
          "'single'",
          "- dash",
          "* star",
          "[x]",
          "{y}",
          "@at",
          "!bang",
          "%pct",
          "0x1F",
          "1e3",
          ".inf",
          "2024-01-01",
          "tab\there");

  static final List<String> ENV_VAR_NAMES =
      List.of("DATABASE_HOST", "READ_ONLY", "LOG_LEVEL", "REGION", "FEATURE_X");
  static final List<String> ENV_VALUES =
      List.of("true", "false", "debug", "8080", "", "db.internal", "yes", "0.10", "null", "a b");
  static final List<String> NAMESPACES = List.of("treum", "payments", "default", "kube-system");
  static final List<String> CPU = List.of("100m", "250m", "500m", "1");
  static final List<String> MEMORY = List.of("128Mi", "256Mi", "1Gi");
  static final List<String> WORDS =
      List.of("--port=8080", "--verbose", "serve", "--config", "/config/app.yaml", "-v=2", "on");

  private DefinitionArbitraries() {}

  /** Whole definitions. */
  public static Arbitrary<GeneratedDefinition> definitions() {
    return environments()
        .flatMap(
            envs ->
                workloads(envs.size()).map(workloads -> new GeneratedDefinition(envs, workloads)));
  }

  // ---- environments ----

  /**
   * Environments usually share their namespace (each in its own cluster), so that objects are the
   * same objects everywhere; now and then one deviates.
   */
  static Arbitrary<List<EnvSpec>> environments() {
    return Arbitraries.of("treum", "payments")
        .injectNull(0.3)
        .flatMap(
            namespace ->
                environment(namespace)
                    .list()
                    .ofMinSize(2)
                    .ofMaxSize(4)
                    .uniqueElements(EnvSpec::name));
  }

  static Arbitrary<EnvSpec> environment(String sharedNamespace) {
    Arbitrary<Map<String, String>> labels =
        Arbitraries.maps(
                Arbitraries.of("treum.io/environment", "tier", "team"), Arbitraries.of(VALUES))
            .ofMaxSize(2);
    return Combinators.combine(
            Arbitraries.of(ENVIRONMENTS),
            Combinators.combine(
                    Arbitraries.frequency(Tuple.of(12, false), Tuple.of(1, true)),
                    Arbitraries.of("treum", "payments").injectNull(0.3))
                .as((deviates, other) -> deviates ? other : sharedNamespace),
            labels,
            Arbitraries.of(REGISTRIES),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(EnvSpec::new);
  }

  // ---- workloads ----

  static Arbitrary<List<WorkloadSpec<?>>> workloads(int environments) {
    return Arbitraries.of(WORKLOADS)
        .list()
        .ofMinSize(1)
        .ofMaxSize(5)
        .uniqueElements()
        .flatMapEach((all, name) -> workload(name, environments));
  }

  static Arbitrary<WorkloadSpec<?>> workload(String name, int environments) {
    return Arbitraries.frequencyOf(
        Tuple.of(1, construct(name, environments)), Tuple.of(1, bundle(name, environments)));
  }

  /**
   * A workload whose per-environment changes are drawn from {@code mutations} of its shared
   * configuration (so that they mostly address parts the configuration has).
   */
  static <C extends WorkloadConfig<C>> Arbitrary<WorkloadSpec<C>> spec(
      String name,
      Arbitrary<C> base,
      Function<C, Arbitrary<Mutation<C>>> mutations,
      int environments) {
    return base.flatMap(
        config -> {
          Arbitrary<Variant<C>> variant =
              Combinators.combine(
                      Arbitraries.frequency(Tuple.of(9, true), Tuple.of(1, false)),
                      Arbitraries.frequencyOf(
                          Tuple.of(1, Arbitraries.just(List.<Mutation<C>>of())),
                          Tuple.of(3, mutations.apply(config).list().ofMinSize(1).ofMaxSize(4))))
                  .as(Variant::new);
          return variant
              .list()
              .ofSize(environments)
              .map(variants -> new WorkloadSpec<>(name, config, variants));
        });
  }

  // ---- the model's constructs ----

  static Arbitrary<WorkloadSpec<?>> construct(String name, int environments) {
    return spec(name, constructConfig(), c -> constructMutation(c.kind), environments).map(s -> s);
  }

  static Arbitrary<ImageSpec> image(boolean environmentRegistry) {
    Arbitrary<String> registry =
        environmentRegistry
            ? Arbitraries.frequency(
                Tuple.of(3, ImageSpec.ENV_REGISTRY), Tuple.of(1, REGISTRIES.get(2)))
            : Arbitraries.of(REGISTRIES).injectNull(0.25);
    return Combinators.combine(
            registry,
            Arbitraries.of(IMAGE_PATHS),
            Arbitraries.of(TAGS).injectNull(0.1),
            Arbitraries.of(DIGESTS).injectNull(0.7))
        .as(ImageSpec::new);
  }

  static Arbitrary<TolerationSpec> toleration() {
    return Combinators.combine(
            Arbitraries.of("treum.io/spot", "nvidia.com/gpu", "dedicated"),
            Arbitraries.of("true", "infra").injectNull(0.3),
            Arbitraries.of("NoSchedule", "NoExecute", "PreferNoSchedule"))
        .as(TolerationSpec::new);
  }

  static Arbitrary<List<String>> words() {
    return Arbitraries.of(WORDS).list().ofMaxSize(3);
  }

  static Arbitrary<Map<String, String>> labels() {
    return Arbitraries.maps(Arbitraries.of(LABEL_KEYS), Arbitraries.of(VALUES)).ofMaxSize(2);
  }

  static Arbitrary<AutoscalingSpec> autoscaling() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(2, 10),
            Arbitraries.of(60, 70).injectNull(0.3),
            Arbitraries.of(80).injectNull(0.5),
            Arbitraries.of(true, false))
        .as(AutoscalingSpec::new);
  }

  static Arbitrary<ConstructConfig> constructConfig() {
    Arbitrary<ConstructConfig> basics =
        Combinators.combine(
                Arbitraries.of(ConstructConfig.Kind.class),
                image(true),
                Arbitraries.of(8080, 9090).injectNull(0.6),
                Arbitraries.maps(Arbitraries.of(ENV_VAR_NAMES), Arbitraries.of(ENV_VALUES))
                    .ofMaxSize(4),
                Arbitraries.of(CPU).injectNull(0.3),
                Arbitraries.of(MEMORY),
                labels(),
                toleration().list().ofMaxSize(2))
            .as(
                (kind, image, port, env, cpu, memory, labels, tolerations) -> {
                  ConstructConfig c = new ConstructConfig(kind, image);
                  c.containerPort = port;
                  c.env = new LinkedHashMap<>(env);
                  c.cpu = cpu;
                  c.memory = cpu == null ? null : memory;
                  c.memoryLimit = memory;
                  c.labels.putAll(labels);
                  c.tolerations.addAll(tolerations);
                  return c;
                });
    return Combinators.combine(
            basics,
            words(),
            words(),
            Arbitraries.of("/ready", "/healthz").injectNull(0.4),
            Arbitraries.of("arn:aws:iam::111122223333:role/app").injectNull(0.6),
            Arbitraries.of("app", "main").injectNull(0.7),
            Arbitraries.of(NAMESPACES).injectNull(0.7),
            Arbitraries.integers().between(0, 4))
        .as(
            (c, command, args, probe, role, container, namespace, replicas) -> {
              c.command = command;
              c.args = args;
              c.readinessPath = probe;
              c.livenessPath = probe;
              c.iamRole = role;
              c.containerName = container;
              c.namespace = namespace;
              c.replicas = replicas;
              return c;
            })
        .flatMap(
            c ->
                autoscaling()
                    .injectNull(0.5)
                    .map(
                        a -> {
                          if (c.kind != ConstructConfig.Kind.ML) {
                            c.autoscaling = a;
                          }
                          return c;
                        }));
  }

  static Arbitrary<Mutation<ConstructConfig>> constructMutation(ConstructConfig.Kind kind) {
    List<Arbitrary<? extends Mutation<ConstructConfig>>> all = new ArrayList<>();
    all.add(
        Combinators.combine(Arbitraries.of(ENV_VAR_NAMES), Arbitraries.of(ENV_VALUES))
            .as(ConstructConfig.PutEnv::new));
    all.add(index().map(ConstructConfig.RemoveEnv::new));
    all.add(Combinators.combine(index(), index()).as(ConstructConfig.MoveEnv::new));
    all.add(image(true).map(ConstructConfig.SetImage::new));
    all.add(image(true).map(ConstructConfig.SetImage::new));
    if (kind != ConstructConfig.Kind.BATCH) {
      all.add(Arbitraries.integers().between(0, 5).map(ConstructConfig.SetReplicas::new));
      all.add(Arbitraries.of(80, 8443).injectNull(0.3).map(ConstructConfig.SetServicePort::new));
    }
    if (kind == ConstructConfig.Kind.WEB || kind == ConstructConfig.Kind.WORKER) {
      all.add(autoscaling().injectNull(0.4).map(ConstructConfig.SetAutoscaling::new));
    }
    all.add(toleration().map(ConstructConfig.AddToleration::new));
    all.add(index().map(ConstructConfig.RemoveToleration::new));
    all.add(words().map(ConstructConfig.SetArgs::new));
    all.add(words().map(ConstructConfig.SetCommand::new));
    all.add(
        Combinators.combine(Arbitraries.of(LABEL_KEYS), Arbitraries.of(VALUES))
            .as(ConstructConfig.PutLabel::new));
    all.add(index().map(ConstructConfig.RemoveLabel::new));
    all.add(
        Combinators.combine(Arbitraries.of(ANNOTATION_KEYS), Arbitraries.of(ANNOTATION_VALUES))
            .as(ConstructConfig.PutPodAnnotation::new));
    all.add(index().map(ConstructConfig.RemovePodAnnotation::new));
    all.add(
        Combinators.combine(Arbitraries.of("disk", "zone"), Arbitraries.of("ssd", "a", "true"))
            .as(ConstructConfig.PutNodeSelector::new));
    all.add(index().map(ConstructConfig.RemoveNodeSelector::new));
    all.add(Arbitraries.of(8080, 8081, 9090).map(ConstructConfig.SetContainerPort::new));
    all.add(
        Combinators.combine(
                Arbitraries.of(CPU).injectNull(0.3),
                Arbitraries.of(MEMORY).injectNull(0.3),
                Arbitraries.of(CPU).injectNull(0.6),
                Arbitraries.of(MEMORY).injectNull(0.3))
            .as(ConstructConfig.SetResources::new));
    all.add(
        Combinators.combine(
                Arbitraries.of("/ready", "/healthz").injectNull(0.4),
                Arbitraries.of("/live", "/healthz").injectNull(0.4))
            .as(ConstructConfig.SetProbes::new));
    all.add(
        Arbitraries.of("arn:aws:iam::111122223333:role/other")
            .injectNull(0.5)
            .map(ConstructConfig.SetIamRole::new));
    all.add(Arbitraries.of(10, 30, 60).map(ConstructConfig.SetGrace::new));
    all.add(Arbitraries.of(NAMESPACES).injectNull(0.5).map(ConstructConfig.SetNamespace::new));
    if (kind == ConstructConfig.Kind.BATCH) {
      all.add(
          Combinators.combine(
                  Arbitraries.of("0 2 * * *", "*/5 * * * *"), Arbitraries.of(true, false))
              .as(ConstructConfig.SetSchedule::new));
      all.add(
          Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 3))
              .as(ConstructConfig.SetSpot::new));
    }
    if (kind == ConstructConfig.Kind.ML) {
      all.add(
          Combinators.combine(
                  Arbitraries.of("Off", "Auto", "Initial").injectNull(0.3),
                  Arbitraries.integers().between(0, 2))
              .as(ConstructConfig.SetMl::new));
    }
    return Arbitraries.oneOf(all);
  }

  static Arbitrary<Integer> index() {
    return Arbitraries.integers().between(0, 5);
  }

  // ---- raw objects ----

  static Arbitrary<WorkloadSpec<?>> bundle(String name, int environments) {
    return spec(name, bundleConfig(name), DefinitionArbitraries::bundleMutation, environments)
        .map(s -> s);
  }

  static Arbitrary<BundleConfig> bundleConfig(String name) {
    return Combinators.combine(
            rawPod(false).injectNull(0.5),
            rawPod(true).injectNull(0.75),
            configMap().injectNull(0.5),
            service().injectNull(0.6),
            customResource().injectNull(0.5))
        .as(
            (deployment, statefulSet, configMap, service, custom) -> {
              BundleConfig c = new BundleConfig();
              c.deployment = deployment;
              c.statefulSet = statefulSet;
              c.configMap = configMap;
              c.service = service;
              c.custom = custom;
              return c;
            })
        .filter(
            c ->
                c.deployment != null
                    || c.statefulSet != null
                    || c.configMap != null
                    || c.service != null
                    || c.custom != null);
  }

  static Arbitrary<EnvVarSpec> envVar() {
    return Combinators.combine(
            Arbitraries.of(ENV_VAR_NAMES),
            Arbitraries.of(ENV_VALUES),
            Arbitraries.of("app-config").injectNull(0.8),
            Arbitraries.of("key", "url"))
        .as(EnvVarSpec::new);
  }

  static Arbitrary<PortSpec> port() {
    return Combinators.combine(
            Arbitraries.of(80, 8080, 9090, 53),
            Arbitraries.of("TCP", "UDP").injectNull(0.5),
            Arbitraries.of("http", "metrics", "dns").injectNull(0.4))
        .as(PortSpec::new);
  }

  static Arbitrary<MountSpec> mount() {
    return Combinators.combine(
            Arbitraries.of("config", "data", "cache"),
            Arbitraries.of("/config", "/data", "/tmp", "/var/run"),
            Arbitraries.of(true, false).injectNull(0.6))
        .as(MountSpec::new);
  }

  static Arbitrary<ContainerConfig> container(boolean init) {
    return Combinators.combine(
            init
                ? Arbitraries.of("init-db", "init-perm")
                : Arbitraries.of("app", "sidecar", "proxy"),
            image(true),
            // now and then a variable defined twice, which the API server accepts
            Arbitraries.frequencyOf(
                Tuple.of(9, envVar().list().ofMaxSize(3).uniqueElements(EnvVarSpec::name)),
                Tuple.of(1, envVar().list().ofMinSize(2).ofMaxSize(3))),
            // ports may share a number with another protocol (53/TCP and 53/UDP), also where one
            // leaves the protocol out (Kubernetes defaults it to TCP)
            port().list().ofMaxSize(3).uniqueElements(p -> p.containerPort() + "/" + p.protocol()),
            mount().list().ofMaxSize(2).uniqueElements(MountSpec::mountPath),
            Arbitraries.of(List.<String>of(), List.of("/bin/app"), List.of("python", "-m", "app")),
            words(),
            Arbitraries.of(CPU).injectNull(0.4))
        .as(
            (name, image, env, ports, mounts, command, args, cpu) ->
                new ContainerConfig(
                    name, image, env, ports, mounts, command, args, cpu, null, null));
  }

  static Arbitrary<VolumeSpec> volume() {
    return Combinators.combine(
            Arbitraries.of("config", "data", "cache"),
            Arbitraries.of("configMap", "secret", "emptyDir"),
            Arbitraries.of("app-config", "app-secret"))
        .as(
            (name, type, source) ->
                new VolumeSpec(name, type, type.equals("emptyDir") ? null : source));
  }

  static Arbitrary<RawPodConfig> rawPod(boolean statefulSet) {
    Arbitrary<RawPodConfig> basics =
        Combinators.combine(
                Arbitraries.of(NAMESPACES).injectNull(0.6),
                labels(),
                labels(),
                Arbitraries.integers().between(0, 4).injectNull(0.3),
                container(false)
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(2)
                    .uniqueElements(ContainerConfig::name),
                container(true).list().ofMaxSize(1),
                volume().list().ofMaxSize(2).uniqueElements(VolumeSpec::name),
                toleration().list().ofMaxSize(2))
            .as(
                (namespace, labels, templateLabels, replicas, containers, init, volumes, tols) -> {
                  RawPodConfig c = new RawPodConfig(statefulSet);
                  c.namespace = namespace;
                  c.labels.putAll(labels);
                  c.templateLabels.putAll(templateLabels);
                  c.replicas = replicas;
                  c.containers.addAll(containers);
                  c.initContainers.addAll(init);
                  c.volumes.addAll(volumes);
                  c.tolerations.addAll(tols);
                  return c;
                });
    return Combinators.combine(
            basics,
            Arbitraries.maps(Arbitraries.of(ANNOTATION_KEYS), Arbitraries.of(ANNOTATION_VALUES))
                .ofMaxSize(2),
            Arbitraries.of("app-sa").injectNull(0.6),
            claim().list().ofMaxSize(2).uniqueElements(ClaimSpec::name))
        .as(
            (c, annotations, serviceAccount, claims) -> {
              c.templateAnnotations.putAll(annotations);
              c.serviceAccount = serviceAccount;
              if (statefulSet) {
                c.claims.addAll(claims);
              }
              return c;
            });
  }

  static Arbitrary<ClaimSpec> claim() {
    return Combinators.combine(Arbitraries.of("data", "logs"), Arbitraries.of("1Gi", "10Gi"))
        .as(ClaimSpec::new);
  }

  static Arbitrary<ContainerConfig.Change> containerChange() {
    List<Arbitrary<? extends ContainerConfig.Change>> all = new ArrayList<>();
    all.add(
        Combinators.combine(Arbitraries.of(ENV_VAR_NAMES), Arbitraries.of(ENV_VALUES))
            .as(ContainerConfig.PutEnv::new));
    all.add(index().map(ContainerConfig.RemoveEnv::new));
    all.add(Combinators.combine(index(), index()).as(ContainerConfig.MoveEnv::new));
    all.add(Combinators.combine(index(), index()).as(ContainerConfig.MoveEnv::new));
    all.add(
        Combinators.combine(index(), Arbitraries.of("app-config", "other"), Arbitraries.of("key"))
            .as(ContainerConfig.EnvFromConfigMap::new));
    all.add(port().map(ContainerConfig.AddPort::new));
    all.add(index().map(ContainerConfig.RemovePort::new));
    all.add(
        Combinators.combine(
                index(),
                Arbitraries.of("TCP", "UDP").injectNull(0.5),
                Arbitraries.of("http", "metrics").injectNull(0.4))
            .as(ContainerConfig.EditPort::new));
    all.add(mount().map(ContainerConfig.AddMount::new));
    all.add(index().map(ContainerConfig.RemoveMount::new));
    all.add(
        Combinators.combine(index(), Arbitraries.of(true, false).injectNull(0.4))
            .as(ContainerConfig.EditMount::new));
    all.add(
        Combinators.combine(Arbitraries.of(List.<String>of(), List.of("/bin/other")), words())
            .as(ContainerConfig.SetCommandAndArgs::new));
    all.add(image(true).map(ContainerConfig.SetImage::new));
    all.add(
        Combinators.combine(
                Arbitraries.of(CPU).injectNull(0.4),
                Arbitraries.of(MEMORY).injectNull(0.5),
                Arbitraries.of("Always", "IfNotPresent").injectNull(0.5))
            .as(ContainerConfig.SetResources::new));
    return Arbitraries.oneOf(all);
  }

  static Arbitrary<Mutation<RawPodConfig>> podMutation(RawPodConfig pod) {
    List<Arbitrary<? extends Mutation<RawPodConfig>>> all = new ArrayList<>();
    Arbitrary<Boolean> init =
        pod.initContainers.isEmpty()
            ? Arbitraries.just(false)
            : Arbitraries.frequency(Tuple.of(1, true), Tuple.of(2, false));
    for (int i = 0; i < 6; i++) {
      all.add(
          Combinators.combine(init, index(), containerChange()).as(RawPodConfig.OnContainer::new));
    }
    all.add(
        init.flatMap(
            isInit -> container(isInit).map(c -> new RawPodConfig.AddContainer(isInit, c))));
    all.add(Combinators.combine(init, index()).as(RawPodConfig.RemoveContainer::new));
    all.add(Combinators.combine(index(), index()).as(RawPodConfig.MoveContainer::new));
    all.add(volume().map(RawPodConfig.AddVolume::new));
    all.add(index().map(RawPodConfig.RemoveVolume::new));
    all.add(
        Combinators.combine(
                index(),
                Arbitraries.of("configMap", "secret", "emptyDir"),
                Arbitraries.of("app-config", "other-secret"))
            .as(RawPodConfig.ChangeVolumeSource::new));
    all.add(toleration().map(RawPodConfig.AddToleration::new));
    all.add(index().map(RawPodConfig.RemoveToleration::new));
    all.add(
        Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.of(false),
                Arbitraries.of(LABEL_KEYS),
                Arbitraries.of(VALUES).injectNull(0.4))
            .as(RawPodConfig.EditMetadata::new));
    all.add(
        Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.of(true),
                Arbitraries.of(ANNOTATION_KEYS),
                Arbitraries.of(ANNOTATION_VALUES).injectNull(0.4))
            .as(RawPodConfig.EditMetadata::new));
    all.add(
        Arbitraries.integers().between(0, 5).injectNull(0.3).map(RawPodConfig.SetReplicas::new));
    all.add(
        Arbitraries.of("app-sa", "other-sa")
            .injectNull(0.4)
            .map(RawPodConfig.SetServiceAccount::new));
    all.add(Arbitraries.of(NAMESPACES).injectNull(0.5).map(RawPodConfig.SetNamespace::new));
    if (pod.statefulSet) {
      all.add(claim().map(RawPodConfig.PutClaim::new));
      all.add(index().map(RawPodConfig.RemoveClaim::new));
    }
    return Arbitraries.oneOf(all);
  }

  static Arbitrary<BundleConfig.ConfigMapPart> configMap() {
    return Combinators.combine(
            Arbitraries.of(NAMESPACES).injectNull(0.6),
            labels(),
            Arbitraries.maps(
                    Arbitraries.of("a", "b", "config.yaml", "port"), Arbitraries.of(VALUES))
                .ofMaxSize(3),
            Arbitraries.of(true, false).injectNull(0.8))
        .as(
            (namespace, labels, data, immutable) -> {
              BundleConfig.ConfigMapPart c = new BundleConfig.ConfigMapPart();
              c.namespace = namespace;
              c.labels.putAll(labels);
              c.data.putAll(data);
              c.immutable = immutable;
              return c;
            });
  }

  static Arbitrary<ServicePortSpec> servicePort() {
    return Combinators.combine(
            Arbitraries.of("http", "grpc").injectNull(0.3),
            Arbitraries.of(80, 443, 8080),
            Arbitraries.oneOf(Arbitraries.of(8080, 9090), Arbitraries.of("http", "metrics")),
            Arbitraries.of("TCP", "UDP").injectNull(0.5))
        .as(ServicePortSpec::new);
  }

  static Arbitrary<BundleConfig.ServicePart> service() {
    return Combinators.combine(
            Arbitraries.of(NAMESPACES).injectNull(0.6),
            Arbitraries.of("ClusterIP", "NodePort").injectNull(0.5),
            servicePort().list().ofMinSize(1).ofMaxSize(3).uniqueElements(ServicePortSpec::port))
        .as(
            (namespace, type, ports) -> {
              BundleConfig.ServicePart c = new BundleConfig.ServicePart();
              c.namespace = namespace;
              c.type = type;
              c.ports.addAll(ports);
              return c;
            });
  }

  static Arbitrary<Mutation<BundleConfig>> bundleMutation(BundleConfig config) {
    List<Arbitrary<? extends Mutation<BundleConfig>>> all = new ArrayList<>();
    List<Part> parts = new ArrayList<>();
    if (config.deployment != null || config.statefulSet != null) {
      for (RawPodConfig pod : new RawPodConfig[] {config.deployment, config.statefulSet}) {
        if (pod != null) {
          Arbitrary<Mutation<BundleConfig>> change =
              podMutation(pod).map(m -> new BundleConfig.OnPods(!pod.statefulSet, m));
          for (int i = 0; i < 6; i++) {
            all.add(change);
          }
        }
      }
    }
    if (config.deployment != null) {
      parts.add(Part.DEPLOYMENT);
    }
    if (config.statefulSet != null) {
      parts.add(Part.STATEFUL_SET);
    }
    if (config.custom != null) {
      parts.add(Part.CUSTOM);
      for (int i = 0; i < 4; i++) {
        all.add(customEdit().map(BundleConfig.OnCustom::new));
      }
      all.add(
          Combinators.combine(
                  Arbitraries.of(true, false),
                  Arbitraries.of(LABEL_KEYS),
                  Arbitraries.of(VALUES).injectNull(0.4))
              .as(
                  (annotation, key, value) ->
                      new BundleConfig.OnCustom(
                          new CustomResourceConfig.EditMetadata(annotation, key, value))));
    }
    if (config.configMap != null) {
      parts.add(Part.CONFIG_MAP);
      all.add(
          Combinators.combine(
                  Arbitraries.of("a", "b", "config.yaml"),
                  Arbitraries.of(VALUES).injectNull(0.4),
                  Arbitraries.of(true, false).injectNull(0.8))
              .as(BundleConfig.EditConfigMap::new));
      all.add(
          Combinators.combine(Arbitraries.of(LABEL_KEYS), Arbitraries.of(VALUES).injectNull(0.4))
              .as(BundleConfig.LabelConfigMap::new));
    }
    if (config.service != null) {
      parts.add(Part.SERVICE);
      all.add(servicePort().map(BundleConfig.AddServicePort::new));
      all.add(index().map(BundleConfig.RemoveServicePort::new));
      all.add(
          Combinators.combine(
                  index(), Arbitraries.oneOf(Arbitraries.of(8081), Arbitraries.of("grpc")))
              .as(BundleConfig.RetargetServicePort::new));
      all.add(
          Combinators.combine(
                  Arbitraries.of("ClusterIP", "LoadBalancer").injectNull(0.5),
                  Arbitraries.of(ANNOTATION_KEYS),
                  Arbitraries.of(ANNOTATION_VALUES).injectNull(0.4))
              .as(BundleConfig.EditService::new));
    }
    all.add(Arbitraries.of(parts).map(BundleConfig.Drop::new));
    all.add(
        Combinators.combine(Arbitraries.of(parts), Arbitraries.of(NAMESPACES).injectNull(0.5))
            .as(BundleConfig.SetNamespace::new));
    return Arbitraries.oneOf(all);
  }

  // ---- custom resources ----

  static final List<String> CR_KEYS =
      List.of("alpha", "beta", "endpoints", "selector", "a/b", "x~y", "enabled", "replicas");

  static Arbitrary<Object> scalar() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of("on", "yes", "x", "1.5", "", "hello world", "null", "y")),
        Tuple.of(1, Arbitraries.of(ANNOTATION_VALUES)),
        Tuple.of(2, Arbitraries.of(0, 1, 3, 8080)),
        Tuple.of(1, Arbitraries.of(true, false)),
        Tuple.of(1, Arbitraries.of(1.5, 0.25)),
        Tuple.of(1, Arbitraries.just((Object) null)));
  }

  static Arbitrary<Object> named() {
    return Combinators.combine(
            Arbitraries.of("n1", "n2", "n3", "n4"),
            Arbitraries.maps(Arbitraries.of("port", "path", "weight"), scalar()).ofMaxSize(2))
        .as(
            (name, fields) -> {
              Map<String, Object> element = new LinkedHashMap<>();
              element.put("name", name);
              element.putAll(fields);
              return element;
            });
  }

  static Arbitrary<Object> value(int depth) {
    if (depth == 0) {
      return scalar();
    }
    return Arbitraries.frequencyOf(
        Tuple.of(4, scalar()),
        Tuple.of(
            2,
            Arbitraries.maps(Arbitraries.of(CR_KEYS), Arbitraries.lazy(() -> value(depth - 1)))
                .ofMaxSize(3)
                .map(m -> (Object) new LinkedHashMap<>(m))),
        Tuple.of(1, scalar().list().ofMaxSize(3).map(l -> (Object) new ArrayList<>(l))),
        Tuple.of(
            2,
            named()
                .list()
                .ofMaxSize(3)
                .uniqueElements(e -> ((Map<?, ?>) e).get("name"))
                .map(l -> (Object) new ArrayList<>(l))));
  }

  static Arbitrary<CustomResourceConfig> customResource() {
    Arbitrary<Map<String, Object>> spec =
        Arbitraries.maps(Arbitraries.of(CR_KEYS), value(2))
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(LinkedHashMap::new);
    return Combinators.combine(
            Arbitraries.of(0, 1, 2),
            spec,
            image(false),
            Arbitraries.of(NAMESPACES).injectNull(0.6),
            labels())
        .as(
            (type, body, image, namespace, labels) -> {
              Map<String, Object> content = new LinkedHashMap<>(body);
              CustomResourceConfig c;
              if (type == 0) {
                c = new CustomResourceConfig("example.treum.io/v1", "Widget", content);
              } else if (type == 1) {
                c = new CustomResourceConfig("monitoring.coreos.com/v1", "ServiceMonitor", content);
              } else {
                Map<String, Object> container = new LinkedHashMap<>();
                container.put("name", "app");
                container.put("image", image.reference(null));
                content.put(
                    "template",
                    new LinkedHashMap<>(
                        Map.of(
                            "spec",
                            new LinkedHashMap<>(
                                Map.of("containers", new ArrayList<>(List.of(container)))))));
                c = new CustomResourceConfig("argoproj.io/v1alpha1", "Rollout", content);
              }
              c.namespace = namespace;
              c.labels.putAll(labels);
              return c;
            });
  }

  static Arbitrary<Mutation<CustomResourceConfig>> customEdit() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 7).list().ofMaxSize(4),
            Arbitraries.of(CustomResourceConfig.Op.class),
            Arbitraries.of(CR_KEYS),
            index(),
            value(1))
        .as(CustomResourceConfig.Edit::new);
  }
}
