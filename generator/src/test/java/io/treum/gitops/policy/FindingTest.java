package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FindingTest {
  static final ObjectRef API = new ObjectRef("apps/v1", "Deployment", "payments", "api");

  static Finding finding(String environment, String rule, ObjectRef object, String message) {
    return Finding.of(rule, Severity.ERROR, message, environment, object);
  }

  static Stream<Arguments> locations() {
    return Stream.of(
        Arguments.of(null, 0, null, false),
        Arguments.of("", 0, null, false),
        Arguments.of("overlays/dr/a.yaml", 0, "overlays/dr/a.yaml", false),
        Arguments.of("overlays/dr/a.yaml", 7, "overlays/dr/a.yaml:7", true),
        Arguments.of("overlays\\dr\\a.yaml", 7, "overlays/dr/a.yaml:7", true));
  }

  @ParameterizedTest(name = "{0}:{1} -> {2}")
  @MethodSource("locations")
  void locationIsFileAndLineWhenKnown(String file, int line, String location, boolean hasLine) {
    Finding finding = finding("dr", "R", API, "m").at(file, line);
    assertThat(finding.location()).isEqualTo(location);
    assertThat(finding.hasLine()).isEqualTo(hasLine);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            (Runnable) () -> Finding.of("", Severity.ERROR, "m", "dr", API), "rule id must not"),
        Arguments.of((Runnable) () -> Finding.of("R", null, "m", "dr", API), "severity"),
        Arguments.of(
            (Runnable) () -> Finding.of("R", Severity.ERROR, "m", " ", API), "environment"),
        Arguments.of((Runnable) () -> Finding.of("R", Severity.ERROR, "m", "dr", null), "object"),
        Arguments.of(
            (Runnable) () -> finding("dr", "R", API, "m").at("a.yaml", -1), "line must be 0"),
        Arguments.of((Runnable) () -> finding("dr", "R", API, "m").at(null, 3), "a line needs"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalid")
  void invalidFindingsAreRefused(Runnable create, String message) {
    assertThatThrownBy(create::run).hasMessageContaining(message);
  }

  @Test
  void aNullMessageIsEmptyAndDefinitionsAreKept() {
    Finding finding =
        Finding.of("R", Severity.INFO, null, "dr", API).definedBy("io.treum.Platform#api");
    assertThat(finding.message()).isEmpty();
    assertThat(finding.definition()).isEqualTo("io.treum.Platform#api");
  }

  @Test
  void sortsByEnvironmentRuleObjectFileLineMessage() {
    ObjectRef web = new ObjectRef("apps/v1", "Deployment", "payments", "web");
    List<Finding> sorted =
        List.of(
            finding(Finding.ALL_ENVIRONMENTS, "TREUM-WAIVER-UNUSED", API, "m"),
            finding("dr", "A", API, "m"),
            finding("dr", "A", web, "m"),
            finding("dr", "B", API, "m"),
            finding("production", "A", API, "a"),
            finding("production", "A", API, "a").at("x.yaml", 0),
            finding("production", "A", API, "a").at("x.yaml", 2),
            finding("production", "A", API, "a").at("x.yaml", 10),
            finding("production", "A", API, "b").at("x.yaml", 10),
            new Finding("A", Severity.WARNING, "b", "production", API, "x.yaml", 10, null));
    for (long seed = 0; seed < 20; seed++) {
      List<Finding> shuffled = new ArrayList<>(sorted);
      Collections.shuffle(shuffled, new Random(seed));
      Collections.sort(shuffled);
      assertThat(shuffled).containsExactlyElementsOf(sorted);
    }
  }
}
