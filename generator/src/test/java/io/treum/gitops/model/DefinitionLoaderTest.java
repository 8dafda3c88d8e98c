package io.treum.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.testing.HostileDefinitions;
import io.treum.gitops.testing.SampleDefinition;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefinitionLoaderTest {
  private static final ClassLoader LOADER = DefinitionLoaderTest.class.getClassLoader();
  private static final String SERVICES = "META-INF/services/" + Definition.class.getName();

  @Test
  void loadsByName() {
    assertThat(DefinitionLoader.load(" " + SampleDefinition.class.getName() + " ", LOADER))
        .isInstanceOf(SampleDefinition.class);
  }

  /** Each mistake: the class named in the message, and what to do about it. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "com.example.Missing|not found on the project's compile classpath|-Dtreum.definition",
        "NotADefinition|does not implement io.treum.gitops.model.Definition|add 'implements Definition'",
        "NoDefaultConstructor|needs a public no-argument constructor|add one",
        "PrivateConstructor|cannot instantiate|make the class and its no-argument constructor public",
        "AbstractDefinition|is abstract or an interface|name a concrete class",
        "ThrowingConstructor|threw in its constructor: java.lang.IllegalStateException: database password not set|fix the constructor",
        "ThrowingStaticInitializer|failed in its static initializer|For input string: \"eighty\"",
      })
  void aBadClassIsNamedWithTheFix(String simpleName, String problem, String fix) {
    String name =
        simpleName.contains(".")
            ? simpleName
            : HostileDefinitions.class.getName() + "$" + simpleName;
    assertThatThrownBy(() -> DefinitionLoader.load(name, LOADER))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("'" + name + "'")
        .hasMessageContaining(problem)
        .hasMessageContaining(fix);
  }

  @Test
  void anInterfaceIsNotADefinitionClass() {
    assertThatThrownBy(() -> DefinitionLoader.load(Definition.class.getName(), LOADER))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("abstract or an interface");
  }

  private static ClassLoader withServices(Path dir, List<String> lines) throws IOException {
    Path file = dir.resolve(SERVICES);
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, LOADER);
  }

  @Test
  void serviceLoaderWithOneImplementation(@TempDir Path dir) throws IOException {
    ClassLoader loader = withServices(dir, List.of("# the one", SampleDefinition.class.getName()));
    assertThat(DefinitionLoader.load(null, loader)).isInstanceOf(SampleDefinition.class);
    assertThat(DefinitionLoader.load("  ", loader)).isInstanceOf(SampleDefinition.class);
  }

  @Test
  void serviceLoaderWithNoImplementation(@TempDir Path dir) throws IOException {
    ClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, LOADER);
    assertThatThrownBy(() -> DefinitionLoader.load(null, loader))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("no definition found")
        .hasMessageContaining("-Dtreum.definition=<class>")
        .hasMessageContaining(SERVICES);
  }

  @Test
  void serviceLoaderWithTwoImplementations(@TempDir Path dir) throws IOException {
    ClassLoader loader =
        withServices(
            dir,
            List.of(SampleDefinition.class.getName(), HostileDefinitions.Other.class.getName()));
    assertThatThrownBy(() -> DefinitionLoader.load(null, loader))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("2 definitions found")
        .hasMessageContaining(SampleDefinition.class.getName())
        .hasMessageContaining(HostileDefinitions.Other.class.getName())
        .hasMessageContaining("list exactly one class");
  }

  @Test
  void serviceLoaderNamingABrokenClass(@TempDir Path dir) throws IOException {
    for (String broken :
        List.of(
            "com.example.Missing",
            HostileDefinitions.ThrowingConstructor.class.getName(),
            HostileDefinitions.class.getName() + "$ThrowingStaticInitializer",
            HostileDefinitions.NotADefinition.class.getName())) {
      ClassLoader loader = withServices(dir, List.of(broken));
      assertThatThrownBy(() -> DefinitionLoader.load(null, loader))
          .as(broken)
          .isInstanceOf(DefinitionException.class)
          .hasMessageContaining(SERVICES)
          .hasMessageContaining(broken.replace('$', '$'));
    }
  }
}
