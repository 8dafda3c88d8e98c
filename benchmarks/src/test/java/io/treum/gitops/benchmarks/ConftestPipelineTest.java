package io.treum.gitops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipelines run with stand-ins for kustomize and conftest that record their arguments. */
class ConftestPipelineTest {
  @TempDir Path dir;

  @Test
  void crossRulesOnceRunsTheResourcePackagesOnTheBuildAndTheCrossPackagesOnAnEmptyDocument()
      throws IOException {
    ConftestPipeline pipeline = pipeline();

    ConftestPipeline.Run run =
        pipeline.run(
            ConftestPipeline.Mode.CROSS_RULES_ONCE,
            dir.resolve("tree"),
            List.of("dr", "production"),
            dir.resolve("data"),
            dir.resolve("out"),
            Duration.ofSeconds(30));

    assertThat(run.succeeded()).as(run.problems().toString()).isTrue();
    assertThat(run.cpu()).isNotNull();
    assertThat(run.outputs().get("dr")).hasSize(2);
    assertThat(run.outputs().get("dr").get(0))
        .contains("--namespace treum.resource.images --namespace treum.resource.security")
        .contains("--data " + dir.resolve("data/dr.json"))
        .contains("stdin: built " + dir.resolve("tree/overlays/dr"));
    assertThat(run.outputs().get("dr").get(1))
        .contains("--namespace treum.cross.standby")
        .contains(dir.resolve("out/empty.json").toString());
  }

  @Test
  void allNamespacesRunsOnceAndAFailingBuildIsAProblem() throws IOException {
    ConftestPipeline pipeline = pipeline();

    ConftestPipeline.Run run =
        pipeline.run(
            ConftestPipeline.Mode.ALL_NAMESPACES,
            dir.resolve("tree"),
            List.of("production", "broken"),
            dir.resolve("data"),
            dir.resolve("out"),
            Duration.ofSeconds(30));

    assertThat(run.outputs()).containsOnlyKeys("production");
    assertThat(run.outputs().get("production"))
        .singleElement()
        .asString()
        .contains("test -p " + dir.resolve("rego") + " --all-namespaces");
    assertThat(run.problems())
        .singleElement()
        .asString()
        .contains("kustomize build overlays/broken failed (1): no such overlay");
  }

  @Test
  void conftestIsFoundByItsOwnVariable() throws IOException {
    Path conftest = executable("bin/conftest", "#!/bin/sh\n");

    assertThat(
            ConftestPipeline.locateConftest(
                Map.of("TREUM_CONFTEST", conftest.toString()), dir.resolve("home")))
        .contains(conftest);
    assertThat(ConftestPipeline.locateConftest(Map.of("PATH", ""), dir.resolve("home"))).isEmpty();
  }

  private ConftestPipeline pipeline() throws IOException {
    Path rego = dir.resolve("rego/treum");
    Files.createDirectories(rego.resolve("resource"));
    Files.createDirectories(rego.resolve("cross"));
    Files.writeString(rego.resolve("resource/images.rego"), "package treum.resource.images\n");
    Files.writeString(
        rego.resolve("resource/security.rego"), "# rules\npackage treum.resource.security\n");
    Files.writeString(rego.resolve("cross/standby.rego"), "package treum.cross.standby\n");
    Path kustomize =
        executable(
            "bin/kustomize",
            "#!/bin/sh\ncase \"$2\" in *broken) echo 'no such overlay' >&2; exit 1;; esac\n"
                + "echo \"built $2\"\n");
    // conftest's stand-in prints its arguments and what it read as one JSON string
    Path conftest =
        executable(
            "bin/conftest",
            "#!/bin/sh\nargs=\"$*\"\nif [ \"$(eval echo \\${$#})\" = - ]; then"
                + " input=$(cat); else input=file; fi\n"
                + "printf '[\"%s stdin: %s\"]' \"$args\" \"$input\"\n");
    return new ConftestPipeline(kustomize, conftest, dir.resolve("rego"));
  }

  private Path executable(String relative, String script) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
