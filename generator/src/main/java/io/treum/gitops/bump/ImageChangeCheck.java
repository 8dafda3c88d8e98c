package io.treum.gitops.bump;

import com.fasterxml.jackson.databind.JsonNode;
import io.treum.gitops.kustomize.ImageEntry;
import io.treum.gitops.kustomize.ResourceId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Proves that an overlay's edit changed nothing but images: its objects built before and after are
 * equal except for {@code image} fields, each of which kept its repository and now carries the new
 * tag and digest of a bumped image — and at least one container changed.
 */
final class ImageChangeCheck {
  /** One image field that changed, of the object at {@code position} in the build. */
  record Changed(int position, ResourceId object, String path, String before, String after) {}

  private ImageChangeCheck() {}

  /**
   * The image fields that changed.
   *
   * @throws BumpException naming the environment, object and field of anything else that changed,
   *     or when no container uses a bumped image
   */
  static List<Changed> check(
      String environment,
      List<? extends JsonNode> before,
      List<? extends JsonNode> after,
      List<ImageChange> changes) {
    if (before.size() != after.size()) {
      throw unexpected(
          environment, "the number of objects changed", before.size() + " → " + after.size());
    }
    List<Changed> changed = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      ResourceId id = ResourceId.of(before.get(i));
      if (!id.equals(ResourceId.of(after.get(i)))) {
        throw unexpected(
            environment, "object " + id + " became " + ResourceId.of(after.get(i)), "");
      }
      compare(environment, i, id, "", before.get(i), after.get(i), changed);
    }
    for (Changed field : changed) {
      String[] old = ImageEntry.split(field.before());
      String[] now = ImageEntry.split(field.after());
      boolean expected =
          old[0].equals(now[0])
              && changes.stream()
                  .anyMatch(
                      c ->
                          Objects.equals(emptyToNull(now[1]), c.tag())
                              && Objects.equals(emptyToNull(now[2]), c.digest()));
      if (!expected) {
        throw unexpected(
            environment,
            field.object() + " " + field.path() + " became " + field.after(),
            "from " + field.before());
      }
    }
    if (changed.isEmpty()) {
      throw new BumpException(
          "overlays/"
              + environment
              + " has no container that uses "
              + String.join(", ", changes.stream().map(ImageChange::image).toList())
              + ": check treum.image against the images the overlay builds, or leave "
              + environment
              + " out of treum.environments");
    }
    return changed;
  }

  private static void compare(
      String environment,
      int position,
      ResourceId id,
      String path,
      JsonNode before,
      JsonNode after,
      List<Changed> changed) {
    if (before.equals(after)) {
      return;
    }
    if (before.isObject() && after.isObject() && before.size() == after.size()) {
      for (Iterator<String> names = before.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        JsonNode other = after.get(name);
        if (other == null) {
          throw unexpected(environment, id + " lost " + path + "/" + name, "");
        }
        if (name.equals("image") && before.get(name).isTextual() && other.isTextual()) {
          if (!before.get(name).equals(other)) {
            changed.add(
                new Changed(
                    position, id, path + "/image", before.get(name).asText(), other.asText()));
          }
        } else {
          compare(environment, position, id, path + "/" + name, before.get(name), other, changed);
        }
      }
      return;
    }
    if (before.isArray() && after.isArray() && before.size() == after.size()) {
      for (int i = 0; i < before.size(); i++) {
        compare(environment, position, id, path + "/" + i, before.get(i), after.get(i), changed);
      }
      return;
    }
    throw unexpected(environment, id + " " + (path.isEmpty() ? "/" : path) + " changed", "");
  }

  private static BumpException unexpected(String environment, String what, String detail) {
    return new BumpException(
        "the bump would change more than images in overlays/"
            + environment
            + ": "
            + what
            + (detail.isEmpty() ? "" : " (" + detail + ")")
            + "; nothing was committed");
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
