package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.policy.PolicySources.RegoFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading {@code treum.policies} without trusting it; no opa needed. */
class PolicySourcesTest {
  static final byte[] WASM = {0, 'a', 's', 'm', 1, 0, 0, 0};
  static final String REGO = "package main\n\ndeny contains \"x\" if false\n";

  @TempDir Path dir;

  Path write(String relative, String text) throws IOException {
    return write(relative, text.getBytes(StandardCharsets.UTF_8));
  }

  Path write(String relative, byte[] bytes) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  @Test
  void aFolderGivesItsRegoSortedWithoutTestsItsModulesAndCatalogues() throws IOException {
    write("policy/z.rego", REGO);
    write("policy/lib/a.rego", "package lib.a\n");
    write("policy/z_test.rego", "package main\n");
    write("policy/README.md", "# not a policy");
    write("policy/data.json", "{}");
    write("policy/compiled/acme.wasm", WASM);
    write(
        "policy/compiled/rules.json",
        "[{\"id\": \"ACME-1\", \"title\": \"One\", \"severity\": \"warning\"}]");
    write("other.rego", REGO);

    PolicySources sources =
        PolicySources.read(List.of(dir.resolve("policy"), dir.resolve("other.rego")));

    assertThat(sources.rego())
        .extracting(RegoFile::path)
        .containsExactly("0/lib/a.rego", "0/z.rego", "1/other.rego");
    assertThat(sources.rego().get(0).origin())
        .isEqualTo(dir.resolve("policy/lib/a.rego").toString());
    assertThat(sources.rego().get(2).entry()).isEqualTo(dir.resolve("other.rego"));
    assertThat(sources.modules())
        .extracting(PolicyModule::name)
        .containsExactly(dir.resolve("policy/compiled/acme.wasm").toString());
    assertThat(sources.catalogue().rules()).extracting(Rule::id).containsExactly("ACME-1");
  }

  @Test
  void aWasmFileBringsTheCatalogueBesideIt() throws IOException {
    Path wasm = write("compiled/acme.wasm", WASM);
    write(
        "compiled/rules.json",
        "{\"rules\": [{\"id\": \"ACME-1\", \"title\": \"One\", \"severity\": \"error\"}]}");

    PolicySources sources = PolicySources.read(List.of(wasm, dir.resolve("compiled")));

    assertThat(sources.modules()).hasSize(2);
    assertThat(sources.catalogue().rules()).extracting(Rule::id).containsExactly("ACME-1");
  }

  @Test
  void missingEmptyRepeatedAndForeignEntriesAreRefused() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    write("empty/policy_test.rego", REGO);
    Path text = write("notes.txt", "hello");
    Path rego = write("one.rego", REGO);

    assertThatThrownBy(() -> PolicySources.read(List.of(dir.resolve("missing"))))
        .isInstanceOf(PolicyInputException.class)
        .hasMessage(
            "treum.policies names "
                + dir.resolve("missing")
                + ", which does not exist: fix the path");
    assertThatThrownBy(() -> PolicySources.read(List.of(dir.resolve("empty"))))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining(dir.resolve("empty") + ", which holds no policy");
    assertThatThrownBy(() -> PolicySources.read(List.of(text)))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining("neither a folder, a .rego or .wasm file nor a jar");
    assertThatThrownBy(() -> PolicySources.read(List.of(rego, dir.resolve("./one.rego"))))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void aSymbolicLinkOutOfThePolicyFolderIsRefused() throws IOException {
    Path secret = write("secret/passwd.rego", REGO);
    write("policy/ok.rego", REGO);
    Path link = Files.createSymbolicLink(dir.resolve("policy/escape.rego"), secret);

    assertThatThrownBy(() -> PolicySources.read(List.of(dir.resolve("policy"))))
        .isInstanceOf(PolicyInputException.class)
        .hasMessage(
            link
                + " is a symbolic link to "
                + secret.toRealPath()
                + ", outside the policy folder "
                + dir.resolve("policy").toRealPath()
                + ": copy the policy into the folder instead");
  }

  @Test
  void linksInsideTheFolderAreReadAndLinkedFoldersNotFollowed() throws IOException {
    Path real = write("policy/real/rule.rego", REGO);
    Files.createSymbolicLink(dir.resolve("policy/alias.rego"), real);
    Files.createSymbolicLink(
        dir.resolve("policy/outside"), Files.createDirectories(dir.resolve("elsewhere")));
    write("elsewhere/hidden.rego", REGO);

    PolicySources sources = PolicySources.read(List.of(dir.resolve("policy")));

    assertThat(sources.rego())
        .extracting(RegoFile::path)
        .containsExactly("0/alias.rego", "0/real/rule.rego");
  }

  @Test
  void aBrokenLinkIsRefused() throws IOException {
    write("policy/ok.rego", REGO);
    Path link =
        Files.createSymbolicLink(dir.resolve("policy/gone.rego"), dir.resolve("nowhere.rego"));

    assertThatThrownBy(() -> PolicySources.read(List.of(dir.resolve("policy"))))
        .isInstanceOf(PolicyInputException.class)
        .hasMessage(link + " is a symbolic link to a file that does not exist: remove it");
  }

  @Test
  void aHugeFileIsRefusedWithoutReadingIt() throws IOException {
    Path huge = dir.resolve("policy/huge.rego");
    Files.createDirectories(huge.getParent());
    try (var file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(3L * 1024 * 1024 * 1024); // sparse: 3 GiB on paper
    }

    assertThatThrownBy(() -> PolicySources.read(List.of(dir.resolve("policy"))))
        .isInstanceOf(PolicyInputException.class)
        .hasMessage(
            huge
                + " is larger than 1 MiB, the most treum reads for such a file: is it the right file?");
  }

  @Test
  void textThatIsNotUtf8IsRefusedWithTheOffset() throws IOException {
    byte[] latin1 = "package main\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    Path file = write("policy/latin1.rego", latin1);

    assertThatThrownBy(() -> PolicySources.read(List.of(dir.resolve("policy"))))
        .isInstanceOf(PolicyInputException.class)
        .hasMessage(file + " is not UTF-8 text (byte 0xE9 at offset 18): save it as UTF-8");
  }

  @Test
  void aFileThatIsNotWasmIsRefused() throws IOException {
    Path bundle = write("bundle.wasm", "not a module");

    assertThatThrownBy(() -> PolicySources.read(List.of(bundle)))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining(bundle + " is not a WebAssembly module");
  }

  @Test
  void anInvalidCatalogueIsRefusedByName() throws IOException {
    write("compiled/acme.wasm", WASM);
    Path rules =
        write(
            "compiled/rules.json",
            "[{\"id\": \"ACME-1\", \"title\": \"One\", \"severity\": \"error\", \"waiveable\": false}]");

    assertThatThrownBy(() -> PolicySources.read(List.of(dir.resolve("compiled"))))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining(rules + ": rule 1 (ACME-1): unknown field 'waiveable'");
  }

  @Test
  void aJarGivesItsPoliciesButNotTreumsOwnNorMetaInf() throws IOException {
    Path jar =
        zip(
            "acme.jar",
            Map.of(
                "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8),
                "META-INF/maven/x.rego", REGO.getBytes(StandardCharsets.UTF_8),
                "io/treum/gitops/policies/rego/treum/gate/gate.rego",
                    REGO.getBytes(StandardCharsets.UTF_8),
                "io/treum/gitops/policies/policy.wasm", WASM,
                "acme/policy/main.rego", REGO.getBytes(StandardCharsets.UTF_8),
                "acme/policy/main_test.rego", REGO.getBytes(StandardCharsets.UTF_8),
                "acme/compiled/acme.wasm", WASM));

    PolicySources sources = PolicySources.read(List.of(jar));

    assertThat(sources.rego())
        .extracting(RegoFile::path)
        .containsExactly("0/acme/policy/main.rego");
    assertThat(sources.rego().get(0).origin()).isEqualTo(jar + "!/acme/policy/main.rego");
    assertThat(sources.modules())
        .extracting(PolicyModule::name)
        .containsExactly(jar + "!/acme/compiled/acme.wasm");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../evil.rego",
        "acme/../../evil.rego",
        "/etc/evil.rego",
        "C:/evil.rego",
        "acme\\..\\evil.rego"
      })
  void aJarWithAnEntryThatClimbsOutIsRefused(String name) throws IOException {
    Path jar =
        zip(
            "evil.jar",
            Map.of(
                "acme/ok.rego",
                REGO.getBytes(StandardCharsets.UTF_8),
                name,
                REGO.getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> PolicySources.read(List.of(jar)))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining(jar + " has an entry named '" + name + "'")
        .hasMessageContaining("treum refuses the jar");
  }

  @Test
  void aZipBombEntryIsCutOffAtTheLimit() throws IOException {
    // 64 MiB of zeros compress to about 64 KiB
    Path jar = dir.resolve("bomb.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("bomb.rego"));
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < 64; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }

    assertThatThrownBy(() -> PolicySources.read(List.of(jar)))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining(jar + "!/bomb.rego is larger than 1 MiB");
  }

  @Test
  void somethingThatIsNotAJarIsRefused() throws IOException {
    Path jar = write("broken.jar", "PK but not really");

    assertThatThrownBy(() -> PolicySources.read(List.of(jar)))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining(jar + " is not a readable jar");
  }

  Path zip(String name, Map<String, byte[]> entries) throws IOException {
    return zip(dir.resolve(name), entries);
  }

  /** A zip (or jar) with these entries, in name order. */
  static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : new TreeMap<>(entries).entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }
}
