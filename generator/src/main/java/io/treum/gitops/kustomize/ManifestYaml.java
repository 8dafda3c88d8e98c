package io.treum.gitops.kustomize;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one configured YAML serializer of treum: it reads manifests with hard limits (aliases,
 * nesting, size, duplicate keys) and writes them deterministically (sorted keys, no anchors, no
 * document markers, strings that YAML 1.1 or Kustomize's go-yaml would read as anything but a
 * string quoted: booleans, numbers, nulls, timestamps).
 */
public final class ManifestYaml {

  /** Largest YAML document treum reads, in code points. */
  public static final int MAX_DOCUMENT_CODE_POINTS = 8 * 1024 * 1024;

  /** Most aliases a document may use: Kubernetes manifests need none, bombs need thousands. */
  public static final int MAX_ALIASES = 50;

  /** Deepest nesting of collections in a document. */
  public static final int MAX_NESTING_DEPTH = 100;

  private final YAMLMapper yaml;
  private final ObjectMapper json;

  public ManifestYaml() {
    LoaderOptions loader = new LoaderOptions();
    loader.setAllowDuplicateKeys(false);
    loader.setMaxAliasesForCollections(MAX_ALIASES);
    loader.setNestingDepthLimit(MAX_NESTING_DEPTH);
    loader.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS);
    loader.setAllowRecursiveKeys(false);
    YAMLFactory factory =
        YAMLFactory.builder()
            .loaderOptions(loader)
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .stringQuotingChecker(new YamlQuoting())
            .build();
    this.yaml =
        YAMLMapper.builder(factory)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    this.json = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  }

  /** Converts any Jackson-annotated object (a fabric8 resource) into a JSON tree. */
  public ObjectNode toTree(Object resource) {
    JsonNode node = json.valueToTree(resource);
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException("not an object: " + resource);
    }
    return object;
  }

  /** Converts a JSON tree back into a typed object. */
  public <T> T fromTree(JsonNode node, Class<T> type) {
    try {
      return json.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads every document of a YAML stream. Empty documents are skipped.
   *
   * @throws YamlException when the text is not valid YAML or breaks one of the limits
   */
  public List<JsonNode> readAll(String text, String source) {
    List<JsonNode> documents = new ArrayList<>();
    // One document per root value. (A MappingIterator would unwrap a document that is a list,
    // such as a JSON 6902 patch, into its elements.)
    try (JsonParser parser = yaml.createParser(text)) {
      while (parser.nextToken() != null) {
        JsonNode node = yaml.readTree(parser);
        // an empty document (between two ---) reads as an empty scalar
        boolean empty =
            node == null
                || node.isNull()
                || node.isMissingNode()
                || (node.isTextual() && node.asText().isEmpty());
        if (!empty) {
          documents.add(node);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new YamlException(source, describe(e), e);
    }
    return documents;
  }

  /** Reads a YAML stream that must hold exactly one mapping. */
  public ObjectNode readObject(String text, String source) {
    List<JsonNode> documents = readAll(text, source);
    if (documents.size() != 1 || !documents.get(0).isObject()) {
      throw new YamlException(
          source,
          "expected exactly one YAML mapping, found " + documents.size() + " documents",
          null);
    }
    return (ObjectNode) documents.get(0);
  }

  /** Writes one document: keys sorted, trailing newline, no document marker. */
  public String write(JsonNode node) {
    try {
      return yaml.writeValueAsString(CanonicalJson.sorted(node));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes several documents separated by {@code ---}. */
  public String writeStream(List<? extends JsonNode> nodes) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      if (i > 0) {
        out.append("---\n");
      }
      out.append(write(nodes.get(i)));
    }
    return out.toString();
  }

  /** Compact JSON with sorted keys, for hashing and messages. */
  public String writeJson(JsonNode node) {
    try {
      return json.writeValueAsString(CanonicalJson.sorted(node));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode newObject() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode newArray() {
    return JsonNodeFactory.instance.arrayNode();
  }

  private static String describe(Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    if (message.contains("Number of aliases")) {
      return "too many YAML aliases (more than "
          + MAX_ALIASES
          + "): refusing a possible \"billion laughs\" document; write the values out instead";
    }
    if (message.contains("Duplicate field") || message.contains("found duplicate key")) {
      return "duplicate key: " + firstLine(message);
    }
    return firstLine(message);
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
