package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kustomize's {@code images} entries: each rewrites the {@code image} of every element of every
 * {@code containers} and {@code initContainers} list anywhere in a resource (CRDs excepted) whose
 * repository matches its {@code name} exactly, then once more through the built-in field specs
 * (which also cover image-volume references). The entries run in order, each on what the ones
 * before it left. Like Kustomize it fails on a resource where those paths run into a scalar, a
 * container that is not a map, or an image that is not a scalar, whatever the entries' names.
 *
 * <p>Kustomize runs every entry over every resource; treum visits each image of a resource once,
 * looks up the entries that can match it ({@link ImageNameIndex}) and applies those in order, which
 * gives the same result because an image is rewritten from its own value alone.
 */
public final class ImagesTransformer {
  /** Kustomize's built-in {@code images} field specs. */
  private static final List<FieldSpec> FIELD_SPECS =
      List.of(
          FieldSpec.any("spec/containers[]/image", false),
          FieldSpec.any("spec/initContainers[]/image", false),
          FieldSpec.any("spec/volumes[]/image/reference", false),
          FieldSpec.any("spec/template/spec/containers[]/image", false),
          FieldSpec.any("spec/template/spec/initContainers[]/image", false),
          FieldSpec.any("spec/template/spec/volumes[]/image/reference", false));

  /** An entry no image of a resource is expected to match, to see what any entry does. */
  private static final ImageEntry NO_MATCH =
      new ImageEntry("treum.invalid/none", null, "none", null, null);

  /**
   * What an image name may contain. Kustomize puts the name unquoted into a regular expression, so
   * anything beyond a repository's characters (where only {@code .} is special) would be an
   * expression that Go and Java read differently, or one that takes exponential time in Java.
   */
  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9._/:-]+");

  /** An entry, empty fields as {@code null}, with Kustomize's expression for its name. */
  private record Rule(ImageEntry entry, Pattern matcher) {
    boolean matches(String image) {
      return matcher.matcher(image).matches();
    }
  }

  private final List<Rule> rules = new ArrayList<>();
  private final ImageNameIndex index;

  /**
   * @throws KustomizeException when an entry has no name or the name is not a repository
   */
  public ImagesTransformer(List<ImageEntry> entries) {
    List<String> names = new ArrayList<>();
    for (ImageEntry entry : entries) {
      if (entry.name() == null || entry.name().isEmpty()) {
        throw new KustomizeException(
            "images entry " + describe(entry) + " has no name: set name to the image repository");
      }
      if (!REPOSITORY.matcher(entry.name()).matches()) {
        throw new KustomizeException(
            "images entry name '"
                + entry.name()
                + "' is not an image repository (Kustomize reads it as a regular expression);"
                + " use the repository as written in the manifests, registry included, without"
                + " tag");
      }
      rules.add(
          new Rule(
              new ImageEntry(
                  entry.name(),
                  emptyToNull(entry.newName()),
                  emptyToNull(entry.newTag()),
                  emptyToNull(entry.digest()),
                  emptyToNull(entry.tagSuffix())),
              // Kustomize builds this regular expression from the name without quoting it.
              Pattern.compile(
                  "^" + entry.name() + "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$")));
      names.add(entry.name());
    }
    this.index = new ImageNameIndex(names);
  }

  /**
   * Whether an {@code images:} entry can leave the resource as it is but for the images it matches.
   * Not so where Kustomize's transformer fails on the resource, nor where a list its field specs
   * walk through is {@code null} ({@code spec.containers: null}, {@code spec.template.spec.volumes:
   * null}, …): the field filter takes the {@code []} of the path as a hint and turns the null into
   * an empty list, whether or not any entry matches.
   */
  public static boolean changesOnlyImages(ObjectNode resource) {
    ObjectNode copy = resource.deepCopy();
    try {
      new ImagesTransformer(List.of(NO_MATCH)).apply(copy);
    } catch (KustomizeException e) {
      return false;
    }
    return copy.equals(resource);
  }

  /**
   * Rewrites matching images in place.
   *
   * @throws KustomizeException where Kustomize's transformer fails on the resource
   */
  public void apply(ObjectNode resource) {
    if (rules.isEmpty() || "CustomResourceDefinition".equals(resource.path("kind").asText())) {
      return;
    }
    // Per entry, Kustomize first walks the containers lists, then the field specs: an image that
    // both reach meets each entry twice in a row (only a tagSuffix shows it).
    Map<String, ObjectNode> containers = new LinkedHashMap<>();
    collectContainers(resource, new ArrayList<>(), containers);
    for (FieldSpec spec : FIELD_SPECS) {
      spec.updateAt(
          resource, (pointer, image) -> rewrite(image, containers.remove(pointer) == null ? 1 : 2));
    }
    for (ObjectNode container : containers.values()) {
      JsonNode image = container.get("image");
      JsonNode rewritten = rewrite(image, 1);
      if (rewritten != image) {
        container.set("image", rewritten);
      }
    }
  }

  /**
   * Kustomize's legacy images filter: the elements of every containers/initContainers list, at any
   * depth, by the JSON pointer of their image, in the filter's order and with its errors.
   *
   * @param path the fields and list indexes from the resource to {@code node}
   */
  private static void collectContainers(
      JsonNode node, List<String> path, Map<String, ObjectNode> containers) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        path.add(field.getKey());
        collectContainers(field.getValue(), path, containers);
        if ((field.getKey().equals("containers") || field.getKey().equals("initContainers"))
            && field.getValue().isArray()) {
          for (int i = 0; i < field.getValue().size(); i++) {
            JsonNode container = field.getValue().get(i);
            if (container.isNull()) {
              continue;
            }
            if (!(container instanceof ObjectNode object)) {
              throw new KustomizeException(
                  "wrong node kind: '"
                      + field.getKey()
                      + "' holds "
                      + container
                      + ", which is not a map (expected MappingNode)");
            }
            if (object.has("image")) {
              requireScalar(object.get("image"));
              containers.put(pointer(path) + "/" + i + "/image", object);
            }
          }
        }
        path.remove(path.size() - 1);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        path.add(Integer.toString(i));
        collectContainers(node.get(i), path, containers);
        path.remove(path.size() - 1);
      }
    }
  }

  /** The JSON pointer of a path, as {@link FieldSpec#updateAt} names places. */
  private static String pointer(List<String> path) {
    StringBuilder pointer = new StringBuilder();
    for (String segment : path) {
      pointer.append('/').append(JsonPatch.escape(segment));
    }
    return pointer.toString();
  }

  /**
   * The image after every entry in order, each applied {@code times} times in a row; the very node
   * when no entry matches it.
   */
  private JsonNode rewrite(JsonNode image, int times) {
    if (image == null || image.isNull()) {
      return image;
    }
    requireScalar(image);
    String value = image.asText();
    boolean matched = false;
    for (int i = firstMatch(value, 0); i >= 0; i = firstMatch(value, i + 1)) {
      Rule rule = rules.get(i);
      for (int time = 0; time < times && rule.matches(value); time++) {
        value = rewrite(rule.entry(), value);
      }
      matched = true;
    }
    return matched ? TextNode.valueOf(value) : image;
  }

  /** The first entry from position {@code from} on that matches the image, or -1. */
  private int firstMatch(String image, int from) {
    for (int i : index.candidates(image)) {
      if (i >= from && rules.get(i).matches(image)) {
        return i;
      }
    }
    return -1;
  }

  private static void requireScalar(JsonNode image) {
    if (image != null && !image.isNull() && !image.isValueNode()) {
      throw new KustomizeException(
          "wrong node kind: image " + image + " is not a string (expected ScalarNode)");
    }
  }

  /** One entry applied to an image it matches. */
  private static String rewrite(ImageEntry entry, String image) {
    String[] parts = ImageEntry.split(image);
    String name = entry.newName() != null ? entry.newName() : parts[0];
    String tag = parts[1];
    String digest = parts[2];
    if (entry.newTag() != null && entry.digest() != null) {
      tag = entry.newTag();
      digest = entry.digest();
    } else if (entry.newTag() != null) {
      tag = entry.newTag();
      digest = "";
    } else if (entry.digest() != null) {
      tag = "";
      digest = entry.digest();
    } else if (entry.tagSuffix() != null) {
      tag = tag + entry.tagSuffix();
      digest = "";
    }
    StringBuilder result = new StringBuilder(name);
    if (!tag.isEmpty()) {
      result.append(':').append(tag);
    }
    if (!digest.isEmpty()) {
      result.append('@').append(digest);
    }
    return result.toString();
  }

  private static String describe(ImageEntry entry) {
    return "{newName: "
        + entry.newName()
        + ", newTag: "
        + entry.newTag()
        + ", digest: "
        + entry.digest()
        + ", tagSuffix: "
        + entry.tagSuffix()
        + "}";
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
