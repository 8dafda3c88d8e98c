package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Kustomize's {@code namePrefix} and {@code nameSuffix} ({@code PrefixTransformer} then {@code
 * SuffixTransformer}, {@code api/filters/prefix}, {@code api/filters/suffix}): adds the prefix,
 * then the suffix, at the {@code namePrefix}/{@code nameSuffix} field specs ({@code metadata/name})
 * of every resource except CustomResourceDefinitions, APIServices and Namespaces, as Kustomize
 * decides by the resource's original id. Each renamed resource remembers its id before the change
 * and records the prefix or suffix, which {@link NameReferenceFixer} uses to rewrite references and
 * to tell apart same-named targets of different kustomizations.
 */
public final class NamePrefixSuffixTransformer {
  private static final String NAME = "metadata/name";

  private final String prefix;
  private final String suffix;

  /** An empty prefix or suffix leaves names alone. */
  public NamePrefixSuffixTransformer(String prefix, String suffix) {
    this.prefix = prefix == null ? "" : prefix;
    this.suffix = suffix == null ? "" : suffix;
  }

  /**
   * Renames the resources in place.
   *
   * @throws KustomizeException when a field spec's path leads to a map or list instead of a name
   */
  public void apply(ResourceSet resources) {
    // Kustomize runs the prefix over every resource before the suffix; each stores the id it
    // changes, so a resource with both has two earlier ids.
    if (!prefix.isEmpty()) {
      pass(resources, BuiltinFieldSpecs.get().section("namePrefix"), true);
    }
    if (!suffix.isEmpty()) {
      pass(resources, BuiltinFieldSpecs.get().section("nameSuffix"), false);
    }
  }

  private void pass(ResourceSet resources, List<FieldSpec> specs, boolean isPrefix) {
    String affix = isPrefix ? prefix : suffix;
    UnaryOperator<String> rename = isPrefix ? name -> affix + name : name -> name + affix;
    for (Resource resource : resources) {
      ResourceId original = resource.originalId();
      if (isSkipped(original)) {
        continue;
      }
      for (FieldSpec spec : specs) {
        if (!original.isSelectedBy(spec.group(), spec.version(), spec.kind())) {
          continue;
        }
        if (spec.path().equals(NAME)) {
          if (isPrefix) {
            resource.addNamePrefix(affix);
          } else {
            resource.addNameSuffix(affix);
          }
          resource.rememberId();
        }
        if (!spec.selects(
            resource.object().path("apiVersion").asText(""),
            resource.object().path("kind").asText(""))) {
          continue;
        }
        new FieldSpecWalker(spec)
            .walk(
                resource.object(),
                slot ->
                    slot.set(TextNode.valueOf(rename.apply(scalar(slot.value(), spec, resource)))));
      }
    }
  }

  /** Kustomize's skip list, matched against the original group and kind. */
  static boolean isSkipped(ResourceId original) {
    return switch (original.kind()) {
      case "CustomResourceDefinition", "Namespace" -> true;
      case "APIService" -> original.group().equals("apiregistration.k8s.io");
      default -> false;
    };
  }

  private static String scalar(JsonNode value, FieldSpec spec, Resource resource) {
    if (value == null || value.isNull()) {
      return "";
    }
    if (value.isContainerNode()) {
      throw new KustomizeException(
          resource.source()
              + ": considering field '"
              + spec.path()
              + "' of object "
              + resource.id()
              + ": wrong node kind: expected a name but got a "
              + (value.isArray() ? "list" : "map"));
    }
    return value.asText();
  }
}
