package io.treum.gitops.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * GitHub Actions workflow commands, one line per standing finding, errors first:
 *
 * <pre>{@code
 * ::error file=overlays/production/deployment-api.yaml,line=14,title=TREUM-IMG-001 Images come from the platform's private ECR::Deployment/payments/api (production): image ...
 * }</pre>
 *
 * ERROR findings become {@code ::error}, WARNING {@code ::warning}, INFO {@code ::notice}; waived
 * findings are left out. {@code file} is the path from the repository root and {@code line} is
 * given when known. Values are escaped as the Actions toolkit does: {@code %}, CR and LF in the
 * message, and also {@code :} and {@code ,} in properties; other control characters become U+FFFD.
 * A run that evaluated nothing starts with an {@code ::error} saying so.
 *
 * <p>The runner reads these commands only from the start of a line of the step's standard output,
 * so a front end prints them as they are, without a log prefix.
 */
public final class GithubAnnotationsReport implements PolicyReport {

  @Override
  public String render(ValidationResult result, ReportOptions options) {
    StringBuilder out = new StringBuilder();
    result
        .evaluationProblem()
        .ifPresent(
            problem ->
                out.append("::error title=")
                    .append(property("treum policies"))
                    .append("::")
                    .append(data(problem))
                    .append('\n'));
    List<Finding> findings = new ArrayList<>(result.findings());
    findings.sort(Comparator.comparing(Finding::severity).thenComparing(Comparator.naturalOrder()));
    for (Finding finding : findings) {
      Rule rule = result.rule(finding);
      List<String> properties = new ArrayList<>();
      if (finding.file() != null) {
        properties.add("file=" + property(options.repositoryPath(finding.file())));
        if (finding.hasLine()) {
          properties.add("line=" + finding.line());
        }
      }
      String title = rule.title().equals(rule.id()) ? rule.id() : rule.id() + " " + rule.title();
      properties.add("title=" + property(title));
      out.append("::")
          .append(command(finding.severity()))
          .append(' ')
          .append(String.join(",", properties))
          .append("::")
          .append(data(SarifReport.messageText(finding)))
          .append('\n');
    }
    return out.toString();
  }

  private static String command(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "notice";
    };
  }

  /** Escapes a command's message: {@code %}, CR and LF. */
  static String data(String text) {
    return TextReport.printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Escapes a command property's value: as {@link #data}, and {@code :} and {@code ,}. */
  static String property(String text) {
    return data(text).replace(":", "%3A").replace(",", "%2C");
  }
}
