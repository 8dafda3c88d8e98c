package io.treum.gitops.kustomize;

/**
 * One {@code images:} entry of a kustomization. {@code null} means the field is absent.
 *
 * @param name the repository to match, registry included, no tag
 */
public record ImageEntry(
    String name, String newName, String newTag, String digest, String tagSuffix) {

  /**
   * Splits an image reference into repository, tag and digest exactly as Kustomize does (the
   * tag/digest search starts after the first {@code /}, so a registry port is not a tag). Missing
   * parts are empty strings.
   */
  public static String[] split(String image) {
    int slash = image.indexOf('/');
    String search = image;
    int offset = 0;
    if (slash > 0) {
      search = image.substring(slash);
      offset = slash;
    }
    int at = search.indexOf('@');
    int colon = search.indexOf(':');
    if (colon < 0 && at < 0) {
      return new String[] {image, "", ""};
    }
    if (at >= 0 && (at < colon || colon < 0)) {
      at += offset;
      return new String[] {image.substring(0, at), "", image.substring(at + 1)};
    }
    if (at >= 0) {
      at += offset;
      colon += offset;
      return new String[] {
        image.substring(0, colon), image.substring(colon + 1, at), image.substring(at + 1)
      };
    }
    colon += offset;
    return new String[] {image.substring(0, colon), image.substring(colon + 1), ""};
  }
}
