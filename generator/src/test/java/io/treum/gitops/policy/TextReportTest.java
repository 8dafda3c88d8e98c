package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextReportTest {
  static final ObjectRef API = new ObjectRef("apps/v1", "Deployment", "payments", "api");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          clean, warnings allowed     | 0 | false | PASSED
          warning, warnings allowed   | 1 | false | PASSED
          warning, failOnWarn         | 1 | true  | FAILED: policy violations: 1 warning (treum.failOnWarn) in dr
          """)
  void theLastLineIsTheVerdict(String name, int warnings, boolean failOnWarn, String verdict) {
    List<Finding> findings =
        warnings == 0 ? List.of() : List.of(Finding.of("W-1", Severity.WARNING, "w", "dr", API));
    ValidationResult result =
        new ValidationResult(List.of("dr"), findings, List.of(), RuleCatalogue.empty(), 1, 1);
    String text = new TextReport().render(result, new ReportOptions(failOnWarn, ""));
    List<String> lines = text.lines().toList();
    assertThat(lines.get(lines.size() - 1)).isEqualTo(verdict);
    assertThat(lines.get(lines.size() - 2)).startsWith("Summary: ");
  }

  @Test
  void escapeSequencesFromManifestsCannotRewriteTheConsole() {
    Finding finding =
        Finding.of("R-1", Severity.ERROR, "image \u001b[2J\u001b[Hclean\u009b", "dr", API);
    ValidationResult result =
        new ValidationResult(
            List.of("dr"), List.of(finding), List.of(), RuleCatalogue.empty(), 1, 1);
    String text = new TextReport().render(result, ReportOptions.defaults());
    assertThat(text).doesNotContain("\u001b", "\u009b");
    assertThat(text).contains("    Deployment/payments/api: image \uFFFD[2J\uFFFD[Hclean\uFFFD\n");
  }

  @Test
  void multiLineMessagesStayIndentedUnderTheirObject() {
    Finding finding = Finding.of("R-1", Severity.ERROR, "first\nsecond\r\nthird", "dr", API);
    ValidationResult result =
        new ValidationResult(
            List.of("dr"), List.of(finding), List.of(), RuleCatalogue.empty(), 1, 1);
    assertThat(new TextReport().render(result, ReportOptions.defaults()))
        .isEqualTo(
            """
            dr: 1 error
              R-1: 1 error
                Deployment/payments/api: first
                  second
                  third

            Summary: 1 error; 1 rule evaluated on 1 object in 1 environment
            FAILED: policy violations: 1 error in dr
            """);
  }
}
