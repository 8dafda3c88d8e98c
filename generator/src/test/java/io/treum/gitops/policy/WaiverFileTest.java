package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.kustomize.ManifestYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WaiverFileTest {
  private final WaiverFile reader = new WaiverFile(new ManifestYaml());

  static final String VALID =
      """
      # accepted risks, reviewed monthly
      waivers:
        - rule: TREUM-SEC-001
          object: Deployment/payments/api
          environment: production
          reason: needs root until the base image moves to distroless (PLAT-123)
          owner: team-payments
          expires: 2026-09-30

        - rule: TREUM-REL-001
          object:
            kind: Deployment
            name: worker
          reason: batch worker, nothing serves
          owner: "@treum/platform"
          expires: "2027-01-31"
      """;

  @Test
  void readsBothObjectFormsWithTheirLines() {
    Waivers waivers = reader.parse(VALID, "treum-waivers.yaml");
    assertThat(waivers.file()).isEqualTo("treum-waivers.yaml");
    assertThat(waivers.entries())
        .containsExactly(
            new Waiver(
                "TREUM-SEC-001",
                new WaiverTarget("Deployment", "payments", "api"),
                "production",
                "needs root until the base image moves to distroless (PLAT-123)",
                "team-payments",
                LocalDate.of(2026, 9, 30),
                "treum-waivers.yaml",
                1,
                3),
            new Waiver(
                "TREUM-REL-001",
                new WaiverTarget("Deployment", null, "worker"),
                null,
                "batch worker, nothing serves",
                "@treum/platform",
                LocalDate.of(2027, 1, 31),
                "treum-waivers.yaml",
                2,
                10));
    assertThat(waivers.entries().get(0).describe())
        .isEqualTo(
            "waiver 1 (TREUM-SEC-001 on Deployment/payments/api in production) at"
                + " treum-waivers.yaml:3");
  }

  @ParameterizedTest
  @MethodSource("emptyFiles")
  void emptyFilesHoldNoWaivers(String text) {
    assertThat(reader.parse(text, "w.yaml").entries()).isEmpty();
  }

  static Stream<String> emptyFiles() {
    return Stream.of("", "# nothing waived\n", "waivers:\n", "waivers: []\n", "---\n");
  }

  static final String ENTRY =
      "waivers:\n  - rule: R\n    object: Deployment/ns/api\n    reason: r\n    owner: o\n";

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            "waivers: {}\n", "w.yaml: 'waivers' must be a list of entries, found a mapping"),
        Arguments.of(
            "- rule: R\n", "w.yaml: expected a mapping with a 'waivers:' list, found a list"),
        Arguments.of("waiver: []\n", "w.yaml: unknown top-level field 'waiver'"),
        Arguments.of("waivers: []\n---\nwaivers: []\n", "w.yaml: holds 2 YAML documents"),
        Arguments.of("waivers: [a: b\n", "w.yaml: "),
        Arguments.of("waivers: []\nwaivers: []\n", "w.yaml: duplicate key"),
        Arguments.of("waivers:\n  - just text\n", "w.yaml: waiver 1 (line 2): expected a mapping"),
        Arguments.of(
            ENTRY + "    expires: 2026-01-01\n    expiry: 2026-01-01\n",
            "w.yaml: waiver 1 (line 2): unknown field 'expiry'; allowed: rule, object,"
                + " environment, reason, owner, expires"),
        Arguments.of(ENTRY, "w.yaml: waiver 1 (line 2): missing 'expires'"),
        Arguments.of(
            ENTRY.replace("    owner: o\n", "") + "    expires: 2026-01-01\n",
            "w.yaml: waiver 1 (line 2): missing 'owner'"),
        Arguments.of(
            ENTRY.replace("    reason: r\n", "    reason: ' '\n") + "    expires: 2026-01-01\n",
            "w.yaml: waiver 1 (line 2): 'reason' is empty"),
        Arguments.of(
            ENTRY.replace("- rule: R\n", "- rule: 42\n") + "    expires: 2026-01-01\n",
            "w.yaml: waiver 1 (line 2): 'rule' must be a string, found 42 (quote it)"),
        Arguments.of(
            ENTRY + "    expires: 2026-02-30\n",
            "w.yaml: waiver 1 (line 2): 'expires' is '2026-02-30', not a date: write it as"
                + " yyyy-MM-dd"),
        Arguments.of(
            ENTRY + "    expires: 30/09/2026\n",
            "w.yaml: waiver 1 (line 2): 'expires' is '30/09/2026', not a date"),
        Arguments.of(
            ENTRY + "    expires: 2026-09-30T00:00:00Z\n",
            "w.yaml: waiver 1 (line 2): 'expires' is '2026-09-30T00:00:00Z', not a date"),
        Arguments.of(
            ENTRY.replace("Deployment/ns/api", "Deployment") + "    expires: 2026-01-01\n",
            "w.yaml: waiver 1 (line 2): object 'Deployment' must be Kind/namespace/name or"
                + " Kind/name"),
        Arguments.of(
            ENTRY.replace("Deployment/ns/api", "Deployment//api") + "    expires: 2026-01-01\n",
            "w.yaml: waiver 1 (line 2): object 'Deployment//api' must be"),
        Arguments.of(
            ENTRY.replace("Deployment/ns/api", "{kind: Deployment, nmae: api}")
                + "    expires: 2026-01-01\n",
            "w.yaml: waiver 1 (line 2), object: unknown field 'nmae'; allowed: kind, namespace,"
                + " name"),
        Arguments.of(
            ENTRY.replace("Deployment/ns/api", "{kind: Deployment}") + "    expires: 2026-01-01\n",
            "w.yaml: waiver 1 (line 2), object: missing 'name'"),
        Arguments.of(
            ENTRY.replace("Deployment/ns/api", "[Deployment, api]") + "    expires: 2026-01-01\n",
            "w.yaml: waiver 1 (line 2): 'object' must be Kind/namespace/name, Kind/name or a"
                + " mapping"),
        Arguments.of(
            ENTRY.replace("    object: Deployment/ns/api\n", "") + "    expires: 2026-01-01\n",
            "w.yaml: waiver 1 (line 2): missing 'object'"),
        Arguments.of(
            ENTRY
                + "    expires: 2026-01-01\n"
                + ENTRY.substring("waivers:\n".length())
                + "    expires: 2027-01-01\n",
            "w.yaml: waiver 2 (line 7): repeats waiver 1 (same rule, object and environment)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalid")
  void invalidFilesAreNamedWithTheEntry(String text, String message) {
    assertThatThrownBy(() -> reader.parse(text, "w.yaml"))
        .isInstanceOf(WaiverException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void yamlBombsAreRefusedByTheManifestReader() {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        bomb.append(i == 0 ? "" : ", ").append('*').append((char) (c - 1));
      }
      bomb.append("]\n");
    }
    assertThatThrownBy(() -> reader.parse(bomb.toString(), "w.yaml"))
        .isInstanceOf(WaiverException.class)
        .hasMessageStartingWith("w.yaml: ")
        .hasMessageContaining("aliases");
  }

  @Test
  void theDefaultFileMayBeAbsentButANamedOneMayNot(@TempDir Path tree) throws IOException {
    assertThat(reader.read(tree, null)).isEqualTo(Waivers.none());
    Path named = tree.resolve("config/waivers.yaml");
    assertThatThrownBy(() -> reader.read(tree, named))
        .isInstanceOf(WaiverException.class)
        .hasMessageContaining("treum.waivers names the waiver file " + named.toAbsolutePath())
        .hasMessageContaining("does not exist");
    Files.createDirectories(named);
    assertThatThrownBy(() -> reader.read(tree, named))
        .isInstanceOf(WaiverException.class)
        .hasMessageContaining("is not a regular file");
  }

  @Test
  void filesInsideTheTreeAreNamedFromItsRoot(@TempDir Path tree, @TempDir Path elsewhere)
      throws IOException {
    Files.writeString(tree.resolve(WaiverFile.DEFAULT_NAME), VALID);
    assertThat(reader.read(tree, null).file()).isEqualTo("treum-waivers.yaml");
    assertThat(reader.read(tree, null).entries()).hasSize(2);
    Files.createDirectories(tree.resolve("policy"));
    Path nested = Files.writeString(tree.resolve("policy/waivers.yaml"), VALID);
    assertThat(reader.read(tree, nested).entries().get(0).file()).isEqualTo("policy/waivers.yaml");
    Path outside = Files.writeString(elsewhere.resolve("waivers.yaml"), "waivers: [\n");
    assertThatThrownBy(() -> reader.read(tree, outside))
        .isInstanceOf(WaiverException.class)
        .hasMessageStartingWith(outside.toAbsolutePath().normalize() + ": ");
  }
}
