package io.treum.gitops.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the command-line tools the tests compare against (kustomize, opa) the same way for every
 * tool and like the build's scripts do: the tool's own variable ({@code TREUM_KUSTOMIZE}, {@code
 * TREUM_OPA}), then {@code $TREUM_TOOLS_BIN}, then {@code ~/.cache/treum-tools/bin} (where {@code
 * tools/install-test-tools.sh} puts them), then {@code PATH}. A missing tool fails the test with
 * instructions; it never skips.
 */
public final class ToolLocator {
  private ToolLocator() {}

  /**
   * @param name the executable's file name
   * @param variable the environment variable that may name the executable itself
   * @param install how to install it, for the failure message
   * @throws AssertionError when the tool is not found
   */
  public static Path find(String name, String variable, String install) {
    String explicit = System.getenv(variable);
    if (explicit != null && !explicit.isBlank()) {
      Path path = Path.of(explicit);
      if (Files.isExecutable(path)) {
        return path;
      }
      throw new AssertionError(variable + "=" + explicit + " is not an executable file");
    }
    String toolsBin = System.getenv("TREUM_TOOLS_BIN");
    if (toolsBin != null && !toolsBin.isBlank() && Files.isExecutable(Path.of(toolsBin, name))) {
      return Path.of(toolsBin, name);
    }
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "treum-tools", "bin", name);
    if (Files.isExecutable(cache)) {
      return cache;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(
        name
            + " is required by this test but was not found (set "
            + variable
            + ", TREUM_TOOLS_BIN or PATH). Install it with: "
            + install);
  }
}
