package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A patch {@code target}, as Kustomize's {@code ResMap.Select}: group, version and kind match
 * exactly; name and namespace are anchored regular expressions matched against the resource's
 * original and current id (an empty namespace counts as {@code default}, a cluster-scoped kind has
 * Kustomize's stand-in {@code _non_namespaceable_}); label and annotation selectors use Kubernetes
 * selector syntax.
 */
public final class TargetSelector {
  static final Set<String> FIELDS =
      Set.of(
          "group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector");

  /** Most steps a name or namespace expression may take on one value. */
  private static final int MAX_REGEX_STEPS = 1_000_000;

  private final String group;
  private final String version;
  private final String kind;
  private final Pattern name;
  private final Pattern namespace;
  private final String nameExpression;
  private final String namespaceExpression;
  private final LabelSelector labels;
  private final LabelSelector annotations;
  private final String source;

  /** Parses a target; {@code source} names the file for messages. */
  public TargetSelector(JsonNode target, String source) {
    this.source = source;
    if (!target.isObject()) {
      throw new KustomizeException(source + ": target " + target + " must be a map");
    }
    target
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (!FIELDS.contains(field)) {
                throw new KustomizeException(
                    source
                        + ": target field '"
                        + field
                        + "' is not a Kustomize selector field "
                        + new java.util.TreeSet<>(FIELDS));
              }
            });
    this.group = text(target, "group");
    this.version = text(target, "version");
    this.kind = text(target, "kind");
    this.nameExpression = text(target, "name");
    this.namespaceExpression = text(target, "namespace");
    this.name = compile(nameExpression, "name");
    this.namespace = compile(namespaceExpression, "namespace");
    this.labels = LabelSelector.parse(text(target, "labelSelector"), source);
    this.annotations = LabelSelector.parse(text(target, "annotationSelector"), source);
  }

  /** Whether the target selects the resource. */
  public boolean selects(Resource resource) {
    ResourceId current = resource.id();
    ResourceId original = resource.originalId();
    if (namespace != null
        && !matches(
            namespace,
            namespaceExpression,
            "namespace",
            ReferralSelection.effectiveNamespace(original))
        && !matches(
            namespace,
            namespaceExpression,
            "namespace",
            ReferralSelection.effectiveNamespace(current))) {
      return false;
    }
    if (name != null
        && !matches(name, nameExpression, "name", original.name())
        && !matches(name, nameExpression, "name", current.name())) {
      return false;
    }
    if ((group != null && !group.equals(current.group()))
        || (version != null && !version.equals(current.version()))
        || (kind != null && !kind.equals(current.kind()))) {
      return false;
    }
    JsonNode metadata = resource.object().path("metadata");
    return (labels == null || labels.matches(metadata.path("labels")))
        && (annotations == null || annotations.matches(metadata.path("annotations")));
  }

  /** The resources of the set the target selects. */
  public List<Resource> select(ResourceSet resources) {
    List<Resource> selected = new ArrayList<>();
    for (Resource resource : resources) {
      if (selects(resource)) {
        selected.add(resource);
      }
    }
    return selected;
  }

  private Pattern compile(String expression, String field) {
    if (expression == null) {
      return null;
    }
    try {
      return Pattern.compile("^(?:" + expression + ")$");
    } catch (PatternSyntaxException e) {
      throw new KustomizeException(
          source
              + ": target "
              + field
              + " '"
              + expression
              + "' is not a valid regular expression: "
              + e.getDescription(),
          e);
    }
  }

  private boolean matches(Pattern pattern, String expression, String field, String value) {
    try {
      return pattern.matcher(new BoundedCharSequence(value, MAX_REGEX_STEPS)).matches();
    } catch (BoundedCharSequence.TooManySteps e) {
      // Kustomize's expressions (Go RE2) run in linear time; Java's may backtrack for ever.
      throw new KustomizeException(
          source
              + ": target "
              + field
              + " '"
              + expression
              + "' takes too long to match '"
              + value
              + "'; simplify the expression",
          e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }

  /** A string that stops a regular expression match after a number of character reads. */
  private static final class BoundedCharSequence implements CharSequence {
    private final String value;
    private final int[] steps;
    private final int limit;

    BoundedCharSequence(String value, int limit) {
      this(value, new int[1], limit);
    }

    private BoundedCharSequence(String value, int[] steps, int limit) {
      this.value = value;
      this.steps = steps;
      this.limit = limit;
    }

    @Override
    public char charAt(int index) {
      if (++steps[0] > limit) {
        throw new TooManySteps();
      }
      return value.charAt(index);
    }

    @Override
    public int length() {
      return value.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new BoundedCharSequence(value.substring(start, end), steps, limit);
    }

    @Override
    public String toString() {
      return value;
    }

    static final class TooManySteps extends RuntimeException {
      TooManySteps() {
        super(null, null, false, false);
      }
    }
  }
}
