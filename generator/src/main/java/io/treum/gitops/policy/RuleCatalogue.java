package io.treum.gitops.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rules a policy bundle defines, by id, with treum's own {@link WaiverRules} always known.
 *
 * <p>Read from a JSON list, one object per rule, or from an object whose {@code rules} field is
 * that list (the form of treum-policies' {@code rules.json}):
 *
 * <pre>{@code
 * [
 *   {
 *     "id": "TREUM-IMG-001",                  // required, no whitespace, unique
 *     "title": "Images come from the platform's private ECR",   // required
 *     "severity": "error",                     // required: error | warning | info (or deny | violation | warn)
 *     "remediation": "Push the image to ...",  // optional, default ""
 *     "waivable": true                         // optional, default true
 *   }
 * ]
 * }</pre>
 *
 * The fields {@code opa inspect} adds ({@code description}, {@code policy}, {@code kind}, {@code
 * file}, {@code line}) are allowed and ignored. Any other field is an error, so that a misspelt
 * {@code waivable} cannot silently make a rule waivable. Ids starting with {@value
 * WaiverRules#ID_PREFIX} are reserved.
 */
public final class RuleCatalogue {
  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "title",
          "severity",
          "remediation",
          "waivable",
          "description",
          "policy",
          "kind",
          "file",
          "line");
  private static final String ALLOWED =
      "id, title, severity, remediation, waivable (and description, policy, kind, file, line)";

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final SortedMap<String, Rule> rules;
  private final Map<String, String> sources;

  private RuleCatalogue(SortedMap<String, Rule> rules, Map<String, String> sources) {
    this.rules = Collections.unmodifiableSortedMap(rules);
    this.sources = Map.copyOf(sources);
  }

  /** A catalogue with no rules of its own (it still knows {@link WaiverRules}). */
  public static RuleCatalogue empty() {
    return new RuleCatalogue(new TreeMap<>(), Map.of());
  }

  /**
   * A catalogue of the given rules.
   *
   * @throws RuleCatalogueException for a repeated or reserved id
   */
  public static RuleCatalogue of(Collection<Rule> rules) {
    return of(rules, "the given rules");
  }

  /**
   * A catalogue of the given rules, which {@code source} describes.
   *
   * @param source names the rules in messages (the policy folder whose metadata they come from)
   * @throws RuleCatalogueException for a repeated or reserved id
   */
  public static RuleCatalogue of(Collection<Rule> rules, String source) {
    return build(new ArrayList<>(rules), source);
  }

  /**
   * Reads a catalogue file.
   *
   * @throws RuleCatalogueException naming the file when it is missing or invalid
   */
  public static RuleCatalogue read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new RuleCatalogueException(file + ": no such rule catalogue", e);
    } catch (IOException e) {
      throw new RuleCatalogueException(file + ": cannot read the rule catalogue: " + e, e);
    }
    return read(text, file.toString());
  }

  /**
   * Reads a catalogue from JSON text.
   *
   * @param source names the text in messages (a file or jar entry)
   * @throws RuleCatalogueException naming the source and the rule when the text is invalid
   */
  public static RuleCatalogue read(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new RuleCatalogueException(
          source + ": not valid JSON: " + e.getOriginalMessage() + location(e), e);
    }
    if (root != null && root.isObject() && root.size() == 1 && root.has("rules")) {
      root = root.get("rules");
    }
    if (root == null || !root.isArray()) {
      throw new RuleCatalogueException(
          source
              + ": a rule catalogue is a JSON list of rules ([{\"id\": ..., ...}]) or {\"rules\": [...]}");
    }
    List<Rule> read = new ArrayList<>();
    int index = 0;
    for (JsonNode element : root) {
      index++;
      read.add(rule(element, source, index));
    }
    return build(read, source);
  }

  private static Rule rule(JsonNode node, String source, int index) {
    String where = source + ": rule " + index;
    if (!node.isObject()) {
      throw new RuleCatalogueException(where + ": expected an object, found " + node.getNodeType());
    }
    JsonNode idNode = node.get("id");
    if (idNode != null && idNode.isTextual()) {
      where += " (" + idNode.asText() + ")";
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new RuleCatalogueException(
            where + ": unknown field '" + name + "'; allowed: " + ALLOWED);
      }
    }
    String id = requiredText(node, "id", where);
    String title = requiredText(node, "title", where);
    Severity severity;
    try {
      severity = Severity.parse(requiredText(node, "severity", where));
    } catch (IllegalArgumentException e) {
      throw new RuleCatalogueException(where + ": " + e.getMessage(), e);
    }
    String remediation = "";
    JsonNode remediationNode = node.get("remediation");
    if (remediationNode != null && !remediationNode.isNull()) {
      if (!remediationNode.isTextual()) {
        throw new RuleCatalogueException(where + ": 'remediation' must be a string");
      }
      remediation = remediationNode.asText();
    }
    boolean waivable = true;
    JsonNode waivableNode = node.get("waivable");
    if (waivableNode != null) {
      if (!waivableNode.isBoolean()) {
        throw new RuleCatalogueException(where + ": 'waivable' must be true or false");
      }
      waivable = waivableNode.asBoolean();
    }
    try {
      return new Rule(id, title, severity, remediation, waivable);
    } catch (IllegalArgumentException e) {
      throw new RuleCatalogueException(where + ": " + e.getMessage(), e);
    }
  }

  private static String requiredText(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new RuleCatalogueException(where + ": missing '" + field + "'");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new RuleCatalogueException(where + ": '" + field + "' must be a non-empty string");
    }
    return value.asText();
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  private static RuleCatalogue build(List<Rule> list, String source) {
    SortedMap<String, Rule> rules = new TreeMap<>();
    Map<String, String> sources = new TreeMap<>();
    for (Rule rule : list) {
      checkReserved(rule, source);
      if (rules.putIfAbsent(rule.id(), rule) != null) {
        throw new RuleCatalogueException(source + ": rule id " + rule.id() + " is defined twice");
      }
      sources.put(rule.id(), source);
    }
    return new RuleCatalogue(rules, sources);
  }

  private static void checkReserved(Rule rule, String source) {
    if (rule.id().startsWith(WaiverRules.ID_PREFIX)) {
      throw new RuleCatalogueException(
          source
              + ": rule id "
              + rule.id()
              + " is reserved: ids starting with "
              + WaiverRules.ID_PREFIX
              + " are treum's own waiver rules");
    }
  }

  /**
   * This catalogue and {@code other} together (the bundled rules and a user's, say).
   *
   * @throws RuleCatalogueException when both define the same id, naming both sources
   */
  public RuleCatalogue with(RuleCatalogue other) {
    SortedMap<String, Rule> merged = new TreeMap<>(rules);
    Map<String, String> mergedSources = new TreeMap<>(sources);
    for (Rule rule : other.rules.values()) {
      if (merged.putIfAbsent(rule.id(), rule) != null) {
        throw new RuleCatalogueException(
            "rule id "
                + rule.id()
                + " is defined by both "
                + sources.get(rule.id())
                + " and "
                + other.sources.get(rule.id())
                + ": give one of them another id");
      }
      mergedSources.put(rule.id(), other.sources.get(rule.id()));
    }
    return new RuleCatalogue(merged, mergedSources);
  }

  /** The catalogue's own rules, sorted by id (without {@link WaiverRules}). */
  public List<Rule> rules() {
    return List.copyOf(rules.values());
  }

  /** How many rules the catalogue defines (without {@link WaiverRules}). */
  public int size() {
    return rules.size();
  }

  /** The rule with this id: one of the catalogue's, or one of {@link WaiverRules}. */
  public Optional<Rule> find(String id) {
    Rule rule = rules.get(id);
    if (rule != null) {
      return Optional.of(rule);
    }
    return WaiverRules.all().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /**
   * The rule with this id, or {@link Rule#undocumented} with the severity a finding had when the
   * catalogue does not know it.
   */
  public Rule ruleFor(String id, Severity severity) {
    return find(id).orElseGet(() -> Rule.undocumented(id, severity));
  }

  /** Whether a waiver may accept findings of this rule: unknown rules may be waived. */
  public boolean isWaivable(String id) {
    return find(id).map(Rule::waivable).orElse(true);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RuleCatalogue catalogue && rules.equals(catalogue.rules);
  }

  @Override
  public int hashCode() {
    return rules.hashCode();
  }

  @Override
  public String toString() {
    return "RuleCatalogue" + rules.keySet();
  }
}
