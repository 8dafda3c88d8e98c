package io.treum.gitops.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.treum.gitops.policy.Finding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The findings of one environment as counts of {@code rule severity: message}, the part treum's
 * findings and conftest's results have in common: conftest does not say which object a
 * single-resource result is about, so findings are compared as a multiset.
 */
final class FindingCounts {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private FindingCounts() {}

  /** treum's findings of one environment. */
  static SortedMap<String, Integer> ofTreum(List<Finding> findings) {
    SortedMap<String, Integer> counts = new TreeMap<>();
    for (Finding finding : findings) {
      counts.merge(
          key(
              finding.ruleId(),
              finding.severity().name().toLowerCase(Locale.ROOT),
              finding.message()),
          1,
          Integer::sum);
    }
    return counts;
  }

  /**
   * conftest's results ({@code -o json}) of one environment, from one or more runs. Single-resource
   * results count once per object; cross-resource rules ({@code treum.cross.*}) are evaluated for
   * every document conftest reads, so their results, which name their object, count once per
   * distinct object.
   *
   * @throws IllegalArgumentException when an output is not conftest's JSON
   */
  static SortedMap<String, Integer> ofConftest(List<String> outputs) {
    SortedMap<String, Integer> counts = new TreeMap<>();
    Set<String> crossSeen = new HashSet<>();
    for (String output : outputs) {
      for (JsonNode result : results(output)) {
        count(result, counts, crossSeen);
      }
    }
    return counts;
  }

  private static JsonNode results(String output) {
    JsonNode results;
    try {
      results = JSON.readTree(output);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("conftest's output is not JSON: " + e.getMessage(), e);
    }
    if (results == null || !results.isArray()) {
      throw new IllegalArgumentException("conftest's output is not a list of results");
    }
    return results;
  }

  private static void count(
      JsonNode result, SortedMap<String, Integer> counts, Set<String> crossSeen) {
    boolean cross = result.path("namespace").asText().startsWith("treum.cross.");
    for (String field : List.of("failures", "warnings")) {
      for (JsonNode item : result.path(field)) {
        JsonNode metadata = item.path("metadata");
        String severity =
            field.equals("failures") ? "error" : metadata.path("severity").asText("warning");
        String key = key(metadata.path("rule").asText(), severity, item.path("msg").asText());
        if (!cross || crossSeen.add(key + " " + metadata.path("object"))) {
          counts.merge(key, 1, Integer::sum);
        }
      }
    }
  }

  /** Where two counts differ, the first few, for messages. */
  static List<String> differences(
      SortedMap<String, Integer> treum, SortedMap<String, Integer> conftest, int limit) {
    Set<String> keys = new TreeSet<>(treum.keySet());
    keys.addAll(conftest.keySet());
    List<String> differences = new ArrayList<>();
    for (String key : keys) {
      int mine = treum.getOrDefault(key, 0);
      int theirs = conftest.getOrDefault(key, 0);
      if (mine != theirs) {
        differences.add(key + ": treum " + mine + ", conftest " + theirs);
      }
    }
    if (differences.size() > limit) {
      int more = differences.size() - limit;
      differences = new ArrayList<>(differences.subList(0, limit));
      differences.add("… " + more + " more differences");
    }
    return differences;
  }

  private static String key(String rule, String severity, String message) {
    return rule + " " + severity + ": " + message;
  }
}
