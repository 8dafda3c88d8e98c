package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.render.ObjectSetDiff;
import io.treum.gitops.render.ResourceKey;
import io.treum.gitops.testing.KustomizeOracle;
import io.treum.gitops.testing.gen.KustomizeTree;
import io.treum.gitops.testing.gen.KustomizeTreeGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * treum's Kustomize builder against the real kustomize on random trees (bases, nested bases,
 * components and an overlay combining resources, generators, patches, labels, prefixes, namespaces,
 * images, replicas and sort options): where kustomize builds, treum builds the same objects in the
 * same order; where kustomize refuses, treum refuses too.
 *
 * <p>One kustomize process per try: 400 tries take about 70 s on two cores (about a third of the
 * trees are ones kustomize refuses, on purpose: refusals must agree too).
 */
class KustomizeBuilderDifferentialProperties {
  private final ManifestYaml yaml = new ManifestYaml();
  private final KustomizeBuilder builder = new KustomizeBuilder(yaml, MergeSchema.builtIn());

  @Property(tries = 400)
  void treumBuildsWhatKustomizeBuilds(@ForAll("trees") KustomizeTree tree) throws IOException {
    Path dir = Files.createTempDirectory("treum-kustomize-differential");
    try {
      for (Map.Entry<String, String> file : tree.files().entrySet()) {
        Path path = dir.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      }
      KustomizeOracle.Outcome expected = KustomizeOracle.build(dir, yaml);
      List<ObjectNode> actual = null;
      KustomizeException refusal = null;
      try {
        actual = builder.build(dir);
      } catch (KustomizeException e) {
        refusal = e;
      }
      Statistics.label("kustomize").collect(expected.failed() ? "refuses" : "builds");
      collectStatistics(tree);
      if (expected.failed()) {
        assertThat(refusal)
            .as("kustomize refuses the tree (%s), treum must too:\n%s", expected.error(), tree)
            .isNotNull();
        return;
      }
      if (refusal != null) {
        throw new AssertionError(
            "kustomize builds the tree, treum refuses it: " + refusal.getMessage() + "\n" + tree,
            refusal);
      }
      assertThat(ObjectSetDiff.compare(expected.objects(), actual, yaml))
          .as("objects of\n%s", tree)
          .isEmpty();
      assertThat(keys(actual)).as("order of\n%s", tree).isEqualTo(keys(expected.objects()));
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  @Provide
  Arbitrary<KustomizeTree> trees() {
    return KustomizeTreeGenerator.trees();
  }

  private static void collectStatistics(KustomizeTree tree) {
    Statistics.label("components").collect(tree.kustomizationsContain("kind: Component"));
    Statistics.label("strategic merge patches")
        .collect(tree.kustomizationsContain("patchesStrategicMerge") || hasSmpPatch(tree));
    Statistics.label("JSON 6902 patches").collect(tree.kustomizationsContain("op:"));
    Statistics.label("generators").collect(tree.kustomizationsContain("Generator:"));
    Statistics.label("name prefix or suffix")
        .collect(
            tree.kustomizationsContain("namePrefix") || tree.kustomizationsContain("nameSuffix"));
    Statistics.label("deprecated fields")
        .collect(
            tree.kustomizationsContain("bases:")
                || tree.kustomizationsContain("patchesJson6902")
                || tree.kustomizationsContain("imageTags")
                || tree.kustomizationsContain("\n  env:"));
  }

  private static boolean hasSmpPatch(KustomizeTree tree) {
    return tree.files().keySet().stream().anyMatch(p -> p.contains("smp-"))
        || tree.kustomizationsContain("patch: |");
  }

  private static List<String> keys(List<ObjectNode> objects) {
    List<String> keys = new ArrayList<>();
    objects.forEach(o -> keys.add(ResourceKey.of(o).toString()));
    return keys;
  }
}
