package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The name suffix Kustomize gives generated ConfigMaps and Secrets ({@code api/hasher}): the
 * SHA-256 of Go's {@code json.Marshal} of {@code {"kind", "name": "", "data", …}}, first ten hex
 * digits with {@code 0→g 1→h 3→k a→m e→t}. Equal content gives equal suffixes.
 */
public final class GeneratorHash {
  private GeneratorHash() {}

  /** The suffix (without the dash) of a ConfigMap or Secret. */
  public static String of(JsonNode resource) {
    String kind = resource.path("kind").asText();
    StringBuilder json = new StringBuilder("{");
    // Go marshals map keys sorted; the name is looked up as a literal "metadata/name" field
    // by Kustomize and so is always empty.
    List<String[]> fields = new ArrayList<>();
    if (kind.equals("Secret")) {
      if (resource.path("stringData").isObject()) {
        fields.add(new String[] {"stringData", goJson(resource.get("stringData"))});
      }
      fields.add(new String[] {"type", goJson(valueOrEmpty(resource.get("type")))});
    } else if (resource.path("binaryData").isObject()) {
      fields.add(new String[] {"binaryData", goJson(resource.get("binaryData"))});
    }
    fields.add(new String[] {"data", goJson(valueOrEmpty(resource.get("data")))});
    fields.add(new String[] {"kind", goString(kind.equals("Secret") ? "Secret" : "ConfigMap")});
    fields.add(new String[] {"name", "\"\""});
    fields.sort((a, b) -> a[0].compareTo(b[0]));
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append(goString(fields.get(i)[0])).append(':').append(fields.get(i)[1]);
    }
    json.append('}');
    return encode(sha256Hex(json.toString()));
  }

  private static JsonNode valueOrEmpty(JsonNode node) {
    return node == null || node.isNull()
        ? com.fasterxml.jackson.databind.node.TextNode.valueOf("")
        : node;
  }

  static String encode(String hex) {
    char[] chars = hex.substring(0, 10).toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i] =
          switch (chars[i]) {
            case '0' -> 'g';
            case '1' -> 'h';
            case '3' -> 'k';
            case 'a' -> 'm';
            case 'e' -> 't';
            default -> chars[i];
          };
    }
    return new String(chars);
  }

  private static String sha256Hex(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte b : digest) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Go's {@code json.Marshal} of a value decoded from YAML: sorted keys, compact. */
  static String goJson(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      StringBuilder out = new StringBuilder("{");
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(goString(names.get(i))).append(':').append(goJson(node.get(names.get(i))));
      }
      return out.append('}').toString();
    }
    if (node.isArray()) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(goJson(node.get(i)));
      }
      return out.append(']').toString();
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isBoolean() || node.isNumber()) {
      return node.asText();
    }
    return goString(node.asText());
  }

  /** A JSON string as Go writes it: HTML-safe, U+2028/U+2029 escaped. */
  static String goString(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
