package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kustomize's {@code images} entry: rewrites the {@code image} of every element of every {@code
 * containers} and {@code initContainers} list anywhere in a resource (CRDs excepted) whose
 * repository matches {@code name} exactly, and image-volume references.
 */
public final class ImagesTransformer {
  private final ImageEntry entry;
  private final Pattern matcher;

  public ImagesTransformer(ImageEntry entry) {
    this.entry = entry;
    // Kustomize builds this regular expression from the name without quoting it.
    this.matcher =
        Pattern.compile("^" + entry.name() + "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$");
  }

  public void apply(ObjectNode resource) {
    if ("CustomResourceDefinition".equals(resource.path("kind").asText())) {
      return;
    }
    walk(resource);
    for (String path :
        new String[] {
          "spec/volumes[]/image/reference", "spec/template/spec/volumes[]/image/reference"
        }) {
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
            if (container instanceof ObjectNode object && object.has("image")) {
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
    if (image == null || !image.isValueNode()) {
      return image;
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
}
