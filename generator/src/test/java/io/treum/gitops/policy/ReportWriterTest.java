package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  static final ObjectRef API = new ObjectRef("apps/v1", "Deployment", "payments", "api");
  private final ReportWriter writer = new ReportWriter();

  static ValidationResult failing() {
    return new ValidationResult(
        List.of("dr"),
        List.of(Finding.of("R-1", Severity.ERROR, "broken", "dr", API)),
        List.of(),
        RuleCatalogue.empty(),
        1,
        1);
  }

  @Test
  void writesTheRequestedFormatsIntoAFolderItCreatesEvenForAFailingRun(@TempDir Path out)
      throws IOException {
    Path folder = out.resolve("target/treum/reports");
    List<Path> written =
        writer.write(
            failing(),
            ReportOptions.defaults(),
            ReportFormat.parseList(List.of("sarif,junit")),
            folder);
    assertThat(written)
        .containsExactly(
            folder.toAbsolutePath().resolve("TEST-treum-policies.xml"),
            folder.toAbsolutePath().resolve("treum-policies.sarif"));
    assertThat(listing(folder)).containsExactly("TEST-treum-policies.xml", "treum-policies.sarif");
    assertThat(Files.readString(folder.resolve("treum-policies.sarif")))
        .isEqualTo(new SarifReport().render(failing(), ReportOptions.defaults()));
  }

  @Test
  void replacesEarlierReportsAndLeavesNoTemporaryFiles(@TempDir Path out) throws IOException {
    Files.writeString(out.resolve("treum-report.txt"), "an older run");
    Files.writeString(out.resolve("notes.md"), "not ours");
    writer.write(failing(), ReportOptions.defaults(), EnumSet.allOf(ReportFormat.class), out);
    assertThat(listing(out))
        .containsExactly(
            "TEST-treum-policies.xml",
            "notes.md",
            "treum-github-annotations.txt",
            "treum-policies.sarif",
            "treum-report.json",
            "treum-report.txt");
    assertThat(Files.readString(out.resolve("treum-report.txt")))
        .endsWith("FAILED: policy violations: 1 error in dr\n");
    assertThat(Files.readString(out.resolve("notes.md"))).isEqualTo("not ours");
  }

  @Test
  void noFormatsWritesNothing(@TempDir Path out) {
    Path folder = out.resolve("reports");
    assertThat(writer.write(failing(), ReportOptions.defaults(), Set.of(), folder)).isEmpty();
    assertThat(folder).doesNotExist();
  }

  @Test
  void aReportFolderThatIsAFileIsRefused(@TempDir Path out) throws IOException {
    Path file = Files.writeString(out.resolve("reports"), "x");
    assertThatThrownBy(
            () ->
                writer.write(failing(), ReportOptions.defaults(), Set.of(ReportFormat.TEXT), file))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("treum.report.directory is " + file.toAbsolutePath())
        .hasMessageContaining("which is a file");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void aFileOnTheWayToTheReportFolderIsRefused(@TempDir Path out) throws IOException {
    Files.writeString(out.resolve("target"), "x");
    Path folder = out.resolve("target/treum/reports");
    assertThatThrownBy(
            () ->
                writer.write(
                    failing(), ReportOptions.defaults(), Set.of(ReportFormat.TEXT), folder))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("cannot create the report folder " + folder.toAbsolutePath())
        .hasMessageContaining("treum.report.directory");
  }

  @Test
  void aFolderInPlaceOfAReportIsRefused(@TempDir Path out) throws IOException {
    Files.createDirectories(out.resolve("treum-report.json/inside"));
    assertThatThrownBy(
            () -> writer.write(failing(), ReportOptions.defaults(), Set.of(ReportFormat.JSON), out))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("treum-report.json is a folder where treum writes a report");
  }

  private static List<String> listing(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
