package io.treum.gitops.model;

import java.util.Objects;

/**
 * A container image reference {@code [registry/]repository[:tag][@digest]}, split the way
 * Kustomize's {@code images:} transformer splits it.
 *
 * @param repository the part before tag and digest, registry included
 * @param tag the tag, or {@code null}
 * @param digest the digest such as {@code sha256:…}, or {@code null}
 */
public record ImageReference(String repository, String tag, String digest) {

  public ImageReference {
    Objects.requireNonNull(repository, "repository");
    if (repository.isEmpty() || repository.contains(" ")) {
      throw new DefinitionException("invalid image repository '" + repository + "'");
    }
  }

  /** Parses {@code value}; throws a {@link DefinitionException} naming it when invalid. */
  public static ImageReference parse(String value) {
    if (value == null || value.isBlank()) {
      throw new DefinitionException("an image reference must not be empty");
    }
    String[] parts = io.treum.gitops.kustomize.ImageEntry.split(value);
    return new ImageReference(
        parts[0], parts[1].isEmpty() ? null : parts[1], parts[2].isEmpty() ? null : parts[2]);
  }

  /** The registry host, or {@code null} for a Docker Hub short name. */
  public String registry() {
    int slash = repository.indexOf('/');
    if (slash < 0) {
      return null;
    }
    String first = repository.substring(0, slash);
    return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : null;
  }

  /** The repository path without the registry host, e.g. {@code treum-service}. */
  public String path() {
    String registry = registry();
    return registry == null ? repository : repository.substring(registry.length() + 1);
  }

  /** The same image with another tag (and no digest). */
  public ImageReference withTag(String newTag) {
    return new ImageReference(repository, newTag, null);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(repository);
    if (tag != null) {
      s.append(':').append(tag);
    }
    if (digest != null) {
      s.append('@').append(digest);
    }
    return s.toString();
  }
}
