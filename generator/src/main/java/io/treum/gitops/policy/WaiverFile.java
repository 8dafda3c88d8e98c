package io.treum.gitops.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.YamlException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a waiver file, strictly:
 *
 * <pre>{@code
 * waivers:
 *   - rule: TREUM-SEC-004                 # required: the rule id
 *     object: Deployment/payments/api     # required: Kind/namespace/name, Kind/name (any namespace)
 *     #   or {kind: Deployment, namespace: payments, name: api} (namespace optional)
 *     environment: production             # optional: without it, every environment
 *     reason: needs NET_ADMIN until the CNI migration (PLAT-123)   # required
 *     owner: team-payments                # required
 *     expires: 2026-09-30                 # required: ISO date; expired on and after that day (UTC)
 * }</pre>
 *
 * An empty file holds no waivers. Unknown fields, missing or empty required fields, dates that are
 * not {@code yyyy-MM-dd}, values that are not strings and two entries for the same rule, object and
 * environment are errors that name the file and the entry. The YAML is read by {@link
 * ManifestYaml}, with its limits.
 */
public final class WaiverFile {
  /** The waiver file treum reads at the root of a tree when none is named. */
  public static final String DEFAULT_NAME = "treum-waivers.yaml";

  /** The parameter that names another waiver file. */
  public static final String PARAMETER = "treum.waivers";

  private static final Set<String> TOP_LEVEL = Set.of("waivers");
  private static final List<String> FIELDS =
      List.of("rule", "object", "environment", "reason", "owner", "expires");
  private static final List<String> OBJECT_FIELDS = List.of("kind", "namespace", "name");
  private static final DateTimeFormatter ISO_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private final ManifestYaml yaml;

  public WaiverFile(ManifestYaml yaml) {
    this.yaml = Objects.requireNonNull(yaml, "yaml");
  }

  /**
   * Reads the waivers for a tree.
   *
   * @param treeRoot the root of the tree being validated
   * @param file the waiver file {@link #PARAMETER} names, or {@code null} for {@value
   *     #DEFAULT_NAME} at the tree's root, which may be absent (no waivers)
   * @throws WaiverException when a named file is missing, or any waiver file is invalid
   */
  public Waivers read(Path treeRoot, Path file) {
    Path root = treeRoot.toAbsolutePath().normalize();
    Path path = file == null ? root.resolve(DEFAULT_NAME) : file.toAbsolutePath().normalize();
    String source = path.startsWith(root) ? relative(root, path) : path.toString();
    if (!Files.exists(path)) {
      if (file == null) {
        return Waivers.none();
      }
      throw new WaiverException(
          PARAMETER
              + " names the waiver file "
              + path
              + ", which does not exist: create it or point "
              + PARAMETER
              + " at the right file");
    }
    if (!Files.isRegularFile(path)) {
      throw new WaiverException(
          "waiver file " + path + " is not a regular file: point " + PARAMETER + " at a file");
    }
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new WaiverException(source + ": cannot read the waiver file: " + e, e);
    }
    return parse(text, source);
  }

  private static String relative(Path root, Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }

  /**
   * Parses the text of a waiver file.
   *
   * @param source the file's name for messages and for findings about its waivers
   * @throws WaiverException naming the source and the entry when the text is invalid
   */
  public Waivers parse(String text, String source) {
    List<JsonNode> documents;
    try {
      documents = yaml.readAll(text, source);
    } catch (YamlException e) {
      throw new WaiverException(e.getMessage(), e);
    }
    if (documents.isEmpty()) {
      return new Waivers(source, List.of());
    }
    if (documents.size() > 1) {
      throw new WaiverException(
          source + ": holds " + documents.size() + " YAML documents; write one, with 'waivers:'");
    }
    JsonNode root = documents.get(0);
    if (isEmpty(root)) {
      return new Waivers(source, List.of());
    }
    if (!root.isObject()) {
      throw new WaiverException(
          source + ": expected a mapping with a 'waivers:' list, found " + describe(root));
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!TOP_LEVEL.contains(name)) {
        throw new WaiverException(
            source + ": unknown top-level field '" + name + "'; the file holds only 'waivers:'");
      }
    }
    JsonNode list = root.path("waivers");
    if (isEmpty(list)) {
      return new Waivers(source, List.of());
    }
    if (!list.isArray()) {
      throw new WaiverException(
          source + ": 'waivers' must be a list of entries, found " + describe(list));
    }
    List<Integer> lines = entryLines(text);
    List<Waiver> waivers = new ArrayList<>();
    Map<String, Waiver> seen = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      int line = lines.size() == list.size() ? lines.get(i) : 0;
      Waiver waiver = entry(list.get(i), source, i + 1, line);
      String key = waiver.rule() + "\n" + waiver.object() + "\n" + waiver.reportedEnvironment();
      Waiver earlier = seen.putIfAbsent(key, waiver);
      if (earlier != null) {
        throw new WaiverException(
            where(source, i + 1, line)
                + ": repeats waiver "
                + earlier.entry()
                + " (same rule, object and environment); keep one of them");
      }
      waivers.add(waiver);
    }
    return new Waivers(source, waivers);
  }

  /** Absent, null, or an empty scalar: YAML reads a key without a value as an empty string. */
  private static boolean isEmpty(JsonNode node) {
    return node.isMissingNode() || node.isNull() || (node.isTextual() && node.asText().isEmpty());
  }

  private static Waiver entry(JsonNode node, String source, int entry, int line) {
    String where = where(source, entry, line);
    if (!node.isObject()) {
      throw new WaiverException(
          where
              + ": expected a mapping with rule, object, reason, owner and expires, found "
              + describe(node));
    }
    checkFields(node, FIELDS, where);
    String rule = requiredText(node, "rule", where);
    WaiverTarget object = object(node.get("object"), where);
    String environment = optionalText(node, "environment", where);
    String reason = requiredText(node, "reason", where);
    String owner = requiredText(node, "owner", where);
    String expiresText = requiredText(node, "expires", where);
    LocalDate expires;
    try {
      expires = LocalDate.parse(expiresText, ISO_DATE);
    } catch (DateTimeParseException e) {
      throw new WaiverException(
          where + ": 'expires' is '" + expiresText + "', not a date: write it as yyyy-MM-dd", e);
    }
    return new Waiver(rule, object, environment, reason, owner, expires, source, entry, line);
  }

  private static WaiverTarget object(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      throw new WaiverException(
          where + ": missing 'object' (Kind/namespace/name, Kind/name, or kind/namespace/name)");
    }
    try {
      if (node.isTextual()) {
        return WaiverTarget.parse(node.asText());
      }
      if (node.isObject()) {
        String inObject = where + ", object";
        checkFields(node, OBJECT_FIELDS, inObject);
        return new WaiverTarget(
            requiredText(node, "kind", inObject),
            optionalText(node, "namespace", inObject),
            requiredText(node, "name", inObject));
      }
    } catch (IllegalArgumentException e) {
      throw new WaiverException(where + ": " + e.getMessage(), e);
    }
    throw new WaiverException(
        where
            + ": 'object' must be Kind/namespace/name, Kind/name or a mapping of kind, namespace"
            + " and name, found "
            + describe(node));
  }

  private static void checkFields(JsonNode node, List<String> allowed, String where) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new WaiverException(
            where + ": unknown field '" + name + "'; allowed: " + String.join(", ", allowed));
      }
    }
  }

  private static String requiredText(JsonNode node, String field, String where) {
    String value = optionalText(node, field, where);
    if (value == null) {
      throw new WaiverException(where + ": missing '" + field + "'");
    }
    return value;
  }

  private static String optionalText(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new WaiverException(
          where + ": '" + field + "' must be a string, found " + describe(value) + " (quote it)");
    }
    if (value.asText().isBlank()) {
      throw new WaiverException(where + ": '" + field + "' is empty");
    }
    return value.asText().strip();
  }

  private static String where(String source, int entry, int line) {
    return source + ": waiver " + entry + (line > 0 ? " (line " + line + ")" : "");
  }

  private static String describe(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return node.isTextual() ? "'" + node.asText() + "'" : node.toString();
  }

  /**
   * The 1-based line where each entry of the {@code waivers} list starts, for messages and for
   * findings about an entry; empty when they cannot be told. Called only on text that {@link
   * ManifestYaml} has read within its limits.
   */
  private static List<Integer> entryLines(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(ManifestYaml.MAX_ALIASES);
    options.setNestingDepthLimit(ManifestYaml.MAX_NESTING_DEPTH);
    options.setCodePointLimit(ManifestYaml.MAX_DOCUMENT_CODE_POINTS);
    options.setAllowRecursiveKeys(false);
    try {
      Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
      if (root instanceof MappingNode mapping) {
        for (NodeTuple tuple : mapping.getValue()) {
          if (tuple.getKeyNode() instanceof ScalarNode key
              && key.getValue().equals("waivers")
              && tuple.getValueNode() instanceof SequenceNode list) {
            List<Integer> lines = new ArrayList<>();
            for (Node item : list.getValue()) {
              lines.add(item.getStartMark().getLine() + 1);
            }
            return lines;
          }
        }
      }
    } catch (RuntimeException e) {
      // lines are a courtesy: the entries were read already
    }
    return List.of();
  }
}
