package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class JunitReportTest {
  static final ObjectRef API = new ObjectRef("apps/v1", "Deployment", "payments", "api");

  static Stream<String> cases() {
    return GoldenRun.names();
  }

  /** Validates against the JUnit shape CI servers read ({@code schemas/junit-report.xsd}). */
  static void validate(String xml) throws Exception {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory
        .newSchema(JunitReportTest.class.getResource("/schemas/junit-report.xsd"))
        .newValidator()
        .validate(new StreamSource(new StringReader(xml)));
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isValidJunitXmlWhoseCountsAddUp(String name) throws Exception {
    GoldenRun run = GoldenRun.load(name);
    String xml = new JunitReport().render(run.result(), run.options());
    validate(xml);
    Element root = parse(xml).getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    int tests = 0;
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    NodeList suites = root.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isPositive();
    for (int i = 0; i < suites.getLength(); i++) {
      Element suite = (Element) suites.item(i);
      NodeList cases = suite.getElementsByTagName("testcase");
      assertThat(attribute(suite, "tests")).isEqualTo(cases.getLength());
      assertThat(attribute(suite, "failures"))
          .isEqualTo(suite.getElementsByTagName("failure").getLength());
      assertThat(attribute(suite, "errors"))
          .isEqualTo(suite.getElementsByTagName("error").getLength());
      assertThat(attribute(suite, "skipped"))
          .isEqualTo(suite.getElementsByTagName("skipped").getLength());
      tests += attribute(suite, "tests");
      failures += attribute(suite, "failures");
      errors += attribute(suite, "errors");
      skipped += attribute(suite, "skipped");
    }
    assertThat(attribute(root, "tests")).isEqualTo(tests);
    assertThat(attribute(root, "failures")).isEqualTo(failures);
    assertThat(attribute(root, "errors")).isEqualTo(errors);
    assertThat(attribute(root, "skipped")).isEqualTo(skipped);
    boolean failed = failures + errors > 0;
    assertThat(failed)
        .as("a failing run has failing test cases")
        .isEqualTo(!run.result().passes(run.options().failOnWarn()));
  }

  private static int attribute(Element element, String name) {
    return Integer.parseInt(element.getAttribute(name));
  }

  @Test
  void textThatXmlCannotHoldStaysWellFormed() throws Exception {
    String hostile = "a\u0001b \uD800 ]]> <x> & \"q\" 'a'\r\nnext\ttab \uD83D\uDE80";
    Finding finding =
        Finding.of("R-1", Severity.ERROR, hostile, "prod<&>", API).at("a \"b\".yaml", 2);
    ValidationResult result =
        new ValidationResult(
            List.of("prod<&>"), List.of(finding), List.of(), RuleCatalogue.empty(), 1, 1);
    String xml = new JunitReport().render(result, ReportOptions.defaults());
    validate(xml);
    Element failure = (Element) parse(xml).getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .isEqualTo("a\uFFFDb \uFFFD ]]> <x> & \"q\" 'a'\r\nnext\ttab \uD83D\uDE80");
    assertThat(failure.getTextContent()).contains("at a \"b\".yaml:2");
    Element suite = (Element) parse(xml).getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("name")).isEqualTo("prod<&>");
  }

  @ParameterizedTest(name = "{0} with failOnWarn={1}: {2}")
  @CsvSource({
    "ERROR, false, failure",
    "ERROR, true, failure",
    "WARNING, false, passed",
    "WARNING, true, failure",
    "INFO, true, passed",
  })
  void severitiesMapToOutcomes(Severity severity, boolean failOnWarn, String outcome)
      throws Exception {
    ValidationResult result =
        new ValidationResult(
            List.of("dr"),
            List.of(Finding.of("R-1", severity, "m", "dr", API)),
            List.of(),
            RuleCatalogue.empty(),
            1,
            1);
    Document xml = parse(new JunitReport().render(result, new ReportOptions(failOnWarn, "")));
    Element testCase = (Element) xml.getElementsByTagName("testcase").item(0);
    assertThat(testCase.getAttribute("classname")).isEqualTo("dr.R-1");
    assertThat(testCase.getAttribute("name")).isEqualTo("Deployment/payments/api");
    assertThat(testCase.getElementsByTagName("failure").getLength())
        .isEqualTo(outcome.equals("failure") ? 1 : 0);
    if (outcome.equals("failure")) {
      assertThat(((Element) testCase.getElementsByTagName("failure").item(0)).getAttribute("type"))
          .isEqualTo(severity.label());
    } else {
      assertThat(testCase.getElementsByTagName("system-out").item(0).getTextContent())
          .startsWith(severity.name() + " R-1");
    }
  }

  @Test
  void oneTestCasePerRuleAndObjectGathersItsFindings() throws Exception {
    Finding first = Finding.of("R-1", Severity.ERROR, "container a", "dr", API);
    Finding second = Finding.of("R-1", Severity.WARNING, "container b", "dr", API);
    Finding waived = Finding.of("R-1", Severity.ERROR, "container c", "dr", API);
    Waiver waiver =
        new Waiver(
            "R-1",
            WaiverTarget.parse("Deployment/api"),
            null,
            "accepted",
            "team",
            LocalDate.of(2030, 1, 1),
            "treum-waivers.yaml",
            1,
            2);
    ValidationResult result =
        new ValidationResult(
            List.of("dr"),
            List.of(first, second),
            List.of(new WaivedFinding(waived, waiver)),
            RuleCatalogue.empty(),
            1,
            1);
    Document xml = parse(new JunitReport().render(result, ReportOptions.defaults()));
    assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(1);
    Element failure = (Element) xml.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).isEqualTo("container a");
    String out = xml.getElementsByTagName("system-out").item(0).getTextContent();
    assertThat(out).contains("WARNING R-1").contains("container b");
    assertThat(out).contains("WAIVED ERROR R-1").contains("container c").contains("waived by team");
  }
}
