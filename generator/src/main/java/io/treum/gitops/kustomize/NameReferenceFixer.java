package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.treum.gitops.kustomize.BuiltinFieldSpecs.NameReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Kustomize's name back-references ({@code ResAccumulator.FixBackReferences}, {@code
 * namereferencetransformer.go}, {@code api/filters/nameref}), run once on the top-level build after
 * the hash suffixes: wherever a built-in name-reference field of a resource holds the earlier name
 * of a resource that prefixes, suffixes, a namespace or a content hash renamed, it gets the new
 * name; {@link ReferralSelection} decides which resource a name means. A field holding a map (a
 * RoleBinding subject, a webhook's service) takes the new namespace too. Fields of custom resources
 * are left alone: the built-in field specs name only Kubernetes kinds.
 */
public final class NameReferenceFixer {
  /** Kustomize's {@code Gvk.IsLessThan}: the legacy kind ranks, then group, version and kind. */
  private static final Comparator<NameReference> KIND_ORDER =
      new Comparator<>() {
        private final Map<String, Integer> ranks = ranks();

        @Override
        public int compare(NameReference a, NameReference b) {
          int ra = ranks.getOrDefault(a.kind(), 0);
          int rb = ranks.getOrDefault(b.kind(), 0);
          return ra != rb ? Integer.compare(ra, rb) : sortString(a).compareTo(sortString(b));
        }

        private static String sortString(NameReference r) {
          return (r.group() == null ? "~G" : r.group())
              + "_"
              + (r.version() == null ? "~V" : r.version())
              + "_"
              + (r.kind() == null ? "~K" : r.kind());
        }

        private static Map<String, Integer> ranks() {
          Map<String, Integer> ranks = new HashMap<>();
          List<String> first = LegacyResourceOrder.FIRST;
          List<String> last = LegacyResourceOrder.LAST;
          for (int i = 0; i < first.size(); i++) {
            ranks.put(first.get(i), -first.size() + i);
          }
          for (int i = 0; i < last.size(); i++) {
            ranks.put(last.get(i), 1 + i);
          }
          return ranks;
        }
      };

  /** Each referrer field with the kind it refers to, in Kustomize's order. */
  private final List<Field> fields;

  public NameReferenceFixer() {
    // Kustomize merges its configuration before use, which sorts the referenced kinds; the order
    // shows when one field is listed for several kinds (a Role's resourceNames).
    List<NameReference> sorted = new ArrayList<>(BuiltinFieldSpecs.get().nameReferences());
    sorted.sort(KIND_ORDER);
    List<Field> all = new ArrayList<>();
    for (NameReference reference : sorted) {
      for (FieldSpec spec : reference.referrers()) {
        // the spec's kind selects referrers; the walk itself takes any object
        all.add(new Field(reference, spec, new FieldSpecWalker(FieldSpec.any(spec.path(), false))));
      }
    }
    this.fields = List.copyOf(all);
  }

  private record Field(NameReference target, FieldSpec spec, FieldSpecWalker walker) {}

  /**
   * Rewrites the references in place and notes on each referred-to resource who refers to it.
   *
   * @throws KustomizeException when a name could mean several renamed resources, or a field the
   *     specs name as a reference is not one
   */
  public void apply(ResourceSet resources) {
    List<Resource> all = resources.list();
    ReferralSelection.Index index = new ReferralSelection.Index(all);
    Map<String, List<Field>> fieldsByKind = new HashMap<>();
    for (Resource referrer : all) {
      // Kustomize picks referrers by their original id.
      ResourceId original = referrer.originalId();
      ReferralSelection selection = null;
      for (Field field : fieldsByKind.computeIfAbsent(original.kind(), this::fieldsOfKind)) {
        if (!original.isSelectedBy(
            field.spec().group(), field.spec().version(), field.spec().kind())) {
          continue;
        }
        if (selection == null) {
          selection = ReferralSelection.forReferrer(referrer, index);
        }
        new Update(referrer, selection, field.target(), field.spec(), field.walker()).run();
      }
    }
  }

  private List<Field> fieldsOfKind(String kind) {
    List<Field> found = new ArrayList<>();
    for (Field field : fields) {
      if (field.spec().kind() == null || field.spec().kind().equals(kind)) {
        found.add(field);
      }
    }
    return found;
  }

  /** One referrer field for one referenced kind. */
  private record Update(
      Resource referrer,
      ReferralSelection selection,
      NameReference target,
      FieldSpec field,
      FieldSpecWalker walker) {

    void run() {
      try {
        walker.walk(referrer.object(), this::set);
      } catch (KustomizeException e) {
        throw new KustomizeException(
            referrer.source()
                + ": updating name reference in '"
                + field.path()
                + "' field of "
                + referrer.id()
                + ": "
                + e.getMessage(),
            e);
      }
    }

    private void set(FieldSpecWalker.Slot slot) {
      JsonNode value = slot.value();
      if (value == null || value.isNull()) {
        return;
      }
      if (value instanceof ObjectNode map) {
        setMapping(map);
      } else if (value instanceof ArrayNode list) {
        for (int i = 0; i < list.size(); i++) {
          JsonNode element = list.get(i);
          if (element.isNull()) {
            continue;
          }
          if (element instanceof ObjectNode map) {
            setMapping(map);
          } else if (element.isValueNode()) {
            int index = i;
            setScalar(element, renamed -> list.set(index, renamed));
          } else {
            throw new KustomizeException(
                element + " is expected to be either a string or a map of string");
          }
        }
      } else {
        setScalar(value, slot::set);
      }
    }

    private void setScalar(JsonNode value, Consumer<JsonNode> replace) {
      String oldName = value.asText();
      Resource referral = selection.selectByName(oldName, target, field.path());
      if (referral == null) {
        return;
      }
      referral.referencedBy().add(referrer.id());
      String newName = referral.id().name();
      if (!newName.equals(oldName)) {
        replace.accept(TextNode.valueOf(newName));
      }
    }

    /** A map with {@code name} and maybe {@code namespace}: both come from the referral. */
    private void setMapping(ObjectNode map) {
      JsonNode nameNode = map.get("name");
      if (nameNode == null) {
        throw new KustomizeException("path config error; no 'name' field in node");
      }
      JsonNode namespaceNode = map.get("namespace");
      String oldName = nameNode.asText();
      Resource referral =
          selection.selectByNameAndNamespace(
              oldName, namespaceNode == null ? null : namespaceNode.asText(), target, field.path());
      if (referral == null) {
        return;
      }
      referral.referencedBy().add(referrer.id());
      ResourceId id = referral.id();
      if (id.name().equals(oldName) && id.namespace().isEmpty()) {
        return;
      }
      map.put("name", id.name());
      // An empty namespace is a wild card here, not "default": it does not replace one.
      if (!id.namespace().isEmpty()) {
        map.put("namespace", id.namespace());
      }
    }
  }
}
