package io.treum.gitops.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The JUnit XML report, in the shape CI servers read (Ant/Surefire/Jenkins): a {@code testsuites}
 * root, a {@code testsuite} per environment and a {@code testcase} per rule and object that has
 * findings ({@code classname} {@code <environment>.<rule id>}, {@code name} the object as {@code
 * Kind/namespace/name}).
 *
 * <p>A test case fails ({@code failure}) on a standing error, and on a standing warning with {@code
 * treum.failOnWarn}; it is {@code skipped} when all its findings are waived; otherwise it passes,
 * with its warnings and notes in {@code system-out}. An environment without findings holds one
 * passing {@code no findings} test case. A run that evaluated nothing gets a {@code treum} suite
 * whose single test case is in {@code error}. No timestamps or host names; {@code time} is 0.
 */
public final class JunitReport implements PolicyReport {

  @Override
  public String render(ValidationResult result, ReportOptions options) {
    List<Suite> suites = new ArrayList<>();
    Optional<String> problem = result.evaluationProblem();
    if (problem.isPresent()) {
      Suite treum = new Suite("treum");
      treum.cases.add(
          new Case("treum", "policy evaluation", Outcome.ERROR, problem.get(), "evaluation", ""));
      suites.add(treum);
    }
    Map<String, List<WaivedFinding>> waived = result.waivedByEnvironment();
    for (Map.Entry<String, List<Finding>> environment : result.findingsByEnvironment().entrySet()) {
      suites.add(
          suite(
              result,
              options,
              environment.getKey(),
              environment.getValue(),
              waived.get(environment.getKey())));
    }
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<testsuites name=\"treum policies\"");
    totals(out, suites.stream().flatMap(s -> s.cases.stream()).toList());
    out.append(">\n");
    for (Suite suite : suites) {
      out.append("  <testsuite name=\"").append(XmlText.attribute(suite.name)).append('"');
      totals(out, suite.cases);
      out.append(">\n");
      for (Case testCase : suite.cases) {
        testCase(out, testCase);
      }
      out.append("  </testsuite>\n");
    }
    return out.append("</testsuites>\n").toString();
  }

  private static Suite suite(
      ValidationResult result,
      ReportOptions options,
      String environment,
      List<Finding> findings,
      List<WaivedFinding> waived) {
    String label = ValidationResult.label(environment);
    Suite suite = new Suite(label);
    // rule, then object: the findings of one test case
    SortedMap<String, SortedMap<ObjectRef, List<Finding>>> standing = new TreeMap<>();
    SortedMap<String, SortedMap<ObjectRef, List<WaivedFinding>>> accepted = new TreeMap<>();
    for (Finding f : findings) {
      group(standing, f).add(f);
      group(accepted, f);
    }
    for (WaivedFinding w : waived) {
      group(standing, w.finding());
      group(accepted, w.finding()).add(w);
    }
    for (Map.Entry<String, SortedMap<ObjectRef, List<Finding>>> rule : standing.entrySet()) {
      for (Map.Entry<ObjectRef, List<Finding>> object : rule.getValue().entrySet()) {
        suite.cases.add(
            testCase(
                result,
                options,
                label + "." + rule.getKey(),
                object.getKey().toString(),
                object.getValue(),
                accepted.get(rule.getKey()).get(object.getKey())));
      }
    }
    if (suite.cases.isEmpty()) {
      suite.cases.add(new Case(label, "no findings", Outcome.PASSED, null, null, ""));
    }
    return suite;
  }

  private static <T> List<T> group(
      SortedMap<String, SortedMap<ObjectRef, List<T>>> groups, Finding finding) {
    return groups
        .computeIfAbsent(finding.ruleId(), id -> new TreeMap<>())
        .computeIfAbsent(finding.object(), o -> new ArrayList<>());
  }

  private static Case testCase(
      ValidationResult result,
      ReportOptions options,
      String classname,
      String name,
      List<Finding> standing,
      List<WaivedFinding> waived) {
    List<Finding> failing = new ArrayList<>();
    List<String> output = new ArrayList<>();
    for (Finding finding : standing) {
      boolean fails =
          finding.severity() == Severity.ERROR
              || (options.failOnWarn() && finding.severity() == Severity.WARNING);
      if (fails) {
        failing.add(finding);
      } else {
        output.add(describe(result, finding));
      }
    }
    for (WaivedFinding w : waived) {
      output.add("WAIVED " + describe(result, w.finding()) + "\n  " + waiverLine(w.waiver()));
    }
    String systemOut = String.join("\n", output);
    if (!failing.isEmpty()) {
      Severity worst =
          failing.stream().map(Finding::severity).min(Severity::compareTo).orElseThrow();
      String body = String.join("\n", failing.stream().map(f -> describe(result, f)).toList());
      String message =
          failing.size() == 1
              ? failing.get(0).message()
              : failing.size() + " findings: " + failing.get(0).message();
      return new Case(classname, name, Outcome.FAILURE, message, worst.label(), body, systemOut);
    }
    if (standing.isEmpty()) {
      Waiver first = waived.get(0).waiver();
      return new Case(
          classname,
          name,
          Outcome.SKIPPED,
          "waived by " + first.owner() + " until " + first.expires() + ": " + first.reason(),
          null,
          "",
          systemOut);
    }
    return new Case(classname, name, Outcome.PASSED, null, null, "", systemOut);
  }

  private static String describe(ValidationResult result, Finding finding) {
    Rule rule = result.rule(finding);
    StringBuilder text =
        new StringBuilder(finding.severity().name())
            .append(' ')
            .append(rule.id())
            .append(rule.title().equals(rule.id()) ? "" : " " + rule.title())
            .append("\n  ")
            .append(finding.object())
            .append(" in ")
            .append(ValidationResult.label(finding.environment()))
            .append(": ")
            .append(finding.message().replace("\n", "\n  "));
    if (finding.location() != null) {
      text.append("\n  at ").append(finding.location());
    }
    if (finding.definition() != null) {
      text.append("\n  defined by ").append(finding.definition());
    }
    if (!rule.remediation().isEmpty()) {
      text.append("\n  fix: ").append(rule.remediation().replace("\n", "\n  "));
    }
    return text.toString();
  }

  private static String waiverLine(Waiver waiver) {
    return "waived by "
        + waiver.owner()
        + " until "
        + waiver.expires()
        + ": "
        + waiver.reason()
        + " ("
        + waiver.file()
        + (waiver.line() > 0 ? ":" + waiver.line() : "")
        + ")";
  }

  private static void totals(StringBuilder out, List<Case> cases) {
    out.append(" tests=\"").append(cases.size()).append('"');
    out.append(" failures=\"").append(count(cases, Outcome.FAILURE)).append('"');
    out.append(" errors=\"").append(count(cases, Outcome.ERROR)).append('"');
    out.append(" skipped=\"").append(count(cases, Outcome.SKIPPED)).append('"');
    out.append(" time=\"0\"");
  }

  private static long count(List<Case> cases, Outcome outcome) {
    return cases.stream().filter(c -> c.outcome == outcome).count();
  }

  private static void testCase(StringBuilder out, Case testCase) {
    out.append("    <testcase classname=\"")
        .append(XmlText.attribute(testCase.classname))
        .append("\" name=\"")
        .append(XmlText.attribute(testCase.name))
        .append("\" time=\"0\"");
    boolean empty = testCase.outcome == Outcome.PASSED && testCase.systemOut.isEmpty();
    if (empty) {
      out.append("/>\n");
      return;
    }
    out.append(">\n");
    switch (testCase.outcome) {
      case FAILURE, ERROR -> {
        String element = testCase.outcome == Outcome.FAILURE ? "failure" : "error";
        out.append("      <")
            .append(element)
            .append(" message=\"")
            .append(XmlText.attribute(testCase.message))
            .append("\" type=\"")
            .append(XmlText.attribute(testCase.type))
            .append('"');
        if (testCase.body.isEmpty()) {
          out.append("/>\n");
        } else {
          out.append('>')
              .append(XmlText.content(testCase.body))
              .append("</")
              .append(element)
              .append(">\n");
        }
      }
      case SKIPPED ->
          out.append("      <skipped message=\"")
              .append(XmlText.attribute(testCase.message))
              .append("\"/>\n");
      case PASSED -> {}
    }
    if (!testCase.systemOut.isEmpty()) {
      out.append("      <system-out>")
          .append(XmlText.content(testCase.systemOut))
          .append("</system-out>\n");
    }
    out.append("    </testcase>\n");
  }

  private enum Outcome {
    PASSED,
    FAILURE,
    ERROR,
    SKIPPED
  }

  private static final class Suite {
    final String name;
    final List<Case> cases = new ArrayList<>();

    Suite(String name) {
      this.name = name;
    }
  }

  private record Case(
      String classname,
      String name,
      Outcome outcome,
      String message,
      String type,
      String body,
      String systemOut) {
    Case(String classname, String name, Outcome outcome, String message, String type, String body) {
      this(classname, name, outcome, message, type, body, "");
    }
  }
}
