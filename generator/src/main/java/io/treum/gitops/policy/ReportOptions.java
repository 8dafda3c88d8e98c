package io.treum.gitops.policy;

/**
 * How to write the reports of a run.
 *
 * @param failOnWarn whether warnings fail the build ({@code treum.failOnWarn}): the verdict in the
 *     reports, and warnings become JUnit failures
 * @param treePath the validated tree's folder relative to the repository root, with {@code /}
 *     separators, or empty when the tree is the root: prefixed to the files findings name in SARIF
 *     and GitHub annotations, which both resolve paths against the repository root
 */
public record ReportOptions(boolean failOnWarn, String treePath) {

  public ReportOptions {
    String path = treePath == null ? "" : treePath.replace('\\', '/').strip();
    while (path.startsWith("./")) {
      path = path.substring(2);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.equals(".")) {
      path = "";
    }
    if (path.startsWith("/") || path.equals("..") || path.startsWith("../")) {
      throw new IllegalArgumentException(
          "the tree's path '" + treePath + "' must be relative to the repository root, inside it");
    }
    treePath = path;
  }

  /** Warnings do not fail; the tree is the repository root. */
  public static ReportOptions defaults() {
    return new ReportOptions(false, "");
  }

  /** A file a finding names, as a path from the repository root. */
  String repositoryPath(String file) {
    if (treePath.isEmpty() || file.startsWith("/")) {
      return file;
    }
    return treePath + "/" + file;
  }
}
