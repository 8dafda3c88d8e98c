package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a kustomization file the way Kustomize does ({@code Kustomization.Unmarshal}): {@code
 * sigs.k8s.io/yaml} turns the YAML into JSON with go-yaml v2, so plain scalars follow YAML 1.1
 * ({@code yes}, {@code on}, {@code y} are booleans; {@code 1.25} and {@code 0x10} numbers), and
 * {@code encoding/json} then decodes that JSON into Kustomize's typed fields: names match
 * case-insensitively, unknown names are errors, and a value of the wrong type is an error ({@code
 * newTag: 1.25}, {@code commonLabels: {version: 1}}, {@code count: "2"}). The result is the
 * kustomization as JSON, with Kustomize's spelling of every field name and a null string in a list
 * or map read as {@code ""}, as Go reads it.
 */
final class KustomizationDecoder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A Go type of Kustomize's {@code types} package, as far as decoding tells them apart. */
  private sealed interface Type permits Scalar, ListOf, MapOf, Struct, Any {}

  private enum Scalar implements Type {
    STRING("string"),
    BOOL("bool"),
    INT("whole number");

    private final String goName;

    Scalar(String goName) {
      this.goName = goName;
    }
  }

  private record ListOf(Type element) implements Type {}

  private record MapOf(Type value) implements Type {}

  /** A struct: its Go name (for messages) and its fields by JSON name. */
  private record Struct(String name, Map<String, Type> fields) implements Type {}

  /** A field treum refuses by name later (Helm, plugins, vars, …): any shape passes here. */
  private enum Any implements Type {
    ANY
  }

  private static final Type STRINGS = new ListOf(Scalar.STRING);
  private static final Type STRING_MAP = new MapOf(Scalar.STRING);

  private static Struct struct(String name, Object... fieldsAndTypes) {
    Map<String, Type> fields = new LinkedHashMap<>();
    for (int i = 0; i < fieldsAndTypes.length; i += 2) {
      fields.put((String) fieldsAndTypes[i], (Type) fieldsAndTypes[i + 1]);
    }
    return new Struct(name, fields);
  }

  private static final Struct GENERATOR_OPTIONS =
      struct(
          "GeneratorOptions",
          "labels",
          STRING_MAP,
          "annotations",
          STRING_MAP,
          "disableNameSuffixHash",
          Scalar.BOOL,
          "immutable",
          Scalar.BOOL);

  private static Struct generatorArgs(String name, boolean secret) {
    Struct args =
        struct(
            name,
            "namespace",
            Scalar.STRING,
            "name",
            Scalar.STRING,
            "behavior",
            Scalar.STRING,
            "literals",
            STRINGS,
            "files",
            STRINGS,
            "envs",
            STRINGS,
            "env",
            Scalar.STRING,
            "options",
            GENERATOR_OPTIONS);
    if (secret) {
      args.fields().put("type", Scalar.STRING);
    }
    return args;
  }

  private static final Struct SELECTOR =
      struct(
          "Selector",
          "group",
          Scalar.STRING,
          "version",
          Scalar.STRING,
          "kind",
          Scalar.STRING,
          "name",
          Scalar.STRING,
          "namespace",
          Scalar.STRING,
          "annotationSelector",
          Scalar.STRING,
          "labelSelector",
          Scalar.STRING);

  private static final Struct PATCH =
      struct(
          "Patch",
          "path",
          Scalar.STRING,
          "patch",
          Scalar.STRING,
          "target",
          SELECTOR,
          "options",
          struct("PatchArgs", "allowNameChange", Scalar.BOOL, "allowKindChange", Scalar.BOOL));

  private static final Struct IMAGE =
      struct(
          "Image",
          "name",
          Scalar.STRING,
          "newName",
          Scalar.STRING,
          "tagSuffix",
          Scalar.STRING,
          "newTag",
          Scalar.STRING,
          "digest",
          Scalar.STRING);

  private static final Struct LABEL =
      struct(
          "Label",
          "pairs",
          STRING_MAP,
          "includeSelectors",
          Scalar.BOOL,
          "includeTemplates",
          Scalar.BOOL,
          "fields",
          new ListOf(
              struct(
                  "FieldSpec",
                  "group",
                  Scalar.STRING,
                  "version",
                  Scalar.STRING,
                  "kind",
                  Scalar.STRING,
                  "path",
                  Scalar.STRING,
                  "create",
                  Scalar.BOOL)));

  /** Kustomize's {@code types.Kustomization} (v5.8). */
  private static final Struct KUSTOMIZATION =
      struct(
          "Kustomization",
          "apiVersion",
          Scalar.STRING,
          "kind",
          Scalar.STRING,
          "metadata",
          struct(
              "ObjectMeta",
              "name",
              Scalar.STRING,
              "namespace",
              Scalar.STRING,
              "labels",
              STRING_MAP,
              "annotations",
              STRING_MAP),
          "openapi",
          STRING_MAP,
          "namePrefix",
          Scalar.STRING,
          "nameSuffix",
          Scalar.STRING,
          "namespace",
          Scalar.STRING,
          "commonLabels",
          STRING_MAP,
          "labels",
          new ListOf(LABEL),
          "commonAnnotations",
          STRING_MAP,
          "patchesStrategicMerge",
          STRINGS,
          "patchesJson6902",
          new ListOf(PATCH),
          "patches",
          new ListOf(PATCH),
          "images",
          new ListOf(IMAGE),
          "imageTags",
          new ListOf(IMAGE),
          "replacements",
          Any.ANY,
          "replicas",
          new ListOf(struct("Replica", "name", Scalar.STRING, "count", Scalar.INT)),
          "vars",
          Any.ANY,
          "sortOptions",
          struct(
              "SortOptions",
              "order",
              Scalar.STRING,
              "legacySortOptions",
              struct("LegacySortOptions", "orderFirst", STRINGS, "orderLast", STRINGS)),
          "resources",
          STRINGS,
          "components",
          STRINGS,
          "crds",
          STRINGS,
          "bases",
          STRINGS,
          "configMapGenerator",
          new ListOf(generatorArgs("ConfigMapArgs", false)),
          "secretGenerator",
          new ListOf(generatorArgs("SecretArgs", true)),
          "helmGlobals",
          Any.ANY,
          "helmCharts",
          Any.ANY,
          "helmChartInflationGenerator",
          Any.ANY,
          "generatorOptions",
          GENERATOR_OPTIONS,
          "configurations",
          STRINGS,
          "generators",
          STRINGS,
          "transformers",
          STRINGS,
          "validators",
          STRINGS,
          "buildMetadata",
          STRINGS);

  private final Path file;

  private KustomizationDecoder(Path file) {
    this.file = file;
  }

  /**
   * Decodes a kustomization file that {@link ManifestYaml} already read safely (one mapping,
   * bounded aliases and nesting).
   *
   * @throws KustomizeException naming the file and the field, where Kustomize fails
   */
  static ObjectNode decode(String text, Path file, LoaderOptions options) {
    Node root = new Yaml(options).compose(new StringReader(text));
    KustomizationDecoder decoder = new KustomizationDecoder(file);
    JsonNode json = new YamlToJson(file.toString()).json(root);
    if (!(json instanceof ObjectNode)) {
      throw new KustomizeException(file + ": a kustomization must be a YAML mapping");
    }
    return (ObjectNode) decoder.typed(json, KUSTOMIZATION, "");
  }

  // ------------------------------------------------------------- JSON into typed fields

  private JsonNode typed(JsonNode value, Type type, String where) {
    if (type == Any.ANY) {
      return value;
    }
    if (value.isNull()) {
      return value;
    }
    if (type instanceof Scalar scalar) {
      return scalar(value, scalar, where);
    }
    if (type instanceof ListOf list) {
      if (!value.isArray()) {
        throw mismatch(value, "a list", where);
      }
      ArrayNode result = NODES.arrayNode();
      for (int i = 0; i < value.size(); i++) {
        JsonNode element = value.get(i);
        String at = where + "[" + i + "]";
        result.add(
            element.isNull() && list.element() == Scalar.STRING
                ? NODES.textNode("")
                : typed(element, list.element(), at));
      }
      return result;
    }
    if (type instanceof MapOf map) {
      if (!value.isObject()) {
        throw mismatch(value, "a map", where);
      }
      ObjectNode result = NODES.objectNode();
      value
          .fields()
          .forEachRemaining(
              e ->
                  result.set(
                      e.getKey(),
                      e.getValue().isNull() && map.value() == Scalar.STRING
                          ? NODES.textNode("")
                          : typed(e.getValue(), map.value(), where + "." + e.getKey())));
      return result;
    }
    Struct struct = (Struct) type;
    if (!value.isObject()) {
      throw mismatch(value, "a map (" + struct.name() + ")", where);
    }
    ObjectNode result = NODES.objectNode();
    value
        .fields()
        .forEachRemaining(
            e -> {
              String name = fieldName(struct, e.getKey(), where);
              String at = where.isEmpty() ? name : where + "." + name;
              if (result.has(name)) {
                // encoding/json takes the last; treum refuses the ambiguity
                throw new KustomizeException(
                    file + ": field '" + at + "' is given twice (names ignore case); keep one");
              }
              result.set(name, typed(e.getValue(), struct.fields().get(name), at));
            });
    return result;
  }

  /** encoding/json's field match: the exact name, else one that equals it ignoring case. */
  private String fieldName(Struct struct, String key, String where) {
    if (struct.fields().containsKey(key)) {
      return key;
    }
    for (String name : struct.fields().keySet()) {
      if (name.equalsIgnoreCase(key)) {
        return name;
      }
    }
    throw new KustomizeException(
        file
            + ": unknown field '"
            + key
            + "'"
            + (where.isEmpty() ? "" : " in " + where)
            + ": kustomize refuses it too (it knows "
            + struct.fields().keySet()
            + "); check the spelling");
  }

  private JsonNode scalar(JsonNode value, Scalar type, String where) {
    boolean fits =
        switch (type) {
          case STRING -> value.isTextual();
          case BOOL -> value.isBoolean();
          case INT ->
              value.isIntegralNumber()
                  || (value.isFloatingPointNumber()
                      && value.asDouble() == Math.rint(value.asDouble()));
        };
    if (!fits) {
      throw mismatch(value, "a " + type.goName, where);
    }
    return type == Scalar.INT && !value.isIntegralNumber()
        ? NODES.numberNode((long) value.asDouble())
        : value;
  }

  private KustomizeException mismatch(JsonNode value, String expected, String where) {
    String found =
        value.isTextual()
            ? "the string " + value
            : value.isBoolean()
                ? "the boolean " + value + " (YAML 1.1 reads yes, no, on, off, y, n as booleans)"
                : value.isNumber()
                    ? "the number " + value
                    : value.isArray() ? "a list" : value.isObject() ? "a map" : value.toString();
    return new KustomizeException(
        file
            + ": field '"
            + where
            + "' must be "
            + expected
            + ", not "
            + found
            + "; kustomize refuses it too"
            + (expected.equals("a string") ? " (quote the value)" : ""));
  }
}
