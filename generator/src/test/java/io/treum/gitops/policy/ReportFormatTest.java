package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReportFormatTest {

  static Stream<Arguments> lists() {
    return Stream.of(
        Arguments.of(List.of("text,json,junit,sarif,github"), List.of(ReportFormat.values())),
        Arguments.of(List.of("sarif", "text"), List.of(ReportFormat.TEXT, ReportFormat.SARIF)),
        Arguments.of(
            List.of(" SARIF , junit,,sarif "), List.of(ReportFormat.JUNIT, ReportFormat.SARIF)),
        Arguments.of(List.of(), List.of()),
        Arguments.of(List.of(""), List.of()),
        Arguments.of(Arrays.asList("github", null), List.of(ReportFormat.GITHUB)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("lists")
  void parsesTheParameterInDeclarationOrder(List<String> values, List<ReportFormat> formats) {
    assertThat(ReportFormat.parseList(values)).containsExactlyElementsOf(formats);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unknown")
  void unknownFormatsNameTheParameterAndTheAllowedValues(String value, String unknown) {
    assertThatThrownBy(() -> ReportFormat.parseList(List.of(value)))
        .isInstanceOf(ReportException.class)
        .hasMessage(
            "treum.report.formats names the unknown report format '"
                + unknown
                + "': use any of text,json,junit,sarif,github");
  }

  static Stream<Arguments> unknown() {
    return Stream.of(
        Arguments.of("html", "html"),
        Arguments.of("text,xml", "xml"),
        Arguments.of("junit-xml", "junit-xml"),
        Arguments.of("sarif;json", "sarif;json"));
  }
}
