package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Kubernetes label selector in string form: {@code a=b}, {@code a==b}, {@code a!=b}, {@code a in
 * (x,y)}, {@code a notin (x)}, {@code a}, {@code !a}, joined by commas; all must hold.
 */
final class LabelSelector {
  private record Requirement(String key, String operator, Set<String> values) {
    boolean matches(JsonNode labels) {
      // Kustomize matches the labels as a map of strings (a null value is the text "null")
      JsonNode value = labels.isObject() ? labels.get(key) : null;
      boolean present = value != null;
      String text = present ? SourceScalars.text(value) : null;
      return switch (operator) {
        case "exists" -> present;
        case "!" -> !present;
        case "in", "=" -> present && values.contains(text);
        case "notin", "!=" -> !present || !values.contains(text);
        default -> throw new IllegalStateException(operator);
      };
    }
  }

  private final List<Requirement> requirements;

  private LabelSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  /** Parses a selector, or returns {@code null} for none. */
  static LabelSelector parse(String selector, String source) {
    if (selector == null || selector.isBlank()) {
      return null;
    }
    List<Requirement> requirements = new ArrayList<>();
    for (String part : split(selector)) {
      String term = part.trim();
      if (term.isEmpty()) {
        throw new KustomizeException(source + ": empty term in selector '" + selector + "'");
      }
      Requirement requirement;
      if (term.matches("[^\\s!=(),]+\\s+(in|notin)\\s*\\(.*\\)")) {
        String[] words = term.split("\\s+", 3);
        String list = term.substring(term.indexOf('(') + 1, term.lastIndexOf(')'));
        Set<String> values = new TreeSet<>();
        for (String v : list.split(",")) {
          values.add(v.trim());
        }
        requirement = new Requirement(words[0], words[1], values);
      } else if (term.contains("!=")) {
        String[] kv = term.split("!=", 2);
        requirement = new Requirement(kv[0].trim(), "!=", Set.of(kv[1].trim()));
      } else if (term.contains("==")) {
        String[] kv = term.split("==", 2);
        requirement = new Requirement(kv[0].trim(), "=", Set.of(kv[1].trim()));
      } else if (term.contains("=")) {
        String[] kv = term.split("=", 2);
        requirement = new Requirement(kv[0].trim(), "=", Set.of(kv[1].trim()));
      } else if (term.startsWith("!")) {
        requirement = new Requirement(term.substring(1).trim(), "!", Set.of());
      } else if (term.matches("[^\\s!=(),]+")) {
        requirement = new Requirement(term, "exists", Set.of());
      } else {
        throw new KustomizeException(
            source + ": cannot parse '" + term + "' in selector '" + selector + "'");
      }
      requirements.add(requirement);
    }
    return new LabelSelector(requirements);
  }

  boolean matches(JsonNode labels) {
    for (Requirement requirement : requirements) {
      if (!requirement.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** Splits on commas outside parentheses. */
  private static List<String> split(String selector) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : selector.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }
}
