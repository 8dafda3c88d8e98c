package io.treum.gitops.testing;

import java.nio.file.Path;
import java.util.Map;

/**
 * The real {@code opa} binary (v1.22.x), which compiles user policies. Found like {@link
 * KustomizeCli}: {@code TREUM_OPA}, {@code $TREUM_TOOLS_BIN}, {@code ~/.cache/treum-tools/bin},
 * {@code PATH}; a missing binary fails the test.
 */
public final class OpaCli {
  private OpaCli() {}

  public static Path binary() {
    return ToolLocator.find(
        "opa",
        "TREUM_OPA",
        "tools/install-test-tools.sh (go install github.com/open-policy-agent/opa@v1.22.3)");
  }

  /** An environment in which treum finds this opa and nothing else. */
  public static Map<String, String> environment() {
    return Map.of("TREUM_OPA", binary().toString());
  }
}
