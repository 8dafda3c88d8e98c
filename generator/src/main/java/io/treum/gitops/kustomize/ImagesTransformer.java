package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kustomize's {@code images} entry: rewrites the {@code image} of every element of every {@code
 * containers} and {@code initContainers} list anywhere in a resource (CRDs excepted) whose
 * repository matches {@code name} exactly, then once more through the built-in field specs (which
 * also cover image-volume references). Like Kustomize it fails on a resource where those paths run
 * into a scalar, a container that is not a map, or an image that is not a scalar, whatever the
 * entry's name.
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

  /**
   * What an image name may contain. Kustomize puts the name unquoted into a regular expression, so
   * anything beyond a repository's characters (where only {@code .} is special) would be an
   * expression that Go and Java read differently, or one that takes exponential time in Java.
   */
  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9._/:-]+");

  private final ImageEntry entry;
  private final Pattern matcher;

  /**
   * @throws KustomizeException when the entry has no name or the name is not a repository
   */
  public ImagesTransformer(ImageEntry entry) {
    if (entry.name() == null || entry.name().isEmpty()) {
      throw new KustomizeException(
          "images entry " + describe(entry) + " has no name: set name to the image repository");
    }
    if (!REPOSITORY.matcher(entry.name()).matches()) {
      throw new KustomizeException(
          "images entry name '"
              + entry.name()
              + "' is not an image repository (Kustomize reads it as a regular expression);"
              + " use the repository as written in the manifests, registry included, without tag");
    }
    this.entry =
        new ImageEntry(
            entry.name(),
            emptyToNull(entry.newName()),
            emptyToNull(entry.newTag()),
            emptyToNull(entry.digest()),
            emptyToNull(entry.tagSuffix()));
    // Kustomize builds this regular expression from the name without quoting it.
    this.matcher =
        Pattern.compile("^" + entry.name() + "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$");
  }

  /**
   * Whether Kustomize's images transformer can process the resource at all; when it cannot, any
   * {@code images:} entry in a kustomization fails the build.
   */
  public static boolean canTransform(ObjectNode resource) {
    try {
      new ImagesTransformer(new ImageEntry("treum.invalid/none", null, "none", null, null))
          .apply(resource.deepCopy());
      return true;
    } catch (KustomizeException e) {
      return false;
    }
  }

  /**
   * Rewrites matching images in place.
   *
   * @throws KustomizeException where Kustomize's transformer fails on the resource
   */
  public void apply(ObjectNode resource) {
    if ("CustomResourceDefinition".equals(resource.path("kind").asText())) {
      return;
    }
    walk(resource);
    for (FieldSpec spec : FIELD_SPECS) {
      spec.update(resource, this::rewrite);
    }
  }

  /** Kustomize's legacy images filter: every containers/initContainers list, at any depth. */
  private void walk(JsonNode node) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        walk(field.getValue());
        if ((field.getKey().equals("containers") || field.getKey().equals("initContainers"))
            && field.getValue().isArray()) {
          for (JsonNode container : field.getValue()) {
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
              object.set("image", rewrite(object.get("image")));
            }
          }
        }
      }
    } else if (node.isArray()) {
      node.forEach(this::walk);
    }
  }

  private JsonNode rewrite(JsonNode image) {
    if (image == null || image.isNull()) {
      return image;
    }
    if (!image.isValueNode()) {
      throw new KustomizeException(
          "wrong node kind: image " + image + " is not a string (expected ScalarNode)");
    }
    String value = image.asText();
    if (!matcher.matcher(value).matches()) {
      return image;
    }
    String[] parts = ImageEntry.split(value);
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
    return TextNode.valueOf(result.toString());
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
