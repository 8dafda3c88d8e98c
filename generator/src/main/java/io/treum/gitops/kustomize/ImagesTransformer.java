package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kustomize's {@code images} entry, in Kustomize's two passes: first the {@code image} of every
 * element of every {@code containers} and {@code initContainers} list anywhere in a resource (CRDs
 * excepted), then the image field specs ({@code spec/containers[]/image}, {@code
 * spec/template/spec/containers[]/image}, the init containers and image volumes of both). An image
 * on both paths is rewritten twice, as Kustomize does: that only shows with {@code tagSuffix},
 * which is appended twice. Empty fields count as absent, as in Kustomize.
 */
public final class ImagesTransformer {
  /** Kustomize's default image field specs ({@code imagesFieldSpecs}). */
  public static final List<String> FIELD_SPEC_PATHS =
      List.of(
          "spec/containers[]/image",
          "spec/initContainers[]/image",
          "spec/volumes[]/image/reference",
          "spec/template/spec/containers[]/image",
          "spec/template/spec/initContainers[]/image",
          "spec/template/spec/volumes[]/image/reference");

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
   * Rewrites the matching images of one resource in place.
   *
   * @throws KustomizeException when a {@code containers} list holds something that is not a map or
   *     an {@code image} that is not a string, as Kustomize does
   */
  public void apply(ObjectNode resource) {
    if (!"CustomResourceDefinition".equals(resource.path("kind").asText())) {
      walk(resource);
    }
    for (String path : FIELD_SPEC_PATHS) {
      FieldSpec.any(path, false).update(resource, this::rewrite);
    }
  }

  private void walk(JsonNode node) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        walk(field.getValue());
        if ((field.getKey().equals("containers") || field.getKey().equals("initContainers"))
            && field.getValue().isArray()) {
          for (JsonNode container : field.getValue()) {
            if (!(container instanceof ObjectNode object)) {
              throw new KustomizeException(
                  "'" + field.getKey() + "' holds " + container + ", which is not a map");
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
    if (image == null) {
      return null;
    }
    if (!image.isValueNode()) {
      throw new KustomizeException("image " + image + " is not a string");
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

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
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
}
