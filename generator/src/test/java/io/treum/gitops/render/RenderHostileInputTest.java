package io.treum.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.model.Definition;
import io.treum.gitops.model.DefinitionException;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.Workload;
import io.treum.gitops.testing.SampleDefinition;
import io.treum.gitops.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to a render: each case must fail with the right exception, a message that names the
 * offending value, and leave a previously rendered tree exactly as it was (and no staging folder).
 */
class RenderHostileInputTest {
  private static final String HOSTILE = Hostile.class.getName();

  private final ManifestYaml yaml = new ManifestYaml();
  private final RenderCommand command = new RenderCommand(yaml, MergeSchema.builtIn());

  @TempDir Path out;
  private TreeSnapshot before;

  /** A definition put together from lambdas, so each case breaks exactly one thing. */
  static final class Hostile implements Definition {
    private final Supplier<List<Environment>> environments;
    private final Function<Environment, List<Workload>> workloads;

    Hostile(
        Supplier<List<Environment>> environments, Function<Environment, List<Workload>> workloads) {
      this.environments = environments;
      this.workloads = workloads;
    }

    @Override
    public List<Environment> environments() {
      return environments.get();
    }

    @Override
    public List<Workload> workloads(Environment environment) {
      return workloads.apply(environment);
    }

    @Override
    public String toString() {
      return "Hostile";
    }
  }

  private static final SampleDefinition SAMPLE = new SampleDefinition();

  /** The sample's environments, with extra workloads in production. */
  private static Hostile sampleWith(Workload... extra) {
    return new Hostile(
        SAMPLE::environments,
        env -> {
          List<Workload> workloads = new ArrayList<>(SAMPLE.workloads(env));
          if (env.isPrimary()) {
            workloads.addAll(Arrays.asList(extra));
          }
          return workloads;
        });
  }

  private static ConfigMap configMap(String name, String namespace) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .addToData("k", "v")
        .build();
  }

  private static HasMetadata generic(String apiVersion, String kind, String name) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .build();
  }

  /** A workload whose name and objects come from anywhere, not checked by Workload.of. */
  private static Workload rawWorkload(
      Supplier<String> name, Supplier<List<HasMetadata>> resources) {
    return new Workload() {
      @Override
      public String name() {
        return name.get();
      }

      @Override
      public List<HasMetadata> resources() {
        return resources.get();
      }
    };
  }

  record Case(
      String name,
      Definition definition,
      Set<String> environments,
      Class<? extends RuntimeException> type,
      List<String> message) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case definitionCase(String name, Definition definition, String... message) {
    return new Case(name, definition, Set.of(), DefinitionException.class, List.of(message));
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(
        definitionCase(
            "environments() throws",
            new Hostile(
                () -> {
                  throw new IllegalStateException("no AWS profile");
                },
                env -> List.of()),
            HOSTILE,
            "threw IllegalStateException in environments(): no AWS profile",
            "fix the definition"));
    cases.add(
        definitionCase(
            "workloads() throws for one environment",
            new Hostile(
                SAMPLE::environments,
                env -> {
                  if (!env.isPrimary()) {
                    throw new UnsupportedOperationException("dr not ready");
                  }
                  return SAMPLE.workloads(env);
                }),
            HOSTILE,
            "in workloads(dr): dr not ready"));
    cases.add(
        definitionCase(
            "workloads() reads a missing parameter",
            new Hostile(
                SAMPLE::environments,
                env -> List.of(Workload.of("cfg", configMap(env.parameter("MISSING"), null)))),
            "environment 'production' has no parameter 'MISSING'",
            ".parameter(\"MISSING\""));
    cases.add(
        definitionCase(
            "no environments",
            new Hostile(List::of, env -> List.of()),
            HOSTILE + ".environments() returned no environment",
            "return at least one"));
    cases.add(
        definitionCase(
            "environments() returns null",
            new Hostile(() -> null, env -> List.of()),
            HOSTILE + ".environments() returned no environment"));
    cases.add(
        definitionCase(
            "a null environment",
            new Hostile(() -> Arrays.asList(SampleDefinition.PRODUCTION, null), env -> List.of()),
            HOSTILE + ".environments() returned a list with a null entry",
            "Environment.named"));
    cases.add(
        definitionCase(
            "duplicate environment names",
            new Hostile(
                () ->
                    List.of(
                        SampleDefinition.PRODUCTION,
                        Environment.named("production").region("eu-west-1").build()),
                env -> List.of()),
            "two environments named 'production'",
            "give each a unique name"));
    cases.add(
        definitionCase(
            "an environment built with a bad name",
            new Hostile(() -> List.of(Environment.named("../prod").build()), env -> List.of()),
            "environment name '../prod' is not a valid DNS-1123 label"));
    cases.add(
        definitionCase(
            "an invalid object name",
            sampleWith(Workload.of("cfg", configMap("Bad_Name", null))),
            "ConfigMap has the invalid name 'Bad_Name'",
            "workloads(production)",
            "cfg"));
    cases.add(
        definitionCase(
            "an object without a name",
            sampleWith(Workload.of("cfg", configMap(null, null))),
            "ConfigMap has the invalid name ''"));
    cases.add(
        definitionCase(
            "an invalid namespace",
            sampleWith(Workload.of("cfg", configMap("cfg", "Team-A"))),
            "cfg has the invalid namespace 'Team-A'",
            "DNS-1123 label"));
    cases.add(
        definitionCase(
            "two workloads produce the same object",
            sampleWith(
                Workload.of("first", configMap("shared", "treum")),
                Workload.of("second", configMap("shared", "treum"))),
            "duplicate object v1 ConfigMap treum/shared in environment production",
            "first",
            "second",
            "give one another name"));
    cases.add(
        definitionCase(
            "namespace default and no namespace are the same object to Kustomize",
            new Hostile(
                () -> List.of(Environment.named("plain").build()),
                env ->
                    List.of(
                        Workload.of("first", configMap("shared", "default")),
                        Workload.of("second", configMap("shared", null)))),
            "duplicate object",
            "namespace 'default' and no namespace as the same",
            "first",
            "second"));
    cases.add(
        definitionCase(
            "duplicate workload names",
            sampleWith(Workload.of("treum-api", configMap("other", null))),
            "returns two workloads named 'treum-api'",
            "rename one"));
    cases.add(
        definitionCase(
            "a workload name that could leave base/",
            sampleWith(rawWorkload(() -> "../../etc", () -> List.of(configMap("x", null)))),
            "workload name in " + HOSTILE + ".workloads(production) '../../etc'"));
    cases.add(
        definitionCase(
            "a workload whose name() throws",
            sampleWith(
                rawWorkload(
                    () -> {
                      throw new IllegalStateException("name not configured");
                    },
                    List::of)),
            "name() of a workload in environment production",
            "name not configured"));
    cases.add(
        definitionCase(
            "a null workload",
            sampleWith((Workload) null),
            "workloads(production) returned a list with a null workload"));
    cases.add(
        definitionCase(
            "a workload whose resources() is null",
            sampleWith(rawWorkload(() -> "empty", () -> null)),
            "empty: resources() returned null"));
    cases.add(
        definitionCase(
            "a workload with a null object",
            sampleWith(rawWorkload(() -> "holes", () -> Arrays.asList((HasMetadata) null))),
            "holes returned a null object"));
    cases.add(
        definitionCase(
            "a kind that would be a path",
            sampleWith(Workload.of("cr", generic("example.com/v1", "Thing/../../../x", "t"))),
            "invalid kind 'Thing/../../../x'"));
    cases.add(
        definitionCase(
            "an apiVersion that would be a path",
            sampleWith(Workload.of("cr", generic("example.com/../v1", "Thing", "t"))),
            "invalid apiVersion 'example.com/../v1'"));
    cases.add(
        definitionCase(
            "an object without a kind",
            sampleWith(Workload.of("cr", generic("example.com/v1", null, "t"))),
            "has no apiVersion or kind"));
    cases.add(
        new Case(
            "an unknown environment in the filter",
            SAMPLE,
            Set.of("staging"),
            DefinitionException.class,
            List.of(
                "treum.environments names 'staging'",
                SampleDefinition.class.getName(),
                "defined: [production, dr]")));
    cases.add(
        new Case(
            "a path in the filter",
            SAMPLE,
            Set.of("../production"),
            DefinitionException.class,
            List.of("treum.environments names '../production'")));
    return cases;
  }

  @BeforeEach
  void renderTheSample() {
    command.render(new RenderRequest(SAMPLE, out, Set.of()));
    before = TreeSnapshot.of(out);
    assertThat(before.entries()).containsKey("base/kustomization.yaml");
  }

  private void assertUntouched() {
    TreeSnapshot after = TreeSnapshot.of(out);
    assertThat(after.stagingFolders()).isEmpty();
    assertThat(after).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void failsNamingTheValueAndWritesNothing(Case bad) {
    RenderRequest request = new RenderRequest(bad.definition(), out, bad.environments());
    assertThatThrownBy(() -> command.render(request))
        .isInstanceOf(bad.type())
        .satisfies(e -> bad.message().forEach(part -> assertThat(e).hasMessageContaining(part)));
    assertUntouched();
    assertThatThrownBy(() -> command.check(request)).isInstanceOf(bad.type());
    assertUntouched();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aFreshOutputDirectoryIsNotEvenCreated(Case bad) {
    Path fresh = out.resolve("fresh/tree");
    assertThatThrownBy(
            () -> command.render(new RenderRequest(bad.definition(), fresh, bad.environments())))
        .isInstanceOf(bad.type());
    assertThat(fresh.getParent()).doesNotExist();
  }

  @Test
  void anOutputDirectoryThatIsAFileIsRefused() throws IOException {
    Path file = out.resolve("not-a-dir");
    Files.writeString(file, "keep me");
    assertThatThrownBy(() -> command.render(new RenderRequest(SAMPLE, file, Set.of())))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("is a file")
        .hasMessageContaining("treum.outputDirectory");
    assertThatThrownBy(() -> command.check(new RenderRequest(SAMPLE, file, Set.of())))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("is a file");
    assertThat(Files.readString(file)).isEqualTo("keep me");
  }

  @Test
  void anOutputDirectoryThatIsASymlinkIsRefused() throws IOException {
    Path link = Files.createSymbolicLink(out.resolveSibling(out.getFileName() + "-link"), out);
    try {
      assertThatThrownBy(() -> command.render(new RenderRequest(SAMPLE, link, Set.of())))
          .isInstanceOf(RenderException.class)
          .hasMessageContaining(link.toString())
          .hasMessageContaining("symbolic link");
      assertThatThrownBy(() -> command.check(new RenderRequest(SAMPLE, link, Set.of())))
          .isInstanceOf(RenderException.class)
          .hasMessageContaining("symbolic link");
      assertUntouched();
    } finally {
      Files.delete(link);
    }
  }

  @Test
  void aSymlinkInsideBaseIsRefused(@TempDir Path elsewhere) throws IOException {
    Path secret = Files.writeString(elsewhere.resolve("secret.yaml"), "secret: true\n");
    Path link = Files.createSymbolicLink(out.resolve("base/treum-api/evil.yaml"), secret);
    before = TreeSnapshot.of(out);
    assertThatThrownBy(() -> command.render(new RenderRequest(SAMPLE, out, Set.of())))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining(link.toRealPath(java.nio.file.LinkOption.NOFOLLOW_LINKS).toString())
        .hasMessageContaining("symbolic link")
        .hasMessageContaining("remove it");
    assertUntouched();
    assertThat(Files.readString(secret)).isEqualTo("secret: true\n");
  }

  @Test
  void aSymlinkInsideAnOverlayIsRefused(@TempDir Path elsewhere) throws IOException {
    Files.createSymbolicLink(out.resolve("overlays/dr/patches/escape"), elsewhere);
    before = TreeSnapshot.of(out);
    for (Set<String> only : List.of(Set.<String>of(), Set.of("dr"))) {
      assertThatThrownBy(() -> command.render(new RenderRequest(SAMPLE, out, only)))
          .isInstanceOf(RenderException.class)
          .hasMessageContaining("escape")
          .hasMessageContaining("symbolic link");
      assertUntouched();
    }
    assertThat(elsewhere).isEmptyDirectory();
  }

  @Test
  void aSymlinkedOverlaysFolderIsRefused(@TempDir Path elsewhere) throws IOException {
    Path overlays = out.resolve("overlays");
    Files.move(overlays, elsewhere.resolve("overlays"));
    Files.createSymbolicLink(overlays, elsewhere.resolve("overlays"));
    TreeSnapshot target = TreeSnapshot.of(elsewhere);
    before = TreeSnapshot.of(out);
    assertThatThrownBy(() -> command.render(new RenderRequest(SAMPLE, out, Set.of("production"))))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining(overlays.getFileName().toString())
        .hasMessageContaining("symbolic link");
    assertUntouched();
    assertThat(TreeSnapshot.of(elsewhere)).isEqualTo(target);
  }

  @Test
  void aFileWhereAFolderGoesIsRefused() throws IOException {
    Path base = out.resolve("base");
    TreeWriter.deleteRecursively(base);
    Files.writeString(base, "I am a file");
    before = TreeSnapshot.of(out);
    assertThatThrownBy(() -> command.render(new RenderRequest(SAMPLE, out, Set.of())))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("base is a file where treum writes a folder");
    assertUntouched();
  }
}
