package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Kustomize's {@code labels} entry with {@code includeSelectors: false}: sets labels on every
 * resource's metadata and, with {@code includeTemplates: true}, on the pod (and job) templates of
 * the workload kinds Kustomize knows. Selectors are never touched.
 */
public final class LabelsTransformer {
  /** Kustomize's template label paths ({@code templateLabels} field specs). */
  public static final List<FieldSpec> TEMPLATE_PATHS =
      List.of(
          new FieldSpec(null, "v1", "ReplicationController", "spec/template/metadata/labels", true),
          new FieldSpec(null, null, "Deployment", "spec/template/metadata/labels", true),
          new FieldSpec(null, null, "ReplicaSet", "spec/template/metadata/labels", true),
          new FieldSpec(null, null, "DaemonSet", "spec/template/metadata/labels", true),
          new FieldSpec("apps", null, "StatefulSet", "spec/template/metadata/labels", true),
          new FieldSpec(
              "apps", null, "StatefulSet", "spec/volumeClaimTemplates[]/metadata/labels", true),
          new FieldSpec("batch", null, "Job", "spec/template/metadata/labels", true),
          new FieldSpec("batch", null, "CronJob", "spec/jobTemplate/metadata/labels", true),
          new FieldSpec(
              "batch", null, "CronJob", "spec/jobTemplate/spec/template/metadata/labels", true));

  private static final FieldSpec METADATA = FieldSpec.any("metadata/labels", true);

  private final SortedMap<String, String> labels;
  private final boolean includeTemplates;

  public LabelsTransformer(Map<String, String> labels, boolean includeTemplates) {
    this.labels = new TreeMap<>(labels);
    this.includeTemplates = includeTemplates;
  }

  /** Every path this transformer writes to for a resource of the given kind. */
  public List<FieldSpec> paths() {
    List<FieldSpec> paths = new ArrayList<>();
    paths.add(METADATA);
    if (includeTemplates) {
      paths.addAll(TEMPLATE_PATHS);
    }
    return paths;
  }

  public void apply(ObjectNode resource) {
    if (labels.isEmpty()) {
      return;
    }
    for (FieldSpec spec : paths()) {
      spec.update(resource, this::addLabels);
    }
  }

  private JsonNode addLabels(JsonNode existing) {
    if (existing != null && !existing.isNull() && !existing.isObject()) {
      throw new KustomizeException(
          "wrong node kind: expected MappingNode but got " + existing.getNodeType());
    }
    ObjectNode map =
        existing instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
    labels.forEach(map::put);
    return map;
  }
}
