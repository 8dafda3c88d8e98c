package io.treum.gitops.kustomize;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The one configured YAML serializer of treum: it reads manifests with hard limits (aliases and
 * what they expand to, nesting, size, line length, duplicate keys), expanding aliases and merge
 * keys as Kustomize does, and writes them deterministically (sorted keys, no anchors, no document
 * markers, strings that a YAML 1.1 or 1.2 reader would take for booleans, numbers, nulls or
 * timestamps quoted).
 */
public final class ManifestYaml {

  /** Largest YAML document treum reads, in code points. */
  public static final int MAX_DOCUMENT_CODE_POINTS = 8 * 1024 * 1024;

  /** Most aliases a document may use: Kubernetes manifests need none, bombs need thousands. */
  public static final int MAX_ALIASES = 50;

  /** Deepest nesting of collections in a document. */
  public static final int MAX_NESTING_DEPTH = 100;

  /** Most nodes the aliases of one document may expand to (bounds memory, not just count). */
  public static final int MAX_ALIAS_EXPANSION = 100_000;

  /** Largest YAML stream treum reads, in characters (a whole hydrated environment fits). */
  public static final int MAX_STREAM_CHARS = 4 * MAX_DOCUMENT_CODE_POINTS;

  /**
   * Longest line treum reads, in characters. SnakeYAML's scanner takes time quadratic in the length
   * of an unbroken token (a 4 MiB line costs seconds); a ConfigMap holds at most 1 MiB anyway.
   */
  public static final int MAX_LINE_CHARS = 1024 * 1024;

  private final YAMLMapper yaml;
  private final ObjectMapper json;
  private static final YamlQuoting QUOTING = new YamlQuoting();

  private final LoaderOptions loader;

  public ManifestYaml() {
    LoaderOptions loader = new LoaderOptions();
    loader.setAllowDuplicateKeys(false);
    loader.setMaxAliasesForCollections(MAX_ALIASES);
    loader.setNestingDepthLimit(MAX_NESTING_DEPTH);
    loader.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS);
    loader.setAllowRecursiveKeys(false);
    this.loader = loader;
    YAMLFactory factory =
        new GoYamlFactory(
            YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                // an empty plain value ("key:") is null, as in YAML and in Kustomize's go-yaml; an
                // empty document is then skipped like one holding only "null"
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                // booleans are true and false only, as for Kustomize's go-yaml v3: a plain yes, no,
                // on, off, y or n is a string (YAML 1.1 readers would take it for a boolean)
                .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .stringQuotingChecker(new YamlQuoting()));
    this.yaml =
        YAMLMapper.builder(factory)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    this.json = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  }

  /** The reader's limits, for readers of the same text that need more than a JSON tree. */
  LoaderOptions loaderOptions() {
    return loader;
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
   * Whether {@code value} must be quoted to be read back as this string, by treum, SnakeYAML and
   * Kustomize's go-yaml alike ({@code 1.10}, {@code true}, {@code 2024-01-01}, {@code 0x1F}).
   */
  public static boolean needsQuotes(String value) {
    return QUOTING.needToQuoteValue(value);
  }

  /**
   * The node tree of a one-document YAML text, with source positions, for editors that change a
   * file in place. The same limits as {@link #readAll} apply, and duplicate keys are refused.
   *
   * @return the document's root node, or {@code null} for an empty document
   * @throws YamlException when the text is not valid YAML, holds several documents or breaks a
   *     limit
   */
  public Node compose(String text, String source) {
    checkSize(text, source);
    readAll(text, source);
    try {
      return new Yaml(loader).compose(new StringReader(text));
    } catch (RuntimeException e) {
      throw new YamlException(source, describe(e), e);
    }
  }

  /**
   * Reads every document of a YAML stream. Empty documents are skipped.
   *
   * @throws YamlException when the text is not valid YAML or breaks one of the limits
   */
  public List<JsonNode> readAll(String text, String source) {
    checkSize(text, source);
    String expanded;
    try {
      expanded = YamlAliases.expand(text, loader, MAX_ALIASES, MAX_ALIAS_EXPANSION);
    } catch (YamlAliases.LimitException e) {
      throw new YamlException(source, e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new YamlException(source, describe(e), e);
    }
    String readable = expanded == null ? text : expanded;
    List<JsonNode> documents = new ArrayList<>();
    // One tree per document. Not MappingIterator: it unwraps a first document that is a sequence
    // (a JSON 6902 patch) into its elements and then drops the documents after it.
    try (JsonParser parser = yaml.createParser(readable)) {
      while (parser.nextToken() != null) {
        JsonNode node = readNode(parser);
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
    if (readable.contains("<<")) {
      for (JsonNode document : documents) {
        applyMergeKeys(document, source);
      }
    }
    return documents;
  }

  /**
   * The tree of the value at the parser's current token. Unlike Jackson's own tree reader, scalars
   * keep their source text ({@link SourceScalars}), which Kustomize shows where it turns values
   * into strings. Duplicate keys are refused by the parser, nesting is bounded by its constraints.
   */
  private static JsonNode readNode(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        {
          ObjectNode object = newObject();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            object.set(name, readNode(parser));
          }
          return object;
        }
      case START_ARRAY:
        {
          ArrayNode array = newArray();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(readNode(parser));
          }
          return array;
        }
      case VALUE_STRING:
        {
          String text = parser.getText();
          if (parser instanceof GoYamlFactory.Parser go && go.isPlainScalar()) {
            JsonNode timestamp = SourceScalars.ofTimestamp(text);
            if (timestamp != null) {
              return timestamp;
            }
          }
          return JsonNodeFactory.instance.textNode(text);
        }
      case VALUE_NUMBER_INT:
        return switch (parser.getNumberType()) {
          case INT -> SourceScalars.ofInt(parser.getIntValue(), parser.getText());
          case LONG -> SourceScalars.ofLong(parser.getLongValue(), parser.getText());
          default -> SourceScalars.ofBigInteger(parser.getBigIntegerValue(), parser.getText());
        };
      case VALUE_NUMBER_FLOAT:
        return SourceScalars.ofDouble(parser.getDoubleValue(), parser.getText());
      case VALUE_TRUE:
      case VALUE_FALSE:
        return SourceScalars.ofBoolean(token == JsonToken.VALUE_TRUE, parser.getText());
      case VALUE_NULL:
        {
          String text = parser.getText() == null ? "" : parser.getText();
          if (text.isEmpty()
              && parser instanceof GoYamlFactory.Parser go
              && go.inFlowMapping()
              && go.isPlainScalar()) {
            // go-yaml v3 reads a missing value in a flow mapping ({a: }) as an empty string
            return JsonNodeFactory.instance.textNode("");
          }
          return SourceScalars.ofNull(text);
        }
      case VALUE_EMBEDDED_OBJECT:
        {
          Object embedded = parser.getEmbeddedObject();
          return embedded instanceof byte[] bytes
              ? JsonNodeFactory.instance.binaryNode(bytes)
              : JsonNodeFactory.instance.pojoNode(embedded);
        }
      default:
        throw new IOException("unexpected YAML token " + token);
    }
  }

  /** Refuses, before parsing, streams and lines too long to parse in reasonable time. */
  private static void checkSize(String text, String source) {
    if (text.length() > MAX_STREAM_CHARS) {
      throw new YamlException(
          source,
          "too large: "
              + text.length()
              + " characters, more than the "
              + MAX_STREAM_CHARS
              + " treum reads; split the stream",
          null);
    }
    if (text.length() > MAX_DOCUMENT_CODE_POINTS
        && !text.startsWith("---")
        && !text.contains("\n---")
        && text.codePointCount(0, text.length()) > MAX_DOCUMENT_CODE_POINTS) {
      // one document: refuse before parsing it (SnakeYAML would only stop at the limit)
      throw new YamlException(
          source,
          "the document is larger than "
              + MAX_DOCUMENT_CODE_POINTS
              + " code points, the most treum reads; split it",
          null);
    }
    int line = 1;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i - start > MAX_LINE_CHARS) {
          throw new YamlException(
              source,
              "line "
                  + line
                  + " is "
                  + (i - start)
                  + " characters long, more than the "
                  + MAX_LINE_CHARS
                  + " treum reads; break the value into a block scalar or a file",
              null);
        }
        line++;
        start = i + 1;
      }
    }
  }

  /**
   * Resolves YAML merge keys ({@code <<: *base}) as Kustomize does: the mapping's own keys win,
   * then the merged mappings in order.
   */
  private static void applyMergeKeys(JsonNode node, String source) {
    if (node.isArray()) {
      node.forEach(element -> applyMergeKeys(element, source));
      return;
    }
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    object.forEach(child -> applyMergeKeys(child, source));
    JsonNode merge = object.get("<<");
    if (merge == null) {
      return;
    }
    List<JsonNode> sources = new ArrayList<>();
    if (merge.isObject()) {
      sources.add(merge);
    } else if (merge.isArray()) {
      merge.forEach(sources::add);
    }
    if (sources.isEmpty() || sources.stream().anyMatch(m -> !m.isObject())) {
      // Jackson does not say whether the key was quoted: a "<<" key with a plain value is text.
      return;
    }
    object.remove("<<");
    for (JsonNode from : sources) {
      from.fields()
          .forEachRemaining(
              field -> {
                if (!object.has(field.getKey())) {
                  object.set(field.getKey(), field.getValue().deepCopy());
                }
              });
    }
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

  /**
   * Writes one document: keys sorted, trailing newline, no document marker, floats as Kustomize
   * writes them ({@code 1e-06}, {@code 1.5e+300}, a whole one as an integer).
   */
  public String write(JsonNode node) {
    try {
      return yaml.writeValueAsString(CanonicalJson.sorted(node, GoNumbers::written));
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

  /**
   * Reads one JSON value as Go's {@code encoding/json} does: strictly (quoted keys and strings, no
   * comments) and with nothing after it; of a repeated key the last value counts.
   */
  JsonNode readJson(String text) throws IOException {
    return json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
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
    if (cause instanceof NumberFormatException) {
      return "cannot read the number "
          + firstLine(message).replaceFirst("^For input string: ", "")
          + "; quote it if it is meant as a string";
    }
    return firstLine(message);
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
