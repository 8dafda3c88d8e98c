package io.treum.gitops.bump;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The new reference of one image: its name as the tree's {@code images:} entries and manifests know
 * it, and a new tag, a new digest, or both.
 *
 * @param image the image's name without tag or digest, e.g. {@code treum-service} or {@code
 *     111122223333.dkr.ecr.ap-south-1.amazonaws.com/treum-service}; matches an entry's {@code name}
 *     or {@code newName}
 * @param tag the new tag, or {@code null} to set only the digest
 * @param digest the new digest ({@code sha256:<64 hex>}), or {@code null} to set only the tag
 */
public record ImageChange(String image, String tag, String digest) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9._/:-]*[a-z0-9])?");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}");

  public ImageChange {
    Objects.requireNonNull(image, "image");
    if (!NAME.matcher(image).matches()
        || image.contains("//")
        || image.substring(image.lastIndexOf('/') + 1).contains(":")) {
      throw new BumpException(
          "treum.image '"
              + image
              + "' is not an image name: give the repository without tag or digest, e.g."
              + " treum-service or 111122223333.dkr.ecr.ap-south-1.amazonaws.com/treum-service");
    }
    if (tag != null && tag.isBlank()) {
      tag = null;
    }
    if (digest != null && digest.isBlank()) {
      digest = null;
    }
    if (tag == null && digest == null) {
      throw new BumpException(
          "nothing to bump for image " + image + ": give treum.tag, treum.digest or both");
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw new BumpException(
          "treum.tag '"
              + tag
              + "' is not a valid image tag (letters, digits, _ . -, at most 128, not starting"
              + " with . or -)");
    }
    if (digest != null && !DIGEST.matcher(digest).matches()) {
      throw new BumpException(
          "treum.digest '"
              + digest
              + "' is not a digest: expected sha256:<64 lowercase hex digits>");
    }
  }

  /**
   * One {@code treum.image} entry: a name, optionally with its own {@code :tag} and/or {@code
   * @digest}, which win over {@code tag} and {@code digest}.
   */
  public static ImageChange parse(String entry, String tag, String digest) {
    String[] parts = split(entry);
    if (parts[1] != null || parts[2] != null) {
      return new ImageChange(parts[0], parts[1], parts[2]);
    }
    return new ImageChange(parts[0], tag, digest);
  }

  /** The name of a {@code treum.image} entry, without its tag or digest. */
  public static String nameOf(String entry) {
    return split(entry)[0];
  }

  /** name, tag (or null), digest (or null); a registry's port is not a tag. */
  private static String[] split(String entry) {
    String name = entry.strip();
    String digest = null;
    int at = name.indexOf('@');
    if (at >= 0) {
      digest = name.substring(at + 1);
      name = name.substring(0, at);
    }
    String tag = null;
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      tag = name.substring(colon + 1);
      name = name.substring(0, colon);
    }
    return new String[] {name, tag, digest};
  }

  /** {@code name:tag@digest} with the parts given. */
  public String reference() {
    return image + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }
}
