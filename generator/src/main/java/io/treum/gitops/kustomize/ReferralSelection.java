package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which renamed resource a name in a referrer means, by Kustomize's rules ({@code
 * api/filters/nameref} {@code selectReferral}, {@code resmap.SubsetThatCouldBeReferencedByResource}
 * ): only resources with an earlier id of the referenced kind and the referenced name qualify; a
 * namespaced referrer sees cluster-scoped resources, resources of its own namespace, and (a
 * RoleBinding) ServiceAccounts of its subjects' namespaces; among several, those whose name
 * prefixes and suffixes end like the referrer's win; several left are an error unless they all have
 * the same new name (and namespace, where the reference has one).
 */
final class ReferralSelection {
  private final Resource referrer;
  private final Index index;
  private final Predicate<Resource> visible;

  private ReferralSelection(Resource referrer, Index index, Predicate<Resource> visible) {
    this.referrer = referrer;
    this.index = index;
    this.visible = visible;
  }

  /**
   * The resources of a build by earlier name and by original namespace, so that a selection looks
   * at the few resources that once had the name instead of all (a build of thousands of objects
   * stays linear).
   */
  static final class Index {
    private final Map<String, List<Resource>> byPreviousName = new HashMap<>();
    private final Map<String, List<Resource>> byOriginalNamespace = new HashMap<>();

    Index(List<Resource> resources) {
      for (Resource resource : resources) {
        Set<String> names = new HashSet<>();
        for (ResourceId id : resource.previousIds()) {
          if (names.add(id.name())) {
            byPreviousName.computeIfAbsent(id.name(), k -> new ArrayList<>()).add(resource);
          }
        }
        ResourceId original = resource.originalId();
        if (!isClusterScoped(original)) {
          byOriginalNamespace
              .computeIfAbsent(effectiveNamespace(original), k -> new ArrayList<>())
              .add(resource);
        }
      }
    }
  }

  /**
   * The selection for {@code referrer}, which may refer to every resource if cluster-scoped, and
   * otherwise to the cluster-scoped ones, those of its namespace and, for a RoleBinding, those in a
   * namespace of one of its ServiceAccount subjects.
   *
   * @throws KustomizeException when a RoleBinding's ServiceAccount subject has a namespace that is
   *     not a string
   */
  static ReferralSelection forReferrer(Resource referrer, Index index) {
    ResourceId referrerId = referrer.id();
    if (isClusterScoped(referrerId)) {
      return new ReferralSelection(referrer, index, r -> true);
    }
    String namespace = effectiveNamespace(referrerId);
    Set<String> subjectNamespaces = serviceAccountSubjectNamespaces(referrer);
    return new ReferralSelection(
        referrer,
        index,
        r -> {
          ResourceId id = r.id();
          return isClusterScoped(id)
              || effectiveNamespace(id).equals(namespace)
              || subjectNamespaces.contains(id.namespace());
        });
  }

  /**
   * The resource a name field refers to, or {@code null} when none was renamed from that name.
   *
   * @param target the kind (group, version when given) the field refers to
   * @param path the field, for the rules of {@code roleRef/name}
   * @throws KustomizeException when several candidates remain that would give different names
   */
  Resource selectByName(String oldName, BuiltinFieldSpecs.NameReference target, String path) {
    return select(oldName, renamedFrom(oldName), target, path, false);
  }

  /**
   * The resource a map with {@code name} and maybe {@code namespace} refers to (a subject, a
   * webhook's service). With a namespace, the candidates are the resources originally in it or, if
   * none was, those in it now ({@code filterMapCandidatesByNamespace}); several only count as one
   * when they agree in name and namespace.
   */
  Resource selectByNameAndNamespace(
      String oldName, String namespace, BuiltinFieldSpecs.NameReference target, String path) {
    List<Resource> candidates = renamedFrom(oldName);
    if (namespace != null) {
      boolean originallyThere = false;
      for (Resource r : index.byOriginalNamespace.getOrDefault(namespace, List.of())) {
        if (visible.test(r)) {
          originallyThere = true;
          break;
        }
      }
      candidates =
          originallyThere
              ? sieve(candidates, r -> isIn(r.originalId(), namespace))
              : sieve(candidates, r -> isIn(r.id(), namespace));
    }
    return select(oldName, candidates, target, path, true);
  }

  /** Only earlier ids count: a resource never renamed needs no reference rewritten. */
  private List<Resource> renamedFrom(String name) {
    return sieve(index.byPreviousName.getOrDefault(name, List.of()), visible);
  }

  private static boolean isIn(ResourceId id, String namespace) {
    return !isClusterScoped(id) && effectiveNamespace(id).equals(namespace);
  }

  private Resource select(
      String oldName,
      List<Resource> candidates,
      BuiltinFieldSpecs.NameReference target,
      String path,
      boolean withNamespace) {
    List<Resource> left =
        sieve(candidates, r -> hadKind(r, target.group(), target.version(), target.kind()));
    left = sieve(left, roleRefFilter(path));
    left = sieve(left, this::inReferrersNamespace);
    if (left.size() == 1) {
      return left.get(0);
    }
    left = sieve(left, r -> sameAffixes(r, referrer, true));
    if (left.size() > 1) {
      left = sieve(left, r -> sameAffixes(r, referrer, false));
    }
    if (left.size() == 1) {
      return left.get(0);
    }
    if (left.isEmpty()) {
      return null;
    }
    if (allAlike(left, withNamespace)) {
      return left.get(0);
    }
    List<String> ids = new ArrayList<>();
    left.forEach(r -> ids.add(r.id() + " (from " + r.source() + ")"));
    throw new KustomizeException(
        "found multiple possible referrals for '"
            + oldName
            + "': "
            + String.join(", ", ids)
            + "; give them different names or distinct name prefixes/suffixes");
  }

  private static List<Resource> sieve(List<Resource> list, Predicate<Resource> keep) {
    List<Resource> kept = new ArrayList<>();
    for (Resource resource : list) {
      if (keep.test(resource)) {
        kept.add(resource);
      }
    }
    return kept;
  }

  private static boolean hadKind(Resource resource, String group, String version, String kind) {
    for (ResourceId id : resource.previousIds()) {
      if (id.isSelectedBy(group, version, kind)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A {@code roleRef/name} names a Role or a ClusterRole by the {@code apiGroup} and {@code kind}
   * next to it; without them any candidate stays.
   */
  private Predicate<Resource> roleRefFilter(String path) {
    if (!path.endsWith("roleRef/name")) {
      return r -> true;
    }
    JsonNode roleRef = referrer.object().get("roleRef");
    if (roleRef == null || roleRef.isNull()) {
      return r -> true;
    }
    JsonNode apiGroup = roleRef.get("apiGroup");
    JsonNode kind = roleRef.get("kind");
    if (apiGroup == null || kind == null) {
      return r -> true;
    }
    String group = apiGroup.asText();
    String kindName = kind.asText();
    return r -> hadKind(r, group, null, kindName);
  }

  /**
   * A namespaced referrer means a cluster-scoped resource, a ServiceAccount anywhere, or a resource
   * of its own namespace.
   */
  private boolean inReferrersNamespace(Resource candidate) {
    ResourceId referrerId = referrer.id();
    if (isClusterScoped(referrerId)) {
      return true;
    }
    ResourceId id = candidate.id();
    return isClusterScoped(id)
        || id.kind().equals("ServiceAccount")
        || effectiveNamespace(id).equals(effectiveNamespace(referrerId));
  }

  /**
   * Kustomize's {@code PrefixesSuffixesEquals}: the shorter list of prefixes is the end of the
   * longer one, and the same for suffixes; with {@code allowEmpty}, a resource without any matches
   * all.
   */
  static boolean sameAffixes(Resource a, Resource b, boolean allowEmpty) {
    boolean prefixes =
        (allowEmpty && (a.namePrefixes().isEmpty() || b.namePrefixes().isEmpty()))
            || sameEnding(a.namePrefixes(), b.namePrefixes());
    boolean suffixes =
        (allowEmpty && (a.nameSuffixes().isEmpty() || b.nameSuffixes().isEmpty()))
            || sameEnding(a.nameSuffixes(), b.nameSuffixes());
    return prefixes && suffixes;
  }

  private static boolean sameEnding(List<String> a, List<String> b) {
    List<String> shortest = a.size() <= b.size() ? a : b;
    List<String> longest = a.size() <= b.size() ? b : a;
    int diff = longest.size() - shortest.size();
    if (shortest.isEmpty()) {
      return diff == 0;
    }
    for (int i = shortest.size() - 1; i >= 0; i--) {
      if (!longest.get(i + diff).equals(shortest.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean allAlike(List<Resource> resources, boolean withNamespace) {
    ResourceId first = resources.get(0).id();
    for (Resource resource : resources) {
      ResourceId id = resource.id();
      if (!id.name().equals(first.name())
          || (withNamespace && !id.namespace().equals(first.namespace()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The namespaces of a RoleBinding's ServiceAccount subjects (of no other kind: Kustomize asks a
   * RoleBinding only).
   */
  private static Set<String> serviceAccountSubjectNamespaces(Resource referrer) {
    if (!referrer.id().kind().equals("RoleBinding")) {
      return Set.of();
    }
    JsonNode subjects = referrer.object().get("subjects");
    if (subjects == null || !subjects.isArray()) {
      return Set.of();
    }
    Set<String> namespaces = new HashSet<>();
    for (JsonNode subject : subjects) {
      JsonNode namespace = subject.get("namespace");
      JsonNode kind = subject.get("kind");
      if (namespace == null || kind == null || !kind.asText().equals("ServiceAccount")) {
        continue;
      }
      if (!namespace.isTextual()) {
        throw new KustomizeException(
            referrer.source()
                + ": Invalid Input: namespace is blank for resource "
                + referrer.id()
                + ": give every ServiceAccount subject a namespace as a string");
      }
      namespaces.add(namespace.asText());
    }
    return namespaces;
  }

  static boolean isClusterScoped(ResourceId id) {
    return id.isClusterScoped();
  }

  /**
   * Kustomize's {@code EffectiveNamespace}: a marker for cluster-scoped kinds, {@code default} for
   * none.
   */
  static String effectiveNamespace(ResourceId id) {
    return id.effectiveNamespace();
  }
}
