package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Reads the text of a patch as Kustomize's patch transformers do, before anything is applied.
 *
 * <p>A {@code patches} entry ({@code PatchTransformer}): an inline {@code patch} is first trimmed
 * of white space at both ends (a file's text is not), then read twice: as strategic-merge patches
 * (the documents as resources are read: each needs a kind and a name, {@code *List}s are inlined)
 * and as a JSON 6902 patch ({@link #json6902}). The one that reads is used; neither is an error,
 * and so is both with patches in each. Trimming makes an inline patch whose lines are all indented
 * alike (a list of operations, or a map) unreadable both ways: its first line moves left of the
 * others.
 *
 * <p>A {@code patchesJson6902} entry ({@code PatchJson6902Transformer}) is read as JSON 6902 only,
 * untrimmed.
 */
final class PatchDecoder {
  /**
   * What a {@code patches} entry holds: strategic-merge patches (maybe none), or JSON 6902
   * operations ({@code null} for a patch that decodes to JSON {@code null}, which does nothing).
   */
  record Decoded(List<ObjectNode> strategicMerge, ArrayNode operations) {
    boolean isJson6902() {
      return strategicMerge == null;
    }
  }

  private final ManifestYaml yaml;

  PatchDecoder(ManifestYaml yaml) {
    this.yaml = yaml;
  }

  /**
   * Decodes the text of a {@code patches} entry.
   *
   * @param text the file's text, or the inline patch as the kustomization gives it
   * @param inline whether the text is an inline {@code patch} (trimmed first)
   * @param source the file, or the kustomization with "(inline patch)", for messages
   * @throws KustomizeException where Kustomize's {@code PatchTransformer} refuses the text
   */
  Decoded decode(String text, boolean inline, String source) {
    String patch = inline ? GoSpace.trim(text) : text;
    List<ObjectNode> strategicMerge = null;
    KustomizeException notStrategicMerge = null;
    try {
      strategicMerge =
          KustomizeBuilder.objects(KustomizeBuilder.documents(yaml, patch, source), source);
    } catch (KustomizeException e) {
      notStrategicMerge = e;
    }
    ArrayNode operations = null;
    KustomizeException notJson = null;
    try {
      operations = json6902(patch, source);
    } catch (KustomizeException e) {
      notJson = e;
    }
    if (strategicMerge != null
        && !strategicMerge.isEmpty()
        && operations != null
        && !operations.isEmpty()) {
      throw new KustomizeException(
          source + ": the patch reads both as a strategic-merge and as a JSON 6902 patch");
    }
    if (notStrategicMerge != null && notJson != null) {
      throw new KustomizeException(
          source
              + ": the patch is neither a strategic-merge patch ("
              + reason(notStrategicMerge, source)
              + ") nor a JSON 6902 patch ("
              + reason(notJson, source)
              + ")"
              + (inline && indented(text)
                  ? "; Kustomize trims an inline patch, so an indented first line no longer lines"
                      + " up with the next ones: write the patch flush left"
                  : ""));
    }
    return notStrategicMerge == null
        ? new Decoded(strategicMerge, null)
        : new Decoded(null, operations);
  }

  /**
   * Kustomize's JSON 6902 decoding ({@code jsonpatch.DecodePatch}): text that starts with {@code [}
   * is JSON, strictly; any other is YAML turned into JSON by {@code sigs.k8s.io/yaml} (go-yaml v2,
   * first document, YAML 1.1 scalars). The result is a list of operations, or {@code null} for JSON
   * {@code null} (an empty text or document).
   *
   * @throws KustomizeException where Kustomize cannot decode the operations
   */
  ArrayNode json6902(String text, String source) {
    JsonNode json;
    if (text.startsWith("[")) {
      try {
        json = yaml.readJson(text);
      } catch (IOException e) {
        throw new KustomizeException(
            source
                + ": a patch that starts with '[' is read as strict JSON (quote every key and"
                + " string, or write the operations as a YAML block list): "
                + firstLine(e.getMessage()),
            e);
      }
    } else {
      // treum's reader first, for its limits (aliases, nesting, size, duplicate keys)
      KustomizeBuilder.documents(yaml, text, source);
      json = goJsonNumbers(YamlToJson.firstDocument(text, yaml.loaderOptions(), source), source);
    }
    if (json == null || json.isNull()) {
      return null;
    }
    if (!json.isArray()) {
      throw new KustomizeException(
          source + ": a JSON 6902 patch is a list of operations, not " + json.getNodeType());
    }
    return (ArrayNode) json;
  }

  /**
   * Numbers as Go's {@code json.Marshal} writes them after go-yaml v2 read a float: a whole one has
   * no fraction ({@code 1.0} is {@code 1}), and NaN or an infinity cannot be written at all.
   */
  private static JsonNode goJsonNumbers(JsonNode node, String source) {
    if (node.isFloatingPointNumber()) {
      double value = node.doubleValue();
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        throw new KustomizeException(source + ": JSON has no number " + value);
      }
      if (value == Math.rint(value) && Math.abs(value) < 1e21) {
        // the shortest digits of the float, padded with zeros
        return JsonNodeFactory.instance.numberNode(GoFloat.shortest(value).toBigIntegerExact());
      }
      return node;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, goJsonNumbers(array.get(i), source));
      }
    } else if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        field.setValue(goJsonNumbers(field.getValue(), source));
      }
    }
    return node;
  }

  /** Whether the first line with text starts with white space. */
  private static boolean indented(String text) {
    for (String line : text.split("\n", -1)) {
      if (!line.isBlank()) {
        return Character.isWhitespace(line.charAt(0));
      }
    }
    return false;
  }

  private static String reason(KustomizeException e, String source) {
    String message = e.getMessage();
    return message.startsWith(source + ": ") ? message.substring(source.length() + 2) : message;
  }

  private static String firstLine(String message) {
    String text = String.valueOf(message);
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
