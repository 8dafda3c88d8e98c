package io.treum.gitops.policy;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The report formats {@value #PARAMETER} can ask for, each with its file in the report folder. */
public enum ReportFormat {
  /** The console text, grouped by environment and rule: {@link TextReport}. */
  TEXT("text", "treum-report.txt", new TextReport()),
  /** Machine-readable findings: {@link JsonReport}. */
  JSON("json", "treum-report.json", new JsonReport()),
  /** JUnit XML, for CI test views: {@link JunitReport}. */
  JUNIT("junit", "TEST-treum-policies.xml", new JunitReport()),
  /** SARIF 2.1.0, for code scanning: {@link SarifReport}. */
  SARIF("sarif", "treum-policies.sarif", new SarifReport()),
  /** GitHub Actions workflow commands: {@link GithubAnnotationsReport}. */
  GITHUB("github", "treum-github-annotations.txt", new GithubAnnotationsReport());

  /** The parameter that lists the formats. */
  public static final String PARAMETER = "treum.report.formats";

  private final String id;
  private final String fileName;
  private final PolicyReport report;

  ReportFormat(String id, String fileName, PolicyReport report) {
    this.id = id;
    this.fileName = fileName;
    this.report = report;
  }

  /** The name users write: text, json, junit, sarif or github. */
  public String id() {
    return id;
  }

  /** The report's file name in the report folder. */
  public String fileName() {
    return fileName;
  }

  /** The report. */
  public PolicyReport report() {
    return report;
  }

  /** The names of all formats, comma-separated, in declaration order. */
  public static String allowed() {
    return Stream.of(values()).map(ReportFormat::id).collect(Collectors.joining(","));
  }

  /**
   * Parses one format name (case and surrounding blanks ignored).
   *
   * @throws ReportException naming {@value #PARAMETER}, the value and the allowed ones
   */
  public static ReportFormat parse(String name) {
    String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    for (ReportFormat format : values()) {
      if (format.id.equals(wanted)) {
        return format;
      }
    }
    throw new ReportException(
        PARAMETER + " names the unknown report format '" + name + "': use any of " + allowed());
  }

  /**
   * Parses the values of {@value #PARAMETER}: each value may itself be comma-separated; blanks are
   * skipped and repeats ignored. The set iterates in declaration order.
   *
   * @throws ReportException for an unknown name
   */
  public static Set<ReportFormat> parseList(Collection<String> values) {
    Set<ReportFormat> formats = EnumSet.noneOf(ReportFormat.class);
    if (values != null) {
      for (String value : values) {
        for (String name : (value == null ? "" : value).split(",", -1)) {
          if (!name.isBlank()) {
            formats.add(parse(name));
          }
        }
      }
    }
    return formats;
  }
}
