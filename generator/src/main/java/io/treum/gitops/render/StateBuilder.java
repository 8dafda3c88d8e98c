package io.treum.gitops.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.treum.gitops.kustomize.LabelsTransformer;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.NamespaceTransformer;
import io.treum.gitops.model.Definition;
import io.treum.gitops.model.DefinitionException;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.Names;
import io.treum.gitops.model.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Expands a {@link Definition} into the typed state of each environment: every workload's objects
 * as JSON trees, defaulted into the environment's namespace, labelled with the environment's labels
 * the way the overlay's {@code labels:} will label them, and checked for valid names and duplicate
 * ids.
 */
public final class StateBuilder {
  /** A kind: it becomes part of a file name, so nothing but letters and digits. */
  private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,62}");

  /** {@code <version>} or {@code <group>/<version>}, the group a DNS-1123 subdomain. */
  private static final Pattern API_VERSION =
      Pattern.compile(
          "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[a-z0-9]{1,63}");

  private final ManifestYaml yaml;

  public StateBuilder(ManifestYaml yaml) {
    this.yaml = yaml;
  }

  /**
   * Builds the state of every environment (or only those named in {@code only}, if not empty).
   *
   * @throws DefinitionException naming the definition, environment and object at fault
   */
  public List<EnvironmentState> build(Definition definition, Set<String> only) {
    String definitionName = definition.getClass().getName();
    List<Environment> environments =
        call(definitionName, "environments()", definition::environments);
    if (environments == null || environments.isEmpty()) {
      throw new DefinitionException(
          definitionName + ".environments() returned no environment: return at least one");
    }
    Set<String> names = new HashSet<>();
    for (Environment environment : environments) {
      if (environment == null) {
        throw new DefinitionException(
            definitionName
                + ".environments() returned a list with a null entry: build every environment"
                + " with Environment.named(…).build()");
      }
      if (!names.add(environment.name())) {
        throw new DefinitionException(
            definitionName
                + ".environments() returns two environments named '"
                + environment.name()
                + "': give each a unique name");
      }
    }
    for (String wanted : only) {
      if (!names.contains(wanted)) {
        throw new DefinitionException(
            "treum.environments names '"
                + wanted
                + "', which "
                + definitionName
                + " does not define; defined: "
                + new java.util.TreeSet<>(names));
      }
    }
    List<EnvironmentState> states = new ArrayList<>();
    for (Environment environment : environments) {
      if (only.isEmpty() || only.contains(environment.name())) {
        states.add(buildOne(definition, definitionName, environment));
      }
    }
    return states;
  }

  private EnvironmentState buildOne(Definition definition, String definitionName, Environment env) {
    String where = definitionName + ".workloads(" + env.name() + ")";
    List<Workload> workloads =
        call(definitionName, "workloads(" + env.name() + ")", () -> definition.workloads(env));
    if (workloads == null) {
      throw new DefinitionException(where + " returned null: return a list (maybe empty)");
    }
    LabelsTransformer labels = new LabelsTransformer(env.labels(), true);
    TreeMap<ResourceKey, TypedObject> objects = new TreeMap<>();
    // Kustomize's ids: a namespace of "default" is the same as none.
    Map<ResourceKey, TypedObject> byKustomizeId = new HashMap<>();
    Map<String, String> workloadNames = new HashMap<>();
    for (Workload workload : workloads) {
      if (workload == null) {
        throw new DefinitionException(
            where + " returned a list with a null workload: remove it or build the workload");
      }
      String workloadName =
          call(definitionName, "name() of a workload in environment " + env.name(), workload::name);
      Names.requireDns1123Label(workloadName, "workload name in " + where);
      if (workloadNames.put(workloadName, workloadName) != null) {
        throw new DefinitionException(
            where + " returns two workloads named '" + workloadName + "': rename one");
      }
      String source =
          workload.getClass().getSimpleName().isEmpty()
              ? where + " → " + workloadName
              : where + " → " + workload.getClass().getSimpleName() + " " + workloadName;
      List<HasMetadata> resources =
          call(
              definitionName,
              "workload '" + workloadName + "' in environment " + env.name(),
              workload::resources);
      if (resources == null) {
        throw new DefinitionException(
            source + ": resources() returned null: return a list of objects (maybe empty)");
      }
      for (HasMetadata resource : resources) {
        ObjectNode tree = toTree(resource, source);
        String kind = tree.path("kind").asText();
        if (!tree.path("metadata").has("namespace")
            && env.namespace().isPresent()
            && !NamespaceTransformer.CLUSTER_SCOPED.contains(kind)) {
          tree.with("metadata").put("namespace", env.namespace().get());
        }
        labels.apply(tree);
        TypedObject object = new TypedObject(workloadName, source, tree);
        ResourceKey key = object.key();
        TypedObject previous = objects.put(key, object);
        if (previous == null) {
          previous = byKustomizeId.put(kustomizeId(key), object);
        }
        if (previous != null) {
          throw new DefinitionException(
              "duplicate object "
                  + key
                  + " in environment "
                  + env.name()
                  + (previous.key().equals(key)
                      ? ""
                      : " (Kustomize takes namespace 'default' and no namespace as the same)")
                  + ": produced by "
                  + previous.source()
                  + " and by "
                  + source
                  + "; give one another name");
        }
      }
    }
    return new EnvironmentState(env, objects);
  }

  private static ResourceKey kustomizeId(ResourceKey key) {
    return key.namespace().equals("default")
        ? new ResourceKey(key.apiVersion(), key.kind(), "", key.name())
        : key;
  }

  private ObjectNode toTree(HasMetadata resource, String source) {
    if (resource == null) {
      throw new DefinitionException(source + " returned a null object");
    }
    ObjectNode tree;
    try {
      tree = yaml.toTree(resource);
    } catch (IllegalArgumentException e) {
      throw new DefinitionException(
          source + ": cannot serialize " + resource.getClass() + ": " + e.getMessage(), e);
    }
    String what = source + ": " + resource.getClass().getSimpleName();
    if (!tree.path("apiVersion").isTextual()
        || !tree.path("kind").isTextual()
        || tree.path("apiVersion").asText().isEmpty()
        || tree.path("kind").asText().isEmpty()) {
      throw new DefinitionException(what + " has no apiVersion or kind: set both");
    }
    String kind = tree.path("kind").asText();
    if (!KIND.matcher(kind).matches()) {
      throw new DefinitionException(
          what
              + " has the invalid kind '"
              + kind
              + "': a kind is a CamelCase word of letters and digits, like Deployment");
    }
    String apiVersion = tree.path("apiVersion").asText();
    if (!API_VERSION.matcher(apiVersion).matches()) {
      throw new DefinitionException(
          what
              + " "
              + kind
              + " has the invalid apiVersion '"
              + apiVersion
              + "': use <version> or <group>/<version>, like v1 or apps/v1");
    }
    String name = tree.path("metadata").path("name").asText("");
    if (!Names.isDns1123Subdomain(name)) {
      throw new DefinitionException(
          what
              + " "
              + tree.path("kind").asText()
              + " has the invalid name '"
              + name
              + "': use lower-case letters, digits, '-' and '.', at most 253 characters,"
              + " starting and ending with a letter or digit");
    }
    String namespace = tree.path("metadata").path("namespace").asText("");
    if (!namespace.isEmpty() && !Names.isDns1123Label(namespace)) {
      throw new DefinitionException(
          what
              + " "
              + name
              + " has the invalid namespace '"
              + namespace
              + "': use a DNS-1123 label");
    }
    return tree;
  }

  /**
   * Calls into the definition; anything it throws but a {@link DefinitionException} becomes one
   * that names the definition and the call.
   */
  static <T> T call(String definition, String what, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (DefinitionException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw new DefinitionException(
          definition
              + " threw "
              + e.getClass().getSimpleName()
              + " in "
              + what
              + ": "
              + e.getMessage()
              + " — fix the definition",
          e);
    }
  }
}
