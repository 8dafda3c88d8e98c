package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kustomize's {@code configMapGenerator} and {@code secretGenerator}: a ConfigMap or Secret from
 * {@code envs} files, {@code literals} and {@code files} (in that order), with {@code options}
 * merged over the kustomization's {@code generatorOptions}, a content-hash name suffix unless
 * disabled, and a {@code behavior} (create, merge, replace) for combining with an existing one.
 */
final class DataGenerator {

  private final KustomizationRoot root;
  private final Kustomization kustomization;

  DataGenerator(KustomizationRoot root, Kustomization kustomization) {
    this.root = root;
    this.kustomization = kustomization;
  }

  /** Generates one resource from a generator entry. */
  Resource generate(JsonNode args, boolean secret) {
    String field = secret ? "secretGenerator" : "configMapGenerator";
    String name = text(args, "name");
    if (name == null) {
      throw new KustomizeException(root.file() + ": a " + field + " entry needs a name");
    }
    String where = root.file() + ": " + field + " '" + name + "'";
    ObjectNode object = ManifestYaml.newObject();
    object.put("apiVersion", "v1");
    object.put("kind", secret ? "Secret" : "ConfigMap");
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", name);
    String namespace = text(args, "namespace");
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    if (secret) {
      String type = text(args, "type");
      object.put("type", type == null ? "Opaque" : type);
    }
    Map<String, String> data = load(args, name, where);
    for (Map.Entry<String, String> entry : new TreeMap<>(data).entrySet()) {
      if (secret) {
        object.with("data").put(entry.getKey(), encodeBase64(entry.getValue()));
      } else if (isUtf8(entry.getValue())) {
        object.with("data").put(entry.getKey(), entry.getValue());
      } else {
        object.with("binaryData").put(entry.getKey(), encodeBase64(entry.getValue()));
      }
    }
    JsonNode options = mergedOptions(args.path("options"), where);
    options
        .path("labels")
        .fields()
        .forEachRemaining(l -> metadata.with("labels").put(l.getKey(), l.getValue().asText()));
    options
        .path("annotations")
        .fields()
        .forEachRemaining(a -> metadata.with("annotations").put(a.getKey(), a.getValue().asText()));
    if (options.path("immutable").asBoolean(false)) {
      object.put("immutable", true);
    }
    Resource resource = new Resource(object, where);
    resource.hashSuffix(!options.path("disableNameSuffixHash").asBoolean(false));
    String behavior = text(args, "behavior");
    resource.generatorBehavior(behavior == null ? "unspecified" : behavior);
    behavior = behavior == null ? "create" : behavior;
    if (!List.of("create", "merge", "replace").contains(behavior)) {
      throw new KustomizeException(
          where + ": behavior '" + behavior + "' must be create, merge or replace");
    }
    resource.behavior(behavior);
    return resource;
  }

  /**
   * Adds a generated resource: {@code create} needs a new id; {@code merge} and {@code replace}
   * need exactly one existing resource with that id and keep its name, namespace and (merged)
   * labels and annotations.
   */
  static void absorb(ResourceSet resources, Resource generated) {
    ResourceId id = generated.id();
    List<Resource> matches = resources.byAnyId(id);
    if (matches.isEmpty()) {
      if (!generated.behavior().equals("create")) {
        throw new KustomizeException(
            generated.source()
                + ": behavior "
                + generated.behavior()
                + " needs an existing "
                + id
                + ", but there is none; use behavior create");
      }
      resources.add(generated);
      return;
    }
    if (matches.size() > 1) {
      throw new KustomizeException(
          generated.source() + ": several objects " + matches + " could accept " + id);
    }
    Resource old = matches.get(0);
    if (generated.behavior().equals("create")) {
      throw new KustomizeException(
          generated.source()
              + ": "
              + id
              + " exists already (from "
              + old.source()
              + "); set behavior merge or replace");
    }
    ObjectNode fresh = generated.object();
    ObjectNode previous = old.object();
    ObjectNode metadata = fresh.with("metadata");
    for (String map : List.of("labels", "annotations")) {
      ObjectNode merged = ManifestYaml.newObject();
      if (previous.path("metadata").path(map) instanceof ObjectNode o) {
        merged.setAll(o);
      }
      if (metadata.path(map) instanceof ObjectNode o) {
        merged.setAll(o);
      }
      if (merged.isEmpty()) {
        metadata.remove(map);
      } else {
        metadata.set(map, merged);
      }
    }
    metadata.set("name", previous.path("metadata").path("name"));
    if (previous.path("metadata").has("namespace")) {
      metadata.set("namespace", previous.path("metadata").get("namespace"));
    } else {
      metadata.remove("namespace");
    }
    if (generated.behavior().equals("merge")) {
      for (String map : List.of("data", "binaryData")) {
        ObjectNode merged = ManifestYaml.newObject();
        if (previous.path(map) instanceof ObjectNode o) {
          merged.setAll(o);
        }
        if (fresh.path(map) instanceof ObjectNode o) {
          merged.setAll(o);
        }
        if (!merged.isEmpty()) {
          fresh.set(map, merged);
        }
      }
    }
    // The replacement keeps the old resource's history; it gets a hash suffix only if both
    // the old and the new resource ask for one (Kustomize's CopyMergeMetaDataFieldsFrom).
    Resource replacement = old.copy();
    replacement.replace(fresh);
    // Kustomize rebuilds the labels and annotations maps (SetLabels, SetAnnotations)
    replacement.sharedValues().clear();
    replacement.hashSuffix(generated.hashSuffix() && old.hashSuffix());
    List<Resource> order = new ArrayList<>();
    for (Resource resource : resources) {
      order.add(resource == old ? replacement : resource);
    }
    resources.reorder(order);
  }

  private JsonNode mergedOptions(JsonNode local, String where) {
    ObjectNode merged = ManifestYaml.newObject();
    if (!local.isMissingNode() && !local.isNull()) {
      kustomization.requireMap(local, "options of " + where, Kustomization.GENERATOR_OPTION_FIELDS);
      merged.setAll((ObjectNode) local.deepCopy());
    }
    JsonNode global = kustomization.generatorOptions();
    for (String map : List.of("labels", "annotations")) {
      if (global.path(map) instanceof ObjectNode globalMap) {
        if (merged.path(map) instanceof ObjectNode localMap) {
          globalMap
              .fields()
              .forEachRemaining(
                  e -> {
                    if (!localMap.has(e.getKey())) {
                      localMap.set(e.getKey(), e.getValue());
                    }
                  });
        } else {
          merged.set(map, globalMap.deepCopy());
        }
      }
    }
    for (String flag : List.of("disableNameSuffixHash", "immutable")) {
      if (global.path(flag).asBoolean(false)) {
        merged.put(flag, true);
      }
    }
    return merged;
  }

  private Map<String, String> load(JsonNode args, String name, String where) {
    List<String[]> pairs = new ArrayList<>();
    List<String> envs = strings(args, "envs", where);
    String env = text(args, "env");
    if (env != null) {
      envs.add(env);
    }
    for (String envFile : envs) {
      pairs.addAll(envPairs(root.file(envFile, "envs"), where));
    }
    for (String literal : strings(args, "literals", where)) {
      int equals = literal.indexOf('=');
      if (equals <= 0) {
        throw new KustomizeException(
            where + ": invalid literal source '" + literal + "', expected key=value");
      }
      pairs.add(
          new String[] {literal.substring(0, equals), unquote(literal.substring(equals + 1))});
    }
    for (String source : strings(args, "files", where)) {
      String key;
      String path;
      long separators = source.chars().filter(c -> c == '=').count();
      if (separators == 0) {
        key = Path.of(source).getFileName().toString();
        path = source;
      } else if (separators == 1 && !source.startsWith("=") && !source.endsWith("=")) {
        key = source.substring(0, source.indexOf('='));
        path = source.substring(source.indexOf('=') + 1);
      } else {
        throw new KustomizeException(
            where + ": file source '" + source + "' must be 'path' or 'key=path'");
      }
      pairs.add(new String[] {key, readRaw(root.file(path, "files"))});
    }
    // Kustomize's validator accepts any key (its ErrIfInvalidKey and IsEnvVarName are no-ops),
    // so only repeats are errors.
    Map<String, String> data = new LinkedHashMap<>();
    for (String[] pair : pairs) {
      if (data.put(pair[0], pair[1]) != null) {
        throw new KustomizeException(
            where + ": configmap " + name + " illegally repeats the key `" + pair[0] + "`");
      }
    }
    return data;
  }

  private static List<String[]> envPairs(Path file, String where) {
    List<String[]> pairs = new ArrayList<>();
    String content = readRaw(file);
    if (!isUtf8(content)) {
      throw new KustomizeException(where + ": " + file + " has invalid UTF-8 bytes");
    }
    String[] lines = content.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      line = GoSpace.trimLeft(line);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      String key = equals < 0 ? line : line.substring(0, equals);
      pairs.add(new String[] {key, equals < 0 ? "" : line.substring(equals + 1)});
    }
    return pairs;
  }

  private static String readRaw(Path file) {
    try {
      if (Files.size(file) > KustomizationRoot.MAX_FILE_BYTES) {
        throw new KustomizeException(file + " is too large for a ConfigMap or Secret");
      }
      byte[] bytes = Files.readAllBytes(file);
      // keep invalid UTF-8 as Latin-1 so that binaryData can carry the original bytes
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(bytes))
            .toString();
      } catch (CharacterCodingException e) {
        return new String(bytes, StandardCharsets.ISO_8859_1) + BINARY_MARK;
      }
    } catch (java.io.IOException e) {
      throw new KustomizeException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Marks a value decoded as Latin-1 because it was not UTF-8 (a character files cannot hold). */
  private static final String BINARY_MARK = "\uFFFF\uFFFE";

  private static boolean isUtf8(String value) {
    return !value.endsWith(BINARY_MARK);
  }

  private static String encodeBase64(String value) {
    byte[] bytes =
        value.endsWith(BINARY_MARK)
            ? value
                .substring(0, value.length() - BINARY_MARK.length())
                .getBytes(StandardCharsets.ISO_8859_1)
            : value.getBytes(StandardCharsets.UTF_8);
    String encoded = Base64.getEncoder().encodeToString(bytes);
    if (encoded.length() < 70) {
      return encoded;
    }
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < encoded.length(); i += 70) {
      lines.append(encoded, i, Math.min(encoded.length(), i + 70)).append('\n');
    }
    return lines.toString();
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && value.charAt(0) == value.charAt(value.length() - 1)
        && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static List<String> strings(JsonNode args, String field, String where) {
    List<String> values = new ArrayList<>();
    JsonNode list = args.get(field);
    if (list == null || list.isNull()) {
      return values;
    }
    if (!list.isArray()) {
      throw new KustomizeException(where + ": " + field + " must be a list");
    }
    list.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }
}
