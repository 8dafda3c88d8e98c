package io.treum.gitops.testing.gen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.model.Environment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random resources with random strategic-merge patches, for checking treum's Kustomize builder
 * against kustomize on patches the renderer would never write: {@code $patch} directives on maps,
 * lists and elements, nulls, list elements in any order, elements without their merge key, type
 * changes.
 */
public final class PatchArbitraries {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ManifestYaml YAML = new ManifestYaml();
  private static final Environment ENVIRONMENT =
      new EnvSpec(
              "production",
              "shop",
              java.util.Map.of(),
              DefinitionArbitraries.REGISTRIES.get(0),
              true,
              true)
          .toEnvironment();

  /**
   * A resource and a patch for it.
   *
   * @param seed the seed the patch was drawn with
   */
  public record PatchCase(ObjectNode resource, ObjectNode patch, long seed) {
    @Override
    public String toString() {
      return "resource:\n"
          + YAML.write(resource)
          + "patch (seed "
          + seed
          + "):\n"
          + YAML.write(patch);
    }
  }

  private PatchArbitraries() {}

  /** A resource of any kind the definitions use, and a random patch of it. */
  public static Arbitrary<PatchCase> cases(MergeSchema schema) {
    Arbitrary<HasMetadata> resource =
        Arbitraries.oneOf(
            DefinitionArbitraries.rawPod(false).map(c -> c.build("app", ENVIRONMENT)),
            DefinitionArbitraries.rawPod(true).map(c -> c.build("app", ENVIRONMENT)),
            DefinitionArbitraries.service().map(c -> c.build("app")),
            DefinitionArbitraries.customResource().map(c -> c.build("app")));
    return Combinators.combine(resource, Arbitraries.longs())
        .as(
            (object, seed) -> {
              ObjectNode tree = YAML.toTree(object);
              return new PatchCase(tree, patch(tree, schema, new Random(seed)), seed);
            });
  }

  static ObjectNode patch(ObjectNode resource, MergeSchema schema, Random random) {
    MergeSchema.Node node =
        schema.forResource(resource.path("apiVersion").asText(), resource.path("kind").asText());
    ObjectNode patch = NODES.objectNode();
    patch.set("apiVersion", resource.get("apiVersion"));
    patch.set("kind", resource.get("kind"));
    ObjectNode metadata = patch.putObject("metadata");
    metadata.set("name", resource.path("metadata").get("name"));
    if (resource.path("metadata").has("namespace")) {
      metadata.set("namespace", resource.path("metadata").get("namespace"));
    }
    JsonNode spec = resource.get("spec");
    if (spec != null) {
      JsonNode specPatch = change(spec, node == null ? null : node.field("spec"), random, 0, false);
      if (specPatch != null) {
        patch.set("spec", specPatch);
      }
    }
    if (random.nextInt(4) == 0) {
      metadata.putObject("labels").put("patched", "yes").putNull("missing");
    }
    return patch;
  }

  /** A patch for {@code base}, or null for none. */
  private static JsonNode change(
      JsonNode base, MergeSchema.Node node, Random random, int depth, boolean replaced) {
    if (base.isObject()) {
      return changeMap((ObjectNode) base, node, random, depth, replaced);
    }
    if (base.isArray()) {
      return changeList((ArrayNode) base, node, random, depth, replaced);
    }
    return replacement(base, random);
  }

  /**
   * A new value of the same type. kyaml keeps the YAML style of the scalar it replaces, so a quoted
   * base value would turn a patch's number into a string; treum's trees carry no YAML styles and
   * the renderer never overrides a base scalar, so the property leaves that quirk out.
   */
  private static JsonNode replacement(JsonNode base, Random random) {
    if (base.isIntegralNumber()) {
      return NODES.numberNode(random.nextInt(100));
    }
    if (base.isBoolean()) {
      return NODES.booleanNode(random.nextBoolean());
    }
    if (base.isNull()) {
      return random.nextBoolean() ? NODES.nullNode() : NODES.textNode("v" + random.nextInt(5));
    }
    return NODES.textNode("v" + random.nextInt(5));
  }

  private static JsonNode changeMap(
      ObjectNode base, MergeSchema.Node node, Random random, int depth, boolean replaced) {
    ObjectNode patch = NODES.objectNode();
    // A replaced map keeps what the patch says; a type change in it would make a broken object,
    // which kustomize's name-reference transformer (not modelled by treum) rejects.
    String directive =
        depth > 0 && random.nextInt(30) == 0 ? (random.nextBoolean() ? "replace" : "delete") : null;
    List<String> names = new ArrayList<>();
    base.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (random.nextInt(10) >= 5) {
        continue;
      }
      JsonNode child = base.get(name);
      int choice = random.nextInt(20);
      if (choice == 0) {
        patch.putNull(name);
      } else if (choice == 1 && depth > 0 && directive == null && !replaced) {
        // a type change (map or list to scalar); kustomize and treum must both fail
        if (child.isContainerNode()) {
          patch.set(name, scalar(random));
        }
      } else {
        JsonNode changed =
            change(
                child,
                node == null ? null : node.field(name),
                random,
                depth + 1,
                replaced || directive != null);
        if (changed != null) {
          patch.set(name, changed);
        }
      }
    }
    if (random.nextInt(5) == 0) {
      patch.set("added" + random.nextInt(3), value(random, 2));
    }
    if (directive != null) {
      patch.put("$patch", directive);
    }
    return patch.isEmpty() && random.nextBoolean() ? null : patch;
  }

  private static JsonNode changeList(
      ArrayNode base, MergeSchema.Node node, Random random, int depth, boolean replaced) {
    boolean merged = node != null && node.isMergeList();
    List<String> keys = merged ? node.mergeKeys() : List.of();
    ArrayNode patch = NODES.arrayNode();
    if (!merged || keys.isEmpty()) {
      List<JsonNode> elements = new ArrayList<>();
      base.forEach(elements::add);
      Collections.shuffle(elements, random);
      elements
          .subList(0, random.nextInt(elements.size() + 1))
          .forEach(e -> patch.add(e.deepCopy()));
      if (random.nextInt(3) == 0 && !base.isEmpty()) {
        // a new element shaped like the others (a list of a different shape is a broken object
        // that kustomize's name-reference transformer rejects, which treum does not model)
        JsonNode model = base.get(random.nextInt(base.size()));
        if (model instanceof ObjectNode object) {
          ObjectNode added = object.deepCopy();
          added.put("added", "v" + random.nextInt(3));
          patch.add(added);
        } else {
          patch.add(replacement(model, random));
        }
      }
      return patch;
    }
    List<JsonNode> elements = new ArrayList<>();
    base.forEach(elements::add);
    Collections.shuffle(elements, random);
    for (JsonNode element : elements) {
      int choice = random.nextInt(10);
      if (choice < 3) {
        continue;
      }
      ObjectNode entry = NODES.objectNode();
      for (String key : keys) {
        if (element.has(key) && (random.nextInt(8) != 0 || key.equals(keys.get(0)))) {
          entry.set(key, element.get(key));
        }
      }
      if (choice == 3) {
        entry.put("$patch", "delete");
      } else if (choice > 6) {
        // elements of a merged list are only replaced with a list directive: count it as one
        JsonNode changes = change(element, node.elements(), random, depth + 1, true);
        if (changes instanceof ObjectNode object) {
          object.fields().forEachRemaining(f -> entry.set(f.getKey(), f.getValue()));
        }
      }
      patch.add(entry);
    }
    if (!base.isEmpty() && random.nextInt(3) == 0) {
      ObjectNode added = base.get(random.nextInt(base.size())).deepCopy();
      JsonNode first = added.get(keys.get(0));
      if (first != null && first.isNumber()) {
        added.put(keys.get(0), first.asInt() + 1 + random.nextInt(3));
      } else {
        added.put(keys.get(0), "added-" + random.nextInt(3));
      }
      if (keys.size() > 1 && random.nextBoolean()) {
        added.remove(keys.get(1));
      }
      patch.insert(random.nextInt(patch.size() + 1), added);
    }
    if (random.nextInt(25) == 0) {
      patch.insert(0, NODES.objectNode().put("$patch", "replace"));
    }
    if (random.nextInt(40) == 0) {
      patch.add(NODES.objectNode().put("unkeyed", "element"));
    }
    return patch;
  }

  private static JsonNode scalar(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> NODES.numberNode(random.nextInt(100));
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.textNode("");
      default -> NODES.textNode("v" + random.nextInt(5));
    };
  }

  private static JsonNode value(Random random, int depth) {
    if (depth == 0 || random.nextBoolean()) {
      return scalar(random);
    }
    if (random.nextBoolean()) {
      ObjectNode map = NODES.objectNode();
      for (int i = random.nextInt(3); i > 0; i--) {
        map.set("k" + random.nextInt(4), value(random, depth - 1));
      }
      return map;
    }
    ArrayNode list = NODES.arrayNode();
    for (int i = random.nextInt(3); i > 0; i--) {
      list.add(value(random, depth - 1));
    }
    return list;
  }
}
