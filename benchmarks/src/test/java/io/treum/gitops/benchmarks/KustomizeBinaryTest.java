package io.treum.gitops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binary is found in the tests' order: explicit variable, tools folder, cache, PATH. */
class KustomizeBinaryTest {
  @TempDir Path dir;

  @Test
  void findsTheBinaryInTheTestsOrder() throws IOException {
    Path explicit = executable("explicit/kustomize");
    Path tools = executable("tools/kustomize");
    Path cache = executable("home/.cache/treum-tools/bin/kustomize");
    Path onPath = executable("path/kustomize");
    Path home = dir.resolve("home");
    String path = dir.resolve("empty") + ":" + onPath.getParent();

    assertThat(locate(Map.of("TREUM_KUSTOMIZE", explicit.toString(), "PATH", path), home))
        .isEqualTo(explicit);
    assertThat(locate(Map.of("TREUM_TOOLS_BIN", tools.getParent().toString()), home))
        .isEqualTo(tools);
    assertThat(locate(Map.of("TREUM_TOOLS_BIN", dir.resolve("empty").toString()), home))
        .isEqualTo(cache);
    assertThat(locate(Map.of("PATH", path), dir.resolve("nobody"))).isEqualTo(onPath);
    assertThat(KustomizeBinary.locate(Map.of("PATH", ""), dir.resolve("nobody"))).isEmpty();
  }

  @Test
  void anExplicitBinaryThatIsNotExecutableIsAnError() {
    assertThatThrownBy(
            () ->
                KustomizeBinary.locate(
                    Map.of("TREUM_KUSTOMIZE", dir.resolve("missing").toString()), dir))
        .hasMessageContaining("TREUM_KUSTOMIZE=" + dir.resolve("missing"))
        .hasMessageContaining("is not an executable file");
  }

  @Test
  void timesABuildAndKeepsItsOutput() throws IOException {
    Path fake = dir.resolve("kustomize");
    Files.writeString(fake, "#!/bin/sh\necho \"apiVersion: v1\"\necho \"$1 $2\" >&2\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));

    KustomizeBinary.Run run =
        new KustomizeBinary(fake).build(dir.resolve("overlay"), Duration.ofSeconds(30));

    assertThat(run.succeeded()).isTrue();
    assertThat(run.output()).isEqualTo("apiVersion: v1\n");
    assertThat(run.error()).isEqualTo("build " + dir.resolve("overlay") + "\n");
    assertThat(run.elapsed()).isPositive();
    assertThat(run.cpu()).isNotNull().isLessThan(run.elapsed().multipliedBy(4));
  }

  @Test
  void readsTheChildrensCpuTimeFromTheShellsTimes() {
    assertThat(KustomizeBinary.childrenCpu("0m0.002s 0m0.001s\n1m21.250s 0m2.750s\n"))
        .isEqualTo(Duration.ofSeconds(84));
    assertThat(KustomizeBinary.childrenCpu("0m0.000000s 0m0.000000s\n0m0.015000s 0m0.005000s"))
        .isEqualTo(Duration.ofMillis(20));
    assertThat(KustomizeBinary.childrenCpu("")).isNull();
    assertThat(KustomizeBinary.childrenCpu("0m0s 0m0s\nsoon")).isNull();
  }

  private static Path locate(Map<String, String> environment, Path home) {
    return KustomizeBinary.locate(environment, home).orElseThrow().path();
  }

  private Path executable(String relative) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
