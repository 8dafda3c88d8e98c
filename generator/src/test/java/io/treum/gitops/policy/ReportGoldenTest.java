package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every report format of every golden case, compared byte for byte with {@code
 * golden/reports/<case>/expected/}. To regenerate after an intended change, run with {@code
 * -Dtreum.golden.update=true} and review the diff.
 */
class ReportGoldenTest {

  static Stream<String> cases() {
    return GoldenRun.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theReportFolderMatchesTheGoldenFiles(String name, @TempDir Path out) throws IOException {
    GoldenRun run = GoldenRun.load(name);
    new ReportWriter().write(run.result(), run.options(), EnumSet.allOf(ReportFormat.class), out);
    if (Boolean.getBoolean("treum.golden.update")) {
      update(name, out);
    }
    assertThat(files(out)).isEqualTo(files(GoldenRun.expected(name)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsDoNotDependOnTheOrderFindingsArrive(String name) {
    GoldenRun run = GoldenRun.load(name);
    ValidationResult result = run.result();
    for (long seed = 0; seed < 5; seed++) {
      List<Finding> findings = new ArrayList<>(result.findings());
      List<WaivedFinding> waived = new ArrayList<>(result.waived());
      List<String> environments = new ArrayList<>(result.environments());
      Collections.shuffle(findings, new Random(seed));
      Collections.shuffle(waived, new Random(seed));
      Collections.shuffle(environments, new Random(seed));
      ValidationResult shuffled =
          new ValidationResult(
              environments,
              findings,
              waived,
              result.catalogue(),
              result.rulesEvaluated(),
              result.objectsEvaluated());
      for (ReportFormat format : ReportFormat.values()) {
        assertThat(format.report().render(shuffled, run.options()))
            .as(format.id())
            .isEqualTo(format.report().render(result, run.options()));
      }
    }
  }

  static Map<String, String> files(Path folder) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.list(folder)) {
      for (Path path : paths.toList()) {
        files.put(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  private static void update(String name, Path out) throws IOException {
    Path source = Path.of("src/test/resources/golden/reports").resolve(name).resolve("expected");
    Files.createDirectories(source);
    try (Stream<Path> old = Files.list(source)) {
      for (Path path : old.toList()) {
        Files.delete(path);
      }
    }
    try (Stream<Path> paths = Files.list(out)) {
      for (Path path : paths.toList()) {
        Files.copy(path, source.resolve(path.getFileName()));
      }
    }
  }
}
