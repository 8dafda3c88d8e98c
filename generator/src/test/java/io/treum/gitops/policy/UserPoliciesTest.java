package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.policy.PolicySources.RegoFile;
import io.treum.gitops.testing.OpaCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code treum.policies} with real opa: Rego compiled with TREUM's, Wasm modules, jars. */
class UserPoliciesTest {
  static final ClassLoader LOADER = UserPoliciesTest.class.getClassLoader();
  static final Path NONCOMPLIANT = ValidateCommandTest.TREES.resolve("noncompliant");

  static final String PRIVILEGED =
      """
      package main

      import data.treum.lib.result

      # METADATA
      # title: No privileged containers
      # custom:
      #   id: ACME-SEC-001
      #   severity: error
      #   remediation: Remove securityContext.privileged.
      #   waivable: false
      deny_privileged contains result.resource(rego.metadata.chain(), msg) if {
      	some c in input.spec.template.spec.containers
      	c.securityContext.privileged
      	msg := concat("", ["container ", c.name, " is privileged"])
      }

      warn_plain contains "a plain warning" if input.kind == "Deployment"
      """;

  @TempDir Path dir;

  ValidationRun validate(List<Path> policies, Map<String, String> environment) {
    PolicyEngines engines = new PolicyEngines(LOADER, environment);
    ValidateCommand command =
        new ValidateCommand(
            new ManifestYaml(), MergeSchema.builtIn(), ValidateCommandTest.CLOCK, engines::select);
    return command.validate(
        new ValidateRequest(
            NONCOMPLIANT,
            Set.of(),
            policies,
            null,
            EnumSet.noneOf(ReportFormat.class),
            dir.resolve("reports"),
            null,
            false));
  }

  static List<Finding> treumFindings(ValidationRun run) {
    return run.result().findings().stream().filter(f -> f.ruleId().startsWith("TREUM-")).toList();
  }

  Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void regoIsCompiledWithTreumsIntoTheOneModuleThatReplacesTheBundledOne() throws IOException {
    write("policy/privileged.rego", PRIVILEGED);
    ValidationRun bundled = validate(List.of(), OpaCli.environment());

    PolicySet policies =
        new UserPolicies(LOADER, OpaCli.environment()).load(List.of(dir.resolve("policy")));
    ValidationRun run = validate(List.of(dir.resolve("policy")), OpaCli.environment());

    assertThat(policies.modules()).hasSize(1);
    assertThat(policies.modules().get(0).name())
        .isEqualTo("treum-policies + " + dir.resolve("policy"));
    assertThat(policies.catalogue().find("ACME-SEC-001"))
        .contains(
            new Rule(
                "ACME-SEC-001",
                "No privileged containers",
                Severity.ERROR,
                "Remove securityContext.privileged.",
                false));
    assertThat(policies.catalogue().size()).isEqualTo(51 + 1);
    ObjectRef web = new ObjectRef("apps/v1", "Deployment", "legacy", "legacy-web");
    assertThat(run.result().findings())
        .filteredOn(f -> !f.ruleId().startsWith("TREUM-"))
        .extracting(Finding::ruleId, Finding::severity, Finding::message, Finding::object)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "ACME-SEC-001", Severity.ERROR, "container web is privileged", web),
            org.assertj.core.groups.Tuple.tuple(
                "data.main.warn_plain", Severity.WARNING, "a plain warning", web));
    // TREUM's findings are there once, as without user policies
    assertThat(treumFindings(run)).isEqualTo(treumFindings(bundled));
    assertThat(run.result().rulesEvaluated()).isEqualTo(bundled.result().rulesEvaluated() + 2);
    assertThat(run.engine()).contains("treum-policies + ");
  }

  @Test
  void aUserExceptionInATreumPackageExemptsTreumsRule() throws IOException {
    write(
        "policy/exceptions.rego",
        """
        package treum.resource.images

        # legacy-web is being replaced; its latest tag is accepted until then
        exception contains ["latest"] if input.metadata.name == "legacy-web"
        """);

    ValidationRun run = validate(List.of(dir.resolve("policy")), OpaCli.environment());

    assertThat(run.result().findings())
        .extracting(Finding::ruleId)
        .doesNotContain("TREUM-IMG-002")
        .contains("TREUM-IMG-001", "TREUM-SEC-002");
  }

  @Test
  void withoutOpaRegoIsRefusedWithInstructions() throws IOException {
    write("policy/privileged.rego", PRIVILEGED);
    Files.createDirectories(dir.resolve("empty-bin"));
    Path policy = dir.resolve("policy");

    assertThatThrownBy(
            () ->
                new UserPolicies(LOADER, Map.of("PATH", dir.resolve("empty-bin").toString()))
                    .load(List.of(policy)))
        .isInstanceOf(PolicyInputException.class)
        .hasMessage(
            "treum.policies has .rego files in "
                + policy
                + ", which need opa on PATH to compile: install opa v1.22.x or pass a compiled"
                + " .wasm");
  }

  @Test
  void opaIsFoundOnPathAndInTreumToolsBin() {
    Path folder = OpaCli.binary().getParent();
    assertThat(OpaBinary.locate(Map.of("PATH", "/nonexistent:" + folder)))
        .contains(new OpaBinary(folder.resolve("opa")));
    assertThat(OpaBinary.locate(Map.of("TREUM_TOOLS_BIN", folder.toString(), "PATH", "")))
        .contains(new OpaBinary(folder.resolve("opa")));
    assertThat(OpaBinary.locate(Map.of("PATH", dir.toString()))).isEmpty();
    assertThatThrownBy(() -> OpaBinary.locate(Map.of("TREUM_OPA", dir.resolve("opa").toString())))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining("TREUM_OPA=" + dir.resolve("opa") + " is not an executable file");
  }

  @Test
  void regoThatDoesNotParseIsReportedAtTheUsersFileAndLine() throws IOException {
    write("policy/ok.rego", PRIVILEGED);
    Path bad =
        write(
            "policy/sub/bad.rego",
            """
            package main

            deny contains msg if {
            	msg :=
            }
            """);

    assertThatThrownBy(() -> validate(List.of(dir.resolve("policy")), OpaCli.environment()))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining("does not compile")
        .hasMessageContaining(bad + ":5: rego_parse_error")
        .hasMessageNotContaining("user/0");
  }

  @Test
  void aBuiltinTheInProcessRuntimeLacksFailsAtCompileTime() throws IOException {
    Path file =
        write(
            "policy/memory.rego",
            """
            package main

            deny contains "too much memory" if {
            	units.parse_bytes(input.spec.memory) > 1024
            }
            """);

    assertThatThrownBy(() -> validate(List.of(dir.resolve("policy")), OpaCli.environment()))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining(file + ":4: rego_type_error: undefined function units.parse_bytes")
        .hasMessageContaining("capabilities.json");
  }

  @Test
  void v0RegoGetsAnUpgradeHint() throws IOException {
    write("policy/old.rego", "package main\n\ndeny[msg] {\n\tmsg := \"old\"\n}\n");

    assertThatThrownBy(() -> validate(List.of(dir.resolve("policy")), OpaCli.environment()))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining(dir.resolve("policy/old.rego") + ":3")
        .hasMessageContaining("opa fmt --write --v0-v1");
  }

  @Test
  void anIdOnARuleTheGateDoesNotEvaluateIsRefused() throws IOException {
    Path file =
        write(
            "policy/helper.rego",
            """
            package main

            # METADATA
            # custom:
            #   id: ACME-HELP-001
            helper contains "x" if true

            deny contains "always" if false
            """);

    assertThatThrownBy(() -> validate(List.of(dir.resolve("policy")), OpaCli.environment()))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining(file + ":6: rule id ACME-HELP-001 is on data.main.helper");
  }

  @Test
  void compilingIsDeterministicAndLeavesNoTemporaryFiles() throws IOException {
    Path temporary = Files.createDirectories(dir.resolve("tmp"));
    RegoCompiler compiler = new RegoCompiler(LOADER, OpaCli.environment(), temporary);
    List<RegoFile> files =
        List.of(
            new RegoFile(
                dir.resolve("policy"), "privileged.rego", "0/privileged.rego", PRIVILEGED));

    RegoCompiler.Compiled first = compiler.compile(files);
    RegoCompiler.Compiled second = compiler.compile(files);

    assertThat(first).isEqualTo(second);
    assertThat(first.catalogue().rules()).extracting(Rule::id).containsExactly("ACME-SEC-001");
    assertThat(children(temporary)).isEmpty();
    List<RegoFile> broken =
        List.of(new RegoFile(dir.resolve("policy"), "broken.rego", "0/broken.rego", "package"));
    assertThatThrownBy(() -> compiler.compile(broken)).isInstanceOf(PolicyInputException.class);
    assertThat(children(temporary)).isEmpty();
  }

  @Test
  void treumsRegoIsReadFromTheTreumPoliciesJarAlike() throws IOException {
    // treum-policies as a jar, as the plugin has it at run time
    Map<String, byte[]> entries = new java.util.TreeMap<>();
    Path rego = Path.of("../policies/src/main/rego");
    try (Stream<Path> files = Files.walk(rego)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".rego")).toList()) {
        entries.put(
            RegoCompiler.REGO_FOLDER + rego.relativize(file).toString().replace('\\', '/'),
            Files.readAllBytes(file));
      }
    }
    entries.put(
        RegoCompiler.CAPABILITIES, Files.readAllBytes(Path.of("../policies/capabilities.json")));
    Path jar = PolicySourcesTest.zip(dir.resolve("treum-policies.jar"), entries);
    List<RegoFile> files =
        List.of(new RegoFile(dir, "privileged.rego", "0/privileged.rego", PRIVILEGED));

    try (java.net.URLClassLoader loader =
        new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null)) {
      RegoCompiler.Compiled fromJar = new RegoCompiler(loader, OpaCli.environment()).compile(files);

      assertThat(fromJar).isEqualTo(new RegoCompiler(LOADER, OpaCli.environment()).compile(files));
    }
  }

  @Test
  void aJarIsSearchedForRego() throws IOException {
    Path jar = dir.resolve("acme-policies.jar");
    PolicySourcesTest.zip(
        jar,
        Map.of(
            "META-INF/MANIFEST.MF",
            utf8("Manifest-Version: 1.0\n"),
            "acme/policy/privileged.rego",
            utf8(PRIVILEGED)));

    ValidationRun run = validate(List.of(jar), OpaCli.environment());

    assertThat(run.result().findings()).extracting(Finding::ruleId).contains("ACME-SEC-001");
    assertThat(run.result().rules()).extracting(Rule::id).contains("ACME-SEC-001");
  }

  @Test
  void anErrorInAJarNamesTheEntry() throws IOException {
    Path jar = dir.resolve("acme-policies.jar");
    PolicySourcesTest.zip(
        jar, Map.of("acme/bad.rego", utf8("package main\n\ndeny contains msg if {\n")));

    assertThatThrownBy(() -> validate(List.of(jar), OpaCli.environment()))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining(jar + "!/acme/bad.rego:");
  }

  @Test
  void aCompiledWasmModuleIsEvaluatedBesideTreumsWithItsCatalogue() throws Exception {
    write(
        "src/acme.rego",
        """
        package main

        deny_replicas contains {"msg": "two replicas are not enough", "rule": "ACME-REP-001"} if {
        	input.spec.replicas == 2
        }
        """);
    Path wasm = buildWasm(dir.resolve("src"), dir.resolve("modules/acme.wasm"));
    write(
        "modules/rules.json",
        """
        {"rules": [{"id": "ACME-REP-001", "title": "Enough replicas", "severity": "error"}]}
        """);
    ValidationRun bundled = validate(List.of(), OpaCli.environment());

    PolicySet policies = new UserPolicies(LOADER, Map.of()).load(List.of(wasm));
    ValidationRun run = validate(List.of(dir.resolve("modules")), Map.of());

    assertThat(policies.modules())
        .extracting(PolicyModule::name)
        .containsExactly("treum-policies/policy.wasm", wasm.toString());
    assertThat(policies.catalogue().find("ACME-REP-001")).isPresent();
    assertThat(run.result().findings())
        .filteredOn(f -> f.ruleId().equals("ACME-REP-001"))
        .extracting(Finding::message)
        .containsExactly("two replicas are not enough");
    // the module was built from TREUM's gate too: its TREUM findings merge with the bundled ones
    assertThat(treumFindings(run)).isEqualTo(treumFindings(bundled));
  }

  /** What a user does: opa build of TREUM's Rego with theirs, then the bundle's policy.wasm. */
  static Path buildWasm(Path userRego, Path wasm) throws Exception {
    Path bundle = Files.createTempFile("bundle", ".tar.gz");
    Process process =
        new ProcessBuilder(
                OpaCli.binary().toString(),
                "build",
                "-t",
                "wasm",
                "-e",
                PolicyEngine.REPORT_ENTRYPOINT,
                "-o",
                bundle.toString(),
                Path.of("../policies/src/main/rego").toString(),
                userRego.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    Files.createDirectories(wasm.getParent());
    Files.write(wasm, RegoCompiler.policyWasm(bundle));
    Files.delete(bundle);
    return wasm;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<Path> children(Path folder) throws IOException {
    try (Stream<Path> paths = Files.list(folder)) {
      return paths.toList();
    }
  }
}
