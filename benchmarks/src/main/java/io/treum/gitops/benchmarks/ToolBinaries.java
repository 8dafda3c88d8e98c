package io.treum.gitops.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the command-line tools the benchmarks compare with as the tests find them: an explicit
 * variable ({@code TREUM_KUSTOMIZE}, {@code TREUM_CONFTEST}), then {@code $TREUM_TOOLS_BIN}, then
 * {@code ~/.cache/treum-tools/bin} (where {@code tools/install-test-tools.sh} puts them), then
 * {@code PATH}.
 */
final class ToolBinaries {
  private ToolBinaries() {}

  /**
   * The tool's executable.
   *
   * @param tool the executable's file name
   * @param variable the environment variable that names the executable explicitly
   * @param environment the process environment ({@code System.getenv()})
   * @param userHome the user's home folder
   * @return the executable, or empty when it is not installed
   * @throws IllegalStateException when {@code variable} names something not executable: an explicit
   *     choice that does not work is an error, not a reason to skip
   */
  static Optional<Path> locate(
      String tool, String variable, Map<String, String> environment, Path userHome) {
    String explicit = environment.get(variable);
    if (explicit != null && !explicit.isBlank()) {
      if (!Files.isExecutable(Path.of(explicit))) {
        throw new IllegalStateException(
            variable + "=" + explicit + " is not an executable file; fix or unset it");
      }
      return Optional.of(Path.of(explicit));
    }
    String toolsBin = environment.get("TREUM_TOOLS_BIN");
    if (toolsBin != null && !toolsBin.isBlank()) {
      Path candidate = Path.of(toolsBin, tool);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    Path cache = userHome.resolve(".cache/treum-tools/bin").resolve(tool);
    if (Files.isExecutable(cache)) {
      return Optional.of(cache);
    }
    for (String dir : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return Optional.of(Path.of(dir, tool));
      }
    }
    return Optional.empty();
  }
}
