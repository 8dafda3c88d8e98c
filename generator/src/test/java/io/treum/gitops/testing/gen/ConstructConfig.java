package io.treum.gitops.testing.gen;

import io.treum.gitops.model.Autoscaling;
import io.treum.gitops.model.BatchJob;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.ImageReference;
import io.treum.gitops.model.MlService;
import io.treum.gitops.model.PodWorkload;
import io.treum.gitops.model.ReplicatedWorkload;
import io.treum.gitops.model.WebService;
import io.treum.gitops.model.Worker;
import io.treum.gitops.model.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Configuration of one of the model's constructs: web service, worker, ML service, batch job. */
public final class ConstructConfig implements WorkloadConfig<ConstructConfig> {
  public enum Kind {
    WEB,
    WORKER,
    ML,
    BATCH
  }

  /**
   * Horizontal autoscaling, used where the environment enables autoscaling.
   *
   * @param cpu target CPU utilisation, or {@code null}
   * @param memory target memory utilisation, or {@code null}
   */
  public record AutoscalingSpec(int min, int max, Integer cpu, Integer memory, boolean behavior) {
    Autoscaling toAutoscaling() {
      Autoscaling autoscaling = Autoscaling.between(min, Math.max(min, max));
      if (cpu != null) {
        autoscaling.cpuUtilization(cpu);
      }
      if (memory != null) {
        autoscaling.memoryUtilization(memory);
      }
      if (behavior) {
        autoscaling.scaleUp(60, 100, 15).scaleDown(300, 50, 60);
      }
      return autoscaling;
    }
  }

  Kind kind;
  ImageSpec image;
  Integer containerPort;
  Map<String, String> env = new LinkedHashMap<>();
  String cpu;
  String memory;
  String cpuLimit;
  String memoryLimit;
  Map<String, String> labels = new TreeMap<>();
  Map<String, String> podAnnotations = new TreeMap<>();
  Map<String, String> nodeSelector = new TreeMap<>();
  List<TolerationSpec> tolerations = new ArrayList<>();
  List<String> command = List.of();
  List<String> args = List.of();
  String readinessPath;
  String livenessPath;
  String iamRole;
  int grace = 30;
  String containerName;
  String namespace;
  int replicas = 1;
  AutoscalingSpec autoscaling;
  Integer servicePort;
  String updateMode;
  int gpus = 1;
  String schedule = "0 2 * * *";
  boolean spot = true;
  int backoffLimit = 2;
  boolean suspended;

  public ConstructConfig(Kind kind, ImageSpec image) {
    this.kind = kind;
    this.image = image;
  }

  @Override
  public ConstructConfig copy() {
    ConstructConfig c = new ConstructConfig(kind, image);
    c.containerPort = containerPort;
    c.env = new LinkedHashMap<>(env);
    c.cpu = cpu;
    c.memory = memory;
    c.cpuLimit = cpuLimit;
    c.memoryLimit = memoryLimit;
    c.labels = new TreeMap<>(labels);
    c.podAnnotations = new TreeMap<>(podAnnotations);
    c.nodeSelector = new TreeMap<>(nodeSelector);
    c.tolerations = new ArrayList<>(tolerations);
    c.command = command;
    c.args = args;
    c.readinessPath = readinessPath;
    c.livenessPath = livenessPath;
    c.iamRole = iamRole;
    c.grace = grace;
    c.containerName = containerName;
    c.namespace = namespace;
    c.replicas = replicas;
    c.autoscaling = autoscaling;
    c.servicePort = servicePort;
    c.updateMode = updateMode;
    c.gpus = gpus;
    c.schedule = schedule;
    c.spot = spot;
    c.backoffLimit = backoffLimit;
    c.suspended = suspended;
    return c;
  }

  @Override
  public Workload toWorkload(String name, Environment environment) {
    PodWorkload<?> workload =
        switch (kind) {
          case WEB -> replicated(WebService.named(name), environment);
          case WORKER -> replicated(Worker.named(name), environment);
          case ML -> ml(MlService.named(name));
          case BATCH -> batch(BatchJob.named(name));
        };
    configure(workload, environment);
    return workload;
  }

  private ReplicatedWorkload<?> replicated(ReplicatedWorkload<?> workload, Environment env) {
    workload.replicas(replicas);
    if (autoscaling != null && env.autoscaling()) {
      workload.autoscaling(autoscaling.toAutoscaling());
    }
    if (servicePort != null) {
      workload.servicePort(servicePort);
    }
    return workload;
  }

  private MlService ml(MlService workload) {
    workload.replicas(replicas).gpus(gpus);
    if (updateMode != null) {
      workload.updateMode(updateMode);
    }
    if (cpu != null && memory != null) {
      workload.minAllowed(cpu, memory);
    }
    if (servicePort != null) {
      workload.servicePort(servicePort);
    }
    return workload;
  }

  private BatchJob batch(BatchJob workload) {
    return workload.schedule(schedule).spot(spot).backoffLimit(backoffLimit).suspended(suspended);
  }

  private void configure(PodWorkload<?> workload, Environment environment) {
    workload.image(ImageReference.parse(image.reference(environment)));
    if (containerName != null) {
      workload.containerName(containerName);
    }
    if (namespace != null) {
      workload.namespace(namespace);
    }
    if (containerPort != null) {
      workload.containerPort(containerPort);
    }
    env.forEach(workload::env);
    if (cpu != null && memory != null) {
      workload.requests(cpu, memory);
    }
    if (memoryLimit != null) {
      workload.limits(cpuLimit, memoryLimit);
    }
    labels.forEach(workload::label);
    podAnnotations.forEach(workload::podAnnotation);
    nodeSelector.forEach(workload::nodeSelector);
    tolerations.forEach(t -> workload.toleration(t.key(), t.value(), t.effect()));
    workload.command(command.toArray(String[]::new));
    workload.args(args.toArray(String[]::new));
    boolean hasPort = containerPort != null || kind == Kind.WEB || kind == Kind.ML;
    if (hasPort && readinessPath != null) {
      workload.readinessPath(readinessPath);
    }
    if (hasPort && livenessPath != null) {
      workload.livenessPath(livenessPath);
    }
    if (iamRole != null) {
      workload.iamRole(iamRole);
    }
    workload.terminationGracePeriodSeconds(grace);
  }

  @Override
  public String toString() {
    return kind
        + "{image="
        + image
        + ", port="
        + containerPort
        + ", env="
        + env
        + ", requests="
        + cpu
        + "/"
        + memory
        + ", limits="
        + cpuLimit
        + "/"
        + memoryLimit
        + ", labels="
        + labels
        + ", podAnnotations="
        + podAnnotations
        + ", nodeSelector="
        + nodeSelector
        + ", tolerations="
        + tolerations
        + ", command="
        + command
        + ", args="
        + args
        + ", probes="
        + readinessPath
        + "/"
        + livenessPath
        + ", iamRole="
        + iamRole
        + ", grace="
        + grace
        + ", container="
        + containerName
        + ", namespace="
        + namespace
        + ", replicas="
        + replicas
        + ", autoscaling="
        + autoscaling
        + ", servicePort="
        + servicePort
        + ", updateMode="
        + updateMode
        + ", gpus="
        + gpus
        + ", schedule="
        + schedule
        + ", spot="
        + spot
        + ", backoff="
        + backoffLimit
        + ", suspended="
        + suspended
        + "}";
  }

  // ---- per-environment changes ----

  public record PutEnv(String key, String value) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.env.put(key, value);
    }
  }

  public record RemoveEnv(int index) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      Lists.removeKey(c.env, index);
    }
  }

  public record MoveEnv(int from, int to) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      List<Map.Entry<String, String>> entries = new ArrayList<>(c.env.entrySet());
      Map<String, String> moved = new LinkedHashMap<>();
      Lists.moved(entries, from, to).forEach(e -> moved.put(e.getKey(), e.getValue()));
      c.env = moved;
    }
  }

  public record SetImage(ImageSpec image) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.image = new ImageSpec(image.registry(), c.image.path(), image.tag(), image.digest());
    }
  }

  public record SetReplicas(int replicas) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.replicas = replicas;
    }
  }

  public record SetAutoscaling(AutoscalingSpec autoscaling) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.autoscaling = autoscaling;
    }
  }

  public record AddToleration(TolerationSpec toleration) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.tolerations.add(toleration);
    }
  }

  public record RemoveToleration(int index) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.tolerations = Lists.without(c.tolerations, index);
    }
  }

  public record SetArgs(List<String> args) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.args = args;
    }
  }

  public record SetCommand(List<String> command) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.command = command;
    }
  }

  public record PutLabel(String key, String value) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.labels.put(key, value);
    }
  }

  public record RemoveLabel(int index) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      Lists.removeKey(c.labels, index);
    }
  }

  public record PutPodAnnotation(String key, String value) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.podAnnotations.put(key, value);
    }
  }

  public record RemovePodAnnotation(int index) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      Lists.removeKey(c.podAnnotations, index);
    }
  }

  public record PutNodeSelector(String key, String value) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.nodeSelector.put(key, value);
    }
  }

  public record RemoveNodeSelector(int index) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      Lists.removeKey(c.nodeSelector, index);
    }
  }

  public record SetContainerPort(int port) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.containerPort = port;
    }
  }

  public record SetResources(String cpu, String memory, String cpuLimit, String memoryLimit)
      implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.cpu = cpu;
      c.memory = memory;
      c.cpuLimit = cpuLimit;
      c.memoryLimit = memoryLimit;
    }
  }

  public record SetProbes(String readiness, String liveness) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.readinessPath = readiness;
      c.livenessPath = liveness;
    }
  }

  public record SetIamRole(String role) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.iamRole = role;
    }
  }

  public record SetGrace(int seconds) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.grace = seconds;
    }
  }

  public record SetNamespace(String namespace) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.namespace = namespace;
    }
  }

  public record SetServicePort(Integer port) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.servicePort = port;
    }
  }

  public record SetSchedule(String schedule, boolean suspended)
      implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.schedule = schedule;
      c.suspended = suspended;
    }
  }

  public record SetSpot(boolean spot, int backoffLimit) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.spot = spot;
      c.backoffLimit = backoffLimit;
    }
  }

  public record SetMl(String updateMode, int gpus) implements Mutation<ConstructConfig> {
    public void applyTo(ConstructConfig c) {
      c.updateMode = updateMode;
      c.gpus = gpus;
    }
  }
}
