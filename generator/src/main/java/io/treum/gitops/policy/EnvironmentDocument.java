package io.treum.gitops.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The input of the policy gate for one environment (policies/README.md, "The document"): the
 * environment with all its objects, a summary of every environment for the cross-environment rules,
 * the quantity table and the validation time — everything the Wasm runtime cannot compute itself.
 */
public final class EnvironmentDocument {
  /** The kinds cross-environment rules compare; summaries carry only these. */
  static final Set<String> SUMMARY_KINDS =
      Set.of("Deployment", "StatefulSet", "ReplicaSet", "HorizontalPodAutoscaler");

  private static final List<String> SUMMARY_SPEC_FIELDS =
      List.of("replicas", "scaleTargetRef", "minReplicas");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private EnvironmentDocument() {}

  /**
   * The environment as the cross-environment rules see it: its profile and, of the {@link
   * #SUMMARY_KINDS}, only apiVersion, kind, namespace, name and the replica fields.
   */
  public static ObjectNode summary(EnvironmentProfile profile, List<? extends JsonNode> objects) {
    ObjectNode summary = profile.toJson();
    ArrayNode kept = summary.putArray("objects");
    for (JsonNode object : objects) {
      if (!SUMMARY_KINDS.contains(object.path("kind").asText())) {
        continue;
      }
      ObjectNode small = kept.addObject();
      copy(object, small, "apiVersion");
      copy(object, small, "kind");
      ObjectNode metadata = small.putObject("metadata");
      copy(object.path("metadata"), metadata, "namespace");
      copy(object.path("metadata"), metadata, "name");
      JsonNode spec = object.get("spec");
      if (spec != null && spec.isObject()) {
        ObjectNode smallSpec = small.putObject("spec");
        SUMMARY_SPEC_FIELDS.forEach(field -> copy(spec, smallSpec, field));
      }
    }
    return summary;
  }

  /**
   * The document for one environment, as JSON text.
   *
   * @param profile the environment evaluated
   * @param objects its objects, in build order
   * @param summaries the {@link #summary} of every environment of the tree, this one included
   * @param now the validation time (from the injected clock)
   */
  public static String json(
      EnvironmentProfile profile,
      List<? extends JsonNode> objects,
      List<ObjectNode> summaries,
      Instant now) {
    return json(profile, objects, summaries, now, null);
  }

  /**
   * The document for one environment whose single-resource rules evaluate only some objects.
   *
   * @param subjects positions in {@code objects} of the objects the single-resource rules evaluate
   *     (policies/README.md, "The document": {@code subjects}); null for every object. The
   *     cross-resource rules see every object either way.
   */
  public static String json(
      EnvironmentProfile profile,
      List<? extends JsonNode> objects,
      List<ObjectNode> summaries,
      Instant now,
      List<Integer> subjects) {
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    ObjectNode environment = profile.toJson();
    ArrayNode objectList = environment.putArray("objects");
    objects.forEach(objectList::add);
    document.set("environment", environment);
    ArrayNode environments = document.putArray("environments");
    summaries.forEach(environments::add);
    List<JsonNode> quantitySources = new ArrayList<>(objects);
    quantitySources.add(profile.parameters());
    document.set("quantities", Quantities.toJson(Quantities.table(quantitySources)));
    ObjectNode time = document.putObject("now");
    Instant seconds = now.truncatedTo(ChronoUnit.SECONDS);
    time.put("rfc3339", DateTimeFormatter.ISO_INSTANT.format(seconds));
    time.put("unix", seconds.getEpochSecond());
    if (subjects != null) {
      ArrayNode positions = document.putArray("subjects");
      for (int position : subjects) {
        if (position < 0 || position >= objects.size()) {
          throw new IllegalArgumentException(
              "subject " + position + " is not one of the " + objects.size() + " objects");
        }
        positions.add(position);
      }
    }
    try {
      return JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the document of " + profile.name(), e);
    }
  }

  private static void copy(JsonNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value != null) {
      to.set(field, value);
    }
  }
}
