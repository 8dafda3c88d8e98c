package io.treum.gitops.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.CanonicalJson;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.YamlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the policies know about an environment besides its objects: whether it is the primary or a
 * standby, its AWS region, and the parameters of policies/README.md ("Environment parameters").
 *
 * <p>Read from {@value #FILE_NAME} in the overlay's folder, which {@code treum:render} writes and a
 * hand-kept tree may add; Kustomize ignores it. Without the file an environment is a primary with
 * no region and default parameters, which never relaxes a rule:
 *
 * <pre>{@code
 * role: standby              # primary (default) | standby
 * region: ap-southeast-1     # the cluster's AWS region; absent: the region rules are skipped
 * parameters:                # optional, see policies/README.md
 *   capacityFactor: 0.3
 *   primary: production
 * }</pre>
 *
 * @param name the overlay's name
 * @param role {@code primary} or {@code standby}
 * @param region the AWS region, or {@code ""} when unknown
 * @param parameters the policy parameters, an object
 */
public record EnvironmentProfile(String name, String role, String region, ObjectNode parameters) {
  /** The file in {@code overlays/<env>/} that describes the environment. */
  public static final String FILE_NAME = "treum-environment.yaml";

  /** The largest profile file read. */
  static final long MAX_BYTES = 1024 * 1024;

  private static final Set<String> FIELDS = Set.of("role", "region", "parameters");
  private static final List<String> ROLES = List.of("primary", "standby");

  public EnvironmentProfile {
    ObjectRef.requireText(name, "environment name");
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException(
          "role of environment " + name + " must be primary or standby, not " + role);
    }
    region = region == null ? "" : region;
    parameters = parameters == null ? JsonNodeFactory.instance.objectNode() : parameters.deepCopy();
  }

  /** A primary with no region and default parameters. */
  public static EnvironmentProfile defaults(String name) {
    return new EnvironmentProfile(name, "primary", "", null);
  }

  /**
   * Reads {@value #FILE_NAME} of an overlay, or the {@link #defaults} when it has none.
   *
   * @param overlay the overlay's folder; its name is the environment's
   * @param relativeName how messages name the file (relative to the tree's root)
   * @throws PolicyInputException naming the file and the field when the file is invalid
   */
  public static EnvironmentProfile read(ManifestYaml yaml, Path overlay, String relativeName) {
    String name = overlay.getFileName().toString();
    Path file = overlay.resolve(FILE_NAME);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return defaults(name);
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new PolicyInputException(
          relativeName + " is not a regular file (a symbolic link or a folder): make it a file");
    }
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new PolicyInputException(
            relativeName + " is larger than " + MAX_BYTES + " bytes: it holds a few settings");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return parse(yaml, name, text, relativeName);
  }

  /** Parses the text of a profile file of environment {@code name}. */
  static EnvironmentProfile parse(ManifestYaml yaml, String name, String text, String source) {
    List<JsonNode> documents;
    try {
      documents = yaml.readAll(text, source);
    } catch (YamlException e) {
      throw new PolicyInputException(e.getMessage(), e);
    }
    if (documents.isEmpty() || documents.get(0) == null || documents.get(0).isNull()) {
      return defaults(name);
    }
    if (documents.size() > 1 || !documents.get(0).isObject()) {
      throw new PolicyInputException(
          source + ": expected one YAML mapping with role, region and parameters");
    }
    JsonNode root = documents.get(0);
    for (Iterator<String> fields = root.fieldNames(); fields.hasNext(); ) {
      String field = fields.next();
      if (!FIELDS.contains(field)) {
        throw new PolicyInputException(
            source + ": unknown field '" + field + "'; allowed: role, region, parameters");
      }
    }
    String role = text(root, "role", source, "primary");
    if (!ROLES.contains(role)) {
      throw new PolicyInputException(
          source + ": role must be primary or standby, not '" + role + "'");
    }
    String region = text(root, "region", source, "");
    JsonNode parameters = root.get("parameters");
    if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
      throw new PolicyInputException(source + ": parameters must be a mapping of names to values");
    }
    return new EnvironmentProfile(
        name,
        role,
        region,
        parameters == null || parameters.isNull() ? null : (ObjectNode) parameters);
  }

  private static String text(JsonNode root, String field, String source, String fallback) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isTextual()) {
      throw new PolicyInputException(source + ": " + field + " must be a string");
    }
    return value.asText();
  }

  /**
   * The content of {@value #FILE_NAME}: {@code role}, and {@code region} and {@code parameters}
   * when set. {@link #read} gives back an equal profile.
   */
  public ObjectNode toFileTree() {
    ObjectNode file = JsonNodeFactory.instance.objectNode();
    file.put("role", role);
    if (!region.isEmpty()) {
      file.put("region", region);
    }
    if (!parameters.isEmpty()) {
      file.set("parameters", parameters.deepCopy());
    }
    return file;
  }

  /** {@code {name, role, region, parameters}}, the head of the environment's document. */
  ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("name", name);
    json.put("role", role);
    json.put("region", region);
    json.set("parameters", parameters.deepCopy());
    return json;
  }

  /**
   * Equal when the policies see the same environment: parameters compare as canonical JSON, so a
   * number equals itself in any representation ({@code 1} and {@code 1.0}, as in Rego).
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof EnvironmentProfile p
        && name.equals(p.name)
        && role.equals(p.role)
        && region.equals(p.region)
        && CanonicalJson.same(parameters, p.parameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, role, region, CanonicalJson.sorted(parameters));
  }
}
