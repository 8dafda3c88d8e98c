package io.treum.gitops.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.model.ArgoCd;
import io.treum.gitops.model.Environment;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code argocd/} folder: one {@code AppProject} and one {@code Application} per environment,
 * as {@code argoproj.io/v1alpha1} objects. Each Application builds {@code overlays/<env>} of the
 * repository's branch into its environment's destination, synced as the definition says. The
 * project allows exactly what the overlays hold: the repository, each environment's destination
 * with the namespaces its objects use, and the kinds of its cluster-scoped objects.
 *
 * <p>The folder is not a Kustomize resource of any overlay; apply it once ({@code kubectl apply -f
 * argocd/}) or point a bootstrap Application at it.
 */
final class ArgoCdApplications {
  static final String FOLDER = "argocd";
  static final String API_VERSION = "argoproj.io/v1alpha1";

  private ArgoCdApplications() {}

  /**
   * The objects by file path ({@code argocd/appproject-<project>.yaml}, {@code
   * argocd/application-<project>-<env>.yaml}).
   *
   * @param states every environment of the definition, in its order
   */
  static SortedMap<String, ObjectNode> objects(ArgoCd argoCd, List<EnvironmentState> states) {
    SortedMap<String, ObjectNode> files = new TreeMap<>();
    files.put(FOLDER + "/appproject-" + argoCd.project() + ".yaml", project(argoCd, states));
    for (EnvironmentState state : states) {
      Environment environment = state.environment();
      files.put(
          FOLDER + "/application-" + argoCd.applicationName(environment) + ".yaml",
          application(argoCd, environment));
    }
    return files;
  }

  private static ObjectNode project(ArgoCd argoCd, List<EnvironmentState> states) {
    ObjectNode project = header("AppProject", argoCd.project(), argoCd.namespace());
    ObjectNode spec = project.putObject("spec");
    spec.putArray("sourceRepos").add(argoCd.repository());
    // Sorted and without duplicates: two environments may share a cluster.
    SortedSet<List<String>> destinations = new TreeSet<>(ArgoCdApplications::compareLists);
    SortedSet<List<String>> clusterKinds = new TreeSet<>(ArgoCdApplications::compareLists);
    for (EnvironmentState state : states) {
      ArgoCd.Destination destination = argoCd.destination(state.environment());
      String key = destination.name() != null ? "name" : "server";
      String cluster = destination.name() != null ? destination.name() : destination.server();
      SortedSet<String> namespaces = new TreeSet<>();
      state.environment().namespace().ifPresent(namespaces::add);
      for (TypedObject object : state.objects().values()) {
        ResourceKey id = object.key();
        if (!id.namespace().isEmpty()) {
          namespaces.add(id.namespace());
        } else {
          clusterKinds.add(List.of(id.group(), id.kind()));
          if (id.kind().equals("Namespace") && id.group().isEmpty()) {
            namespaces.add(id.name());
          }
        }
      }
      namespaces.forEach(namespace -> destinations.add(List.of(key, cluster, namespace)));
    }
    ArrayNode allowed = spec.putArray("destinations");
    for (List<String> destination : destinations) {
      allowed
          .addObject()
          .put(destination.get(0), destination.get(1))
          .put("namespace", destination.get(2));
    }
    if (!clusterKinds.isEmpty()) {
      ArrayNode whitelist = spec.putArray("clusterResourceWhitelist");
      clusterKinds.forEach(
          kind -> whitelist.addObject().put("group", kind.get(0)).put("kind", kind.get(1)));
    }
    return project;
  }

  private static ObjectNode application(ArgoCd argoCd, Environment environment) {
    ObjectNode application =
        header("Application", argoCd.applicationName(environment), argoCd.namespace());
    if (!environment.labels().isEmpty()) {
      ObjectNode labels = ((ObjectNode) application.get("metadata")).putObject("labels");
      environment.labels().forEach(labels::put);
    }
    ObjectNode spec = application.putObject("spec");
    spec.put("project", argoCd.project());
    ObjectNode source = spec.putObject("source");
    source.put("repoURL", argoCd.repository());
    source.put("targetRevision", argoCd.branch());
    source.put("path", argoCd.overlayPath(environment));
    ArgoCd.Destination destination = argoCd.destination(environment);
    ObjectNode target = spec.putObject("destination");
    if (destination.name() != null) {
      target.put("name", destination.name());
    } else {
      target.put("server", destination.server());
    }
    // The default namespace of objects without one; treum puts every object into its namespace.
    environment.namespace().ifPresent(namespace -> target.put("namespace", namespace));
    ArgoCd.SyncPolicy sync = argoCd.syncPolicy(environment);
    if (sync.automatic()) {
      ObjectNode automated = spec.putObject("syncPolicy").putObject("automated");
      automated.put("prune", sync.prune());
      automated.put("selfHeal", sync.selfHeal());
    }
    return application;
  }

  private static ObjectNode header(String kind, String name, String namespace) {
    ObjectNode object = ManifestYaml.newObject();
    object.put("apiVersion", API_VERSION);
    object.put("kind", kind);
    object.putObject("metadata").put("name", name).put("namespace", namespace);
    return object;
  }

  private static int compareLists(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int order = a.get(i).compareTo(b.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
