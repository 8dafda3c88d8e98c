package io.treum.gitops.testing.gen;

import io.treum.gitops.model.Environment;

/**
 * A container image as its parts.
 *
 * @param registry a registry host, {@link #ENV_REGISTRY} for the environment's registry, or {@code
 *     null} for a Docker Hub short name
 * @param path the repository path
 * @param tag the tag, or {@code null}
 * @param digest the digest, or {@code null}
 */
public record ImageSpec(String registry, String path, String tag, String digest) {
  /** Stands for the registry of the environment the image is used in. */
  public static final String ENV_REGISTRY = "<env>";

  public String reference(Environment environment) {
    StringBuilder s = new StringBuilder();
    if (ENV_REGISTRY.equals(registry)) {
      s.append(environment.registry()).append('/');
    } else if (registry != null) {
      s.append(registry).append('/');
    }
    s.append(path);
    if (tag != null) {
      s.append(':').append(tag);
    }
    if (digest != null) {
      s.append('@').append(digest);
    }
    return s.toString();
  }

  public ImageSpec withRegistry(String value) {
    return new ImageSpec(value, path, tag, digest);
  }

  public ImageSpec withTag(String value) {
    return new ImageSpec(registry, path, value, digest);
  }

  public ImageSpec withDigest(String value) {
    return new ImageSpec(registry, path, tag, value);
  }

  @Override
  public String toString() {
    return (registry == null ? "" : registry + "/")
        + path
        + (tag == null ? "" : ":" + tag)
        + (digest == null ? "" : "@" + digest.substring(0, Math.min(digest.length(), 12)));
  }
}
