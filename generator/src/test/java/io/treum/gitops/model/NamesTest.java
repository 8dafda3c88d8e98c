package io.treum.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NamesTest {
  /** A value and whether it is a DNS-1123 label, a DNS-1123 subdomain. */
  record Row(String value, boolean label, boolean subdomain) {
    @Override
    public String toString() {
      return value == null
          ? "null"
          : "'" + value.replace("\n", "\\n") + "' (" + value.length() + ")";
    }
  }

  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("a", true, true));
    rows.add(new Row("0", true, true));
    rows.add(new Row("treum-api", true, true));
    rows.add(new Row("a1-b2", true, true));
    rows.add(new Row("a".repeat(63), true, true));
    rows.add(new Row("a".repeat(64), false, true));
    rows.add(new Row("a.b", false, true));
    rows.add(new Row("things.example.com", false, true));
    rows.add(new Row("a".repeat(253), false, true));
    rows.add(new Row("a".repeat(254), false, false));
    rows.add(new Row("", false, false));
    rows.add(new Row(null, false, false));
    rows.add(new Row("-a", false, false));
    rows.add(new Row("a-", false, false));
    rows.add(new Row("Prod", false, false));
    rows.add(new Row("a_b", false, false));
    rows.add(new Row("a/b", false, false));
    rows.add(new Row("..", false, false));
    rows.add(new Row("a..b", false, false));
    rows.add(new Row(".a", false, false));
    rows.add(new Row("a.", false, false));
    rows.add(new Row("a b", false, false));
    rows.add(new Row("a\n", false, false));
    rows.add(new Row("ä", false, false));
    rows.add(new Row("a.-b", false, false));
    return rows;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void dns1123(Row row) {
    assertThat(Names.isDns1123Label(row.value())).isEqualTo(row.label());
    assertThat(Names.isDns1123Subdomain(row.value())).isEqualTo(row.subdomain());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void requireNamesTheValueAndTheRule(Row row) {
    if (row.label()) {
      assertThat(Names.requireDns1123Label(row.value(), "workload name")).isEqualTo(row.value());
    } else {
      assertThatThrownBy(() -> Names.requireDns1123Label(row.value(), "workload name"))
          .isInstanceOf(DefinitionException.class)
          .hasMessageStartingWith("workload name '" + row.value() + "'")
          .hasMessageContaining("at most 63 lower-case letters, digits and '-'");
    }
  }

  /** Label keys and values, as Kubernetes validates them. */
  record Label(String key, String value, boolean valid) {
    @Override
    public String toString() {
      return key + "=" + value;
    }
  }

  static List<Label> labels() {
    return List.of(
        new Label("team", "platform", true),
        new Label("app.kubernetes.io/name", "treum-api", true),
        new Label("treum.io/environment", "", true),
        new Label("Team_1.x", "Value_1.x", true),
        new Label("k", "v".repeat(63), true),
        new Label("k".repeat(63), "v", true),
        new Label("k", "v".repeat(64), false),
        new Label("k".repeat(64), "v", false),
        new Label("", "v", false),
        new Label("/k", "v", false),
        new Label("Example.com/k", "v", false),
        new Label("a/b/c", "v", false),
        new Label("k", "has space", false),
        new Label("k", "-lead", false),
        new Label("k", "trail.", false),
        new Label("k", "a/b", false),
        new Label("k", null, false),
        new Label(null, "v", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("labels")
  void labelsFollowKubernetes(Label label) {
    if (label.valid()) {
      Names.requireLabel(label.key(), label.value(), "environment prod");
      return;
    }
    assertThatThrownBy(() -> Names.requireLabel(label.key(), label.value(), "environment prod"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("environment prod: ")
        .hasMessageContaining(
            Names.isLabelKey(label.key()) ? "'" + label.value() + "'" : "'" + label.key() + "'");
  }
}
