package io.treum.gitops.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.model.DefinitionException;
import io.treum.gitops.model.Environment;
import io.treum.gitops.policy.EnvironmentProfile;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the policy gate is told about each rendered environment ({@code
 * overlays/<env>/treum-environment.yaml}): its role and region, and as parameters the AWS account
 * of its ECR registry, for a standby its capacity factor and the primary it mirrors, and the policy
 * parameters the definition set explicitly. Workload parameters ({@link Environment#parameters})
 * are never part of it.
 */
final class EnvironmentProfiles {
  /**
   * An ECR registry host (the same expression as {@code treum.lib.images.ecr} of the policies):
   * {@code <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]}.
   */
  private static final Pattern ECR_HOST =
      Pattern.compile(
          "([0-9]{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");

  private EnvironmentProfiles() {}

  /**
   * The profile of {@code environment}, one of the definition's {@code environments}.
   *
   * @throws DefinitionException when {@link Environment.Builder#standbyOf} names an environment
   *     that is not a primary of the definition
   */
  static EnvironmentProfile of(Environment environment, List<Environment> environments) {
    ObjectNode parameters = JsonNodeFactory.instance.objectNode();
    account(environment.registry()).ifPresent(account -> parameters.put("account", account));
    if (!environment.isPrimary()) {
      parameters.put("capacityFactor", environment.capacityFactor());
      primaryOf(environment, environments).ifPresent(primary -> parameters.put("primary", primary));
    }
    environment.policyParameters().forEach((name, value) -> parameters.set(name, json(value)));
    return new EnvironmentProfile(
        environment.name(),
        environment.role().name().toLowerCase(Locale.ROOT),
        environment.region(),
        parameters);
  }

  /** The AWS account of an ECR registry ({@code <host>[/<path>]}), if it is one. */
  static Optional<String> account(String registry) {
    if (registry == null) {
      return Optional.empty();
    }
    int slash = registry.indexOf('/');
    Matcher ecr = ECR_HOST.matcher(slash < 0 ? registry : registry.substring(0, slash));
    return ecr.matches() ? Optional.of(ecr.group(1)) : Optional.empty();
  }

  /** The primary a standby mirrors: the one it names, else the definition's only primary. */
  private static Optional<String> primaryOf(Environment standby, List<Environment> environments) {
    Optional<String> named = standby.standbyOf();
    if (named.isPresent()) {
      boolean isPrimary =
          environments.stream().anyMatch(e -> e.name().equals(named.get()) && e.isPrimary());
      if (!isPrimary) {
        throw new DefinitionException(
            "environment '"
                + standby.name()
                + "' is a standbyOf(\""
                + named.get()
                + "\"), which is not a primary environment of the definition; primaries: "
                + environments.stream()
                    .filter(Environment::isPrimary)
                    .map(Environment::name)
                    .toList());
      }
      return named;
    }
    List<String> primaries =
        environments.stream().filter(Environment::isPrimary).map(Environment::name).toList();
    return primaries.size() == 1 ? Optional.of(primaries.get(0)) : Optional.empty();
  }

  /** A policy parameter value (see {@link Environment#policyParameters}) as JSON. */
  private static JsonNode json(Object value) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value instanceof String text) {
      return nodes.textNode(text);
    }
    if (value instanceof Boolean bool) {
      return nodes.booleanNode(bool);
    }
    if (value instanceof Integer number) {
      return nodes.numberNode(number);
    }
    if (value instanceof Long number) {
      return nodes.numberNode(number);
    }
    if (value instanceof Double number) {
      return nodes.numberNode(number);
    }
    if (value instanceof List<?> list) {
      ArrayNode array = nodes.arrayNode();
      list.forEach(element -> array.add(json(element)));
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = nodes.objectNode();
      map.forEach((key, element) -> object.set((String) key, json(element)));
      return object;
    }
    throw new IllegalStateException("not a policy parameter value: " + value);
  }
}
