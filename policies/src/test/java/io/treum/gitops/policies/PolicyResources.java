package io.treum.gitops.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Reads what the treum-policies jar ships, from the test classpath, as the engine will. */
final class PolicyResources {
  /** Folder of the policy resources in the jar. */
  static final String ROOT = "/io/treum/gitops/policies/";

  static final ObjectMapper JSON = new ObjectMapper();

  private PolicyResources() {}

  static byte[] bytes(String name) {
    try (InputStream in = PolicyResources.class.getResourceAsStream(ROOT + name)) {
      Objects.requireNonNull(in, () -> "no resource " + ROOT + name + " on the classpath");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A JSON array as a set of plain values, so that comparing ignores order (findings are a set).
   */
  @SuppressWarnings("unchecked")
  static Set<Map<String, Object>> asSet(JsonNode array) {
    List<Map<String, Object>> values = new ArrayList<>();
    array.forEach(element -> values.add(JSON.convertValue(element, Map.class)));
    Set<Map<String, Object>> set = new HashSet<>(values);
    if (set.size() != values.size()) {
      throw new AssertionError("duplicate elements in " + array);
    }
    return set;
  }
}
