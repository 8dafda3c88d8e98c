package io.treum.gitops.bump;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The commit message of a bump, its trailers, and the bump id they carry. */
public final class BumpMessage {
  /** The default of {@code treum.message}. */
  public static final String DEFAULT_TEMPLATE = "Bump {image} to {reference} in {environments}";

  /** The trailer with the new reference of each image. */
  public static final String IMAGE_TRAILER = "Treum-Image";

  /** The trailer with the environments changed. */
  public static final String ENVIRONMENTS_TRAILER = "Treum-Environments";

  /** The trailer with the bump id, which makes a bump idempotent. */
  public static final String BUMP_ID_TRAILER = "Treum-Bump-Id";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

  private BumpMessage() {}

  /**
   * The id of a bump: a hash of the new references and the environments, so that running the same
   * bump again finds its own commit.
   */
  public static String bumpId(List<ImageChange> changes, List<String> environments) {
    StringBuilder text = new StringBuilder();
    changes.stream().map(ImageChange::reference).sorted().forEach(r -> text.append(r).append('\n'));
    environments.stream().sorted().forEach(e -> text.append("env ").append(e).append('\n'));
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * The full message: the template with its placeholders filled, a blank line, the trailers.
   *
   * @throws BumpException naming an unknown placeholder
   */
  public static String render(
      String template,
      List<ImageChange> changes,
      List<String> environments,
      String sourceCommit,
      String bumpId) {
    Map<String, String> values = new TreeMap<>();
    values.put("image", String.join(", ", changes.stream().map(ImageChange::image).toList()));
    values.put("tag", join(changes.stream().map(ImageChange::tag).toList()));
    values.put("digest", join(changes.stream().map(ImageChange::digest).toList()));
    values.put(
        "reference",
        String.join(
            ", ",
            changes.stream()
                .map(c -> c.reference().substring(c.image().length()).replaceFirst("^:", ""))
                .toList()));
    values.put("environments", String.join(", ", environments));
    values.put("sourceCommit", sourceCommit == null ? "" : sourceCommit);
    values.put("bumpId", bumpId);
    Matcher matcher = PLACEHOLDER.matcher(template == null ? DEFAULT_TEMPLATE : template);
    StringBuilder subject = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new BumpException(
            "treum.message uses the unknown placeholder {"
                + matcher.group(1)
                + "}; known: "
                + String.join(", ", values.keySet().stream().map(k -> "{" + k + "}").toList()));
      }
      matcher.appendReplacement(subject, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(subject);
    StringBuilder message = new StringBuilder(subject.toString().strip()).append("\n\n");
    if (sourceCommit != null && !sourceCommit.isBlank()) {
      message.append("Source commit: ").append(sourceCommit).append("\n\n");
    }
    for (ImageChange change : changes) {
      message.append(IMAGE_TRAILER).append(": ").append(change.reference()).append('\n');
    }
    message.append(ENVIRONMENTS_TRAILER).append(": ").append(String.join(", ", environments));
    message.append('\n').append(BUMP_ID_TRAILER).append(": ").append(bumpId).append('\n');
    return message.toString();
  }

  private static String join(List<String> values) {
    return String.join(", ", values.stream().map(v -> v == null ? "" : v).toList());
  }
}
