package io.treum.gitops.testing.gen;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.treum.gitops.model.Environment;
import java.util.List;
import java.util.Map;

/**
 * A container of a raw Deployment or StatefulSet, built with fabric8's builders.
 *
 * @param cpu CPU request, or {@code null}
 * @param memory memory limit, or {@code null}
 * @param pullPolicy image pull policy, or {@code null}
 */
public record ContainerConfig(
    String name,
    ImageSpec image,
    List<EnvVarSpec> env,
    List<PortSpec> ports,
    List<MountSpec> mounts,
    List<String> command,
    List<String> args,
    String cpu,
    String memory,
    String pullPolicy) {

  /**
   * An environment variable: a plain value, or (when {@code configMap} is set) a reference.
   *
   * @param value the value, used when {@code configMap} is {@code null}
   */
  public record EnvVarSpec(String name, String value, String configMap, String key) {
    EnvVar toEnvVar() {
      EnvVarBuilder var = new EnvVarBuilder().withName(name);
      if (configMap == null) {
        var.withValue(value);
      } else {
        var.withNewValueFrom().withNewConfigMapKeyRef(key, configMap, null).endValueFrom();
      }
      return var.build();
    }
  }

  /** A container port; {@code protocol} and {@code name} may be {@code null}. */
  public record PortSpec(int containerPort, String protocol, String name) {}

  /** A volume mount; {@code readOnly} may be {@code null}. */
  public record MountSpec(String name, String mountPath, Boolean readOnly) {}

  public ContainerConfig {
    env = List.copyOf(env);
    ports = List.copyOf(ports);
    mounts = List.copyOf(mounts);
    command = List.copyOf(command);
    args = List.copyOf(args);
  }

  Container toContainer(Environment environment) {
    ContainerBuilder c =
        new ContainerBuilder()
            .withName(name)
            .withImage(image.reference(environment))
            .withImagePullPolicy(pullPolicy)
            .withCommand(command.isEmpty() ? null : command)
            .withArgs(args.isEmpty() ? null : args);
    env.forEach(e -> c.addToEnv(e.toEnvVar()));
    ports.forEach(
        p ->
            c.addNewPort()
                .withContainerPort(p.containerPort())
                .withProtocol(p.protocol())
                .withName(p.name())
                .endPort());
    mounts.forEach(
        m ->
            c.addNewVolumeMount()
                .withName(m.name())
                .withMountPath(m.mountPath())
                .withReadOnly(m.readOnly())
                .endVolumeMount());
    if (cpu != null || memory != null) {
      ResourceRequirementsBuilder resources = new ResourceRequirementsBuilder();
      if (cpu != null) {
        resources.withRequests(Map.of("cpu", new Quantity(cpu)));
      }
      if (memory != null) {
        resources.withLimits(Map.of("memory", new Quantity(memory)));
      }
      c.withResources(resources.build());
    }
    return c.build();
  }

  ContainerConfig withImage(ImageSpec value) {
    return new ContainerConfig(
        name, value, env, ports, mounts, command, args, cpu, memory, pullPolicy);
  }

  ContainerConfig withEnv(List<EnvVarSpec> value) {
    return new ContainerConfig(
        name, image, value, ports, mounts, command, args, cpu, memory, pullPolicy);
  }

  ContainerConfig withPorts(List<PortSpec> value) {
    return new ContainerConfig(
        name, image, env, value, mounts, command, args, cpu, memory, pullPolicy);
  }

  ContainerConfig withMounts(List<MountSpec> value) {
    return new ContainerConfig(
        name, image, env, ports, value, command, args, cpu, memory, pullPolicy);
  }

  ContainerConfig withCommandAndArgs(List<String> newCommand, List<String> newArgs) {
    return new ContainerConfig(
        name, image, env, ports, mounts, newCommand, newArgs, cpu, memory, pullPolicy);
  }

  ContainerConfig withResources(String newCpu, String newMemory, String newPullPolicy) {
    return new ContainerConfig(
        name, image, env, ports, mounts, command, args, newCpu, newMemory, newPullPolicy);
  }

  // ---- changes to one container ----

  /** A change to one container. */
  public interface Change {
    ContainerConfig applyTo(ContainerConfig container);
  }

  /** Sets a variable's value, adding it at the end when new. */
  public record PutEnv(String name, String value) implements Change {
    public ContainerConfig applyTo(ContainerConfig c) {
      EnvVarSpec var = new EnvVarSpec(name, value, null, null);
      for (int i = 0; i < c.env.size(); i++) {
        if (c.env.get(i).name().equals(name)) {
          int at = i;
          return c.withEnv(Lists.updated(c.env, at, old -> var));
        }
      }
      return c.withEnv(Lists.with(c.env, var));
    }
  }

  /** Turns a variable into a ConfigMap reference. */
  public record EnvFromConfigMap(int index, String configMap, String key) implements Change {
    public ContainerConfig applyTo(ContainerConfig c) {
      return c.withEnv(
          Lists.updated(c.env, index, old -> new EnvVarSpec(old.name(), null, configMap, key)));
    }
  }

  public record RemoveEnv(int index) implements Change {
    public ContainerConfig applyTo(ContainerConfig c) {
      return c.withEnv(Lists.without(c.env, index));
    }
  }

  public record MoveEnv(int from, int to) implements Change {
    public ContainerConfig applyTo(ContainerConfig c) {
      return c.withEnv(Lists.moved(c.env, from, to));
    }
  }

  /** Adds a port unless one with the same number and protocol exists. */
  public record AddPort(PortSpec port) implements Change {
    public ContainerConfig applyTo(ContainerConfig c) {
      if (c.ports.stream().anyMatch(p -> samePort(p, port))) {
        return c;
      }
      return c.withPorts(Lists.with(c.ports, port));
    }
  }

  public record RemovePort(int index) implements Change {
    public ContainerConfig applyTo(ContainerConfig c) {
      return c.withPorts(Lists.without(c.ports, index));
    }
  }

  /** Renames a port or changes its protocol (unless that would duplicate another port). */
  public record EditPort(int index, String protocol, String name) implements Change {
    public ContainerConfig applyTo(ContainerConfig c) {
      int i = Mutation.pick(index, c.ports.size());
      if (i < 0) {
        return c;
      }
      PortSpec edited = new PortSpec(c.ports.get(i).containerPort(), protocol, name);
      for (int j = 0; j < c.ports.size(); j++) {
        if (j != i && samePort(c.ports.get(j), edited)) {
          return c;
        }
      }
      return c.withPorts(Lists.updated(c.ports, i, old -> edited));
    }
  }

  /** Adds a mount unless its path is taken. */
  public record AddMount(MountSpec mount) implements Change {
    public ContainerConfig applyTo(ContainerConfig c) {
      if (c.mounts.stream().anyMatch(m -> m.mountPath().equals(mount.mountPath()))) {
        return c;
      }
      return c.withMounts(Lists.with(c.mounts, mount));
    }
  }

  public record RemoveMount(int index) implements Change {
    public ContainerConfig applyTo(ContainerConfig c) {
      return c.withMounts(Lists.without(c.mounts, index));
    }
  }

  public record EditMount(int index, Boolean readOnly) implements Change {
    public ContainerConfig applyTo(ContainerConfig c) {
      return c.withMounts(
          Lists.updated(
              c.mounts, index, old -> new MountSpec(old.name(), old.mountPath(), readOnly)));
    }
  }

  public record SetCommandAndArgs(List<String> command, List<String> args) implements Change {
    public ContainerConfig applyTo(ContainerConfig c) {
      return c.withCommandAndArgs(command, args);
    }
  }

  /** Changes registry, tag and digest but keeps the repository path. */
  public record SetImage(ImageSpec image) implements Change {
    public ContainerConfig applyTo(ContainerConfig c) {
      return c.withImage(
          new ImageSpec(image.registry(), c.image.path(), image.tag(), image.digest()));
    }
  }

  public record SetResources(String cpu, String memory, String pullPolicy) implements Change {
    public ContainerConfig applyTo(ContainerConfig c) {
      return c.withResources(cpu, memory, pullPolicy);
    }
  }

  /**
   * Whether two ports are the same list element: same number, and protocols equal or one missing
   * (Kubernetes defaults a missing protocol to TCP).
   */
  static boolean samePort(PortSpec a, PortSpec b) {
    return a.containerPort() == b.containerPort()
        && (a.protocol() == null || b.protocol() == null || a.protocol().equals(b.protocol()));
  }
}
