package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GithubAnnotationsReportTest {
  static final ObjectRef API = new ObjectRef("apps/v1", "Deployment", "payments", "api");

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          plain text             | plain text             | plain text
          100%                   | 100%25                 | 100%25
          a:b,c                  | a:b,c                  | a%3Ab%2Cc
          %0A stays literal      | %250A stays literal    | %250A stays literal
          """)
  void escapesAsTheActionsToolkitDoes(String text, String data, String property) {
    assertThat(GithubAnnotationsReport.data(text)).isEqualTo(data);
    assertThat(GithubAnnotationsReport.property(text)).isEqualTo(property);
  }

  @Test
  void lineBreaksAndControlCharactersCannotStartAnotherCommand() {
    String text = "first\r\n::error::forged\u001b[31m";
    assertThat(GithubAnnotationsReport.data(text))
        .isEqualTo("first%0D%0A::error::forged\uFFFD[31m");
    assertThat(GithubAnnotationsReport.property(text))
        .isEqualTo("first%0D%0A%3A%3Aerror%3A%3Aforged\uFFFD[31m");
  }

  @Test
  void oneLinePerStandingFindingErrorsFirstWaivedLeftOut() {
    Finding warning = Finding.of("A-1", Severity.WARNING, "w", "dr", API).at("base/a,b:c.yaml", 4);
    Finding error = Finding.of("Z-9", Severity.ERROR, "e", "production", API);
    Finding info = Finding.of("B-2", Severity.INFO, "i", "dr", API).at("base/x.yaml", 0);
    Finding waived = Finding.of("C-3", Severity.ERROR, "accepted", "dr", API);
    Waiver waiver =
        new Waiver(
            "C-3",
            WaiverTarget.parse("Deployment/api"),
            null,
            "r",
            "o",
            LocalDate.of(2030, 1, 1),
            "treum-waivers.yaml",
            1,
            0);
    ValidationResult result =
        new ValidationResult(
            List.of("dr", "production"),
            List.of(warning, error, info),
            List.of(new WaivedFinding(waived, waiver)),
            RuleCatalogue.of(
                List.of(new Rule("A-1", "Probes, always: ready", Severity.WARNING, "", true))),
            3,
            9);
    assertThat(new GithubAnnotationsReport().render(result, new ReportOptions(false, "./deploy/")))
        .isEqualTo(
            """
            ::error title=Z-9::Deployment/payments/api (production): e
            ::warning file=deploy/base/a%2Cb%3Ac.yaml,line=4,title=A-1 Probes%2C always%3A ready::Deployment/payments/api (dr): w
            ::notice file=deploy/base/x.yaml,title=B-2::Deployment/payments/api (dr): i
            """);
  }

  @Test
  void aRunThatEvaluatedNothingSaysSoFirst() {
    ValidationResult result =
        new ValidationResult(List.of("dr"), List.of(), List.of(), RuleCatalogue.empty(), 0, 9);
    assertThat(new GithubAnnotationsReport().render(result, ReportOptions.defaults()))
        .startsWith("::error title=treum policies::no policy rule was evaluated");
  }
}
