package io.treum.gitops.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.bump.ImageChange;
import io.treum.gitops.bump.ImagesEditor;
import io.treum.gitops.kustomize.ManifestYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * The config repository of the bump benchmark (issue 5): a bare repository holding a {@link
 * PlatformTree} in which every service runs its own image ({@code svc-0042}, one {@code images:}
 * entry per service in each overlay, as a config repository of many services has them), with a
 * history of earlier bumps of random services in random overlays.
 *
 * <p>The tree is the validate benchmark's platform, so treum's policy gate has the same real work
 * there; only the image names differ.
 */
final class BumpRepository {
  private static final String MARKER = ".treum-benchmark-bump-repository";
  private static final PersonIdent AUTHOR =
      new PersonIdent("treum benchmark", "benchmark@treum.invalid");

  /** The tag every service starts with; earlier bumps count up from it. */
  static final String FIRST_TAG = "1.0.0";

  private final Path bare;
  private final int services;
  private final int commits;
  private final ObjectId seed;

  private BumpRepository(Path bare, int services, int commits, ObjectId seed) {
    this.bare = bare;
    this.services = services;
    this.commits = commits;
    this.seed = seed;
  }

  /**
   * Writes the repository under {@code folder} (replaced): the platform of {@code services}
   * services as the first commit, then {@code commits - 1} earlier bumps, pushed to a bare
   * repository whose {@code main} ends at the last of them.
   */
  static BumpRepository write(Path folder, int services, int commits, ManifestYaml yaml) {
    if (commits < 1) {
      throw new IllegalArgumentException("the history needs at least one commit, not " + commits);
    }
    try {
      GeneratedFolder.replace(folder, MARKER, BumpRepository.class);
      Path work = folder.resolve("seed");
      PlatformTree.write(work, services, yaml);
      // the platform's own marker is no part of a config repository
      Files.delete(work.resolve(".treum-benchmark-platform"));
      ownImages(work, services, yaml);
      Path bare = folder.resolve("config.git");
      ObjectId tip;
      try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
        git.add().addFilepattern(".").call();
        commit(git, "Platform of " + services + " services", 0);
        Random random = new Random(42);
        ImagesEditor editor = new ImagesEditor(yaml);
        for (int i = 1; i < commits; i++) {
          String service = PlatformTree.service(1 + random.nextInt(services));
          String tag = "1.0." + i;
          // an earlier bump as treum makes it: one image, in one overlay or in all of them
          List<String> environments =
              random.nextBoolean()
                  ? PlatformTree.ENVIRONMENTS
                  : List.of(PlatformTree.ENVIRONMENTS.get(random.nextInt(3)));
          for (String environment : environments) {
            Path file = kustomization(work, environment);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Files.writeString(
                file,
                editor.edit(text, relative(environment), new ImageChange(service, tag, null)),
                StandardCharsets.UTF_8);
            git.add().addFilepattern(relative(environment)).call();
          }
          commit(
              git,
              "Bump "
                  + service
                  + " to "
                  + tag
                  + " in "
                  + String.join(", ", environments)
                  + "\n\nTreum-Image: "
                  + service
                  + ":"
                  + tag
                  + "\nTreum-Bump-Id: "
                  + ObjectId.fromRaw(bumpId(random)).name().substring(0, 16),
              i);
        }
        tip = git.getRepository().resolve("refs/heads/main");
      }
      Git.cloneRepository()
          .setURI(work.toUri().toString())
          .setDirectory(bare.toFile())
          .setBare(true)
          .setBranch("main")
          .call()
          .close();
      return new BumpRepository(bare, services, commits, tip);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the bump benchmark's repository to " + folder + ": " + e.getMessage(), e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot build the benchmark's history: " + e.getMessage(), e);
    }
  }

  private static byte[] bumpId(Random random) {
    byte[] id = new byte[20];
    random.nextBytes(id);
    return id;
  }

  /**
   * Gives every service its own image: the base Deployment runs {@code svc-NNNN}, and each overlay
   * has one {@code images:} entry per service, renaming it into the environment's registry.
   */
  private static void ownImages(Path tree, int services, ManifestYaml yaml) throws IOException {
    for (int i = 1; i <= services; i++) {
      String service = PlatformTree.service(i);
      Path file = tree.resolve("base").resolve(service).resolve("deployment-" + service + ".yaml");
      ObjectNode deployment = yaml.readObject(read(file), file.toString());
      for (JsonNode container :
          deployment.path("spec").path("template").path("spec").path("containers")) {
        ((ObjectNode) container).put("image", service);
      }
      Files.writeString(file, yaml.write(deployment), StandardCharsets.UTF_8);
    }
    for (String environment : PlatformTree.ENVIRONMENTS) {
      Path file = kustomization(tree, environment);
      ObjectNode kustomization = yaml.readObject(read(file), file.toString());
      JsonNode shared = kustomization.path("images").path(0);
      String registry = shared.path("newName").asText();
      registry = registry.substring(0, registry.lastIndexOf('/') + 1);
      ArrayNode images = ManifestYaml.newArray();
      for (int i = 1; i <= services; i++) {
        String service = PlatformTree.service(i);
        images
            .addObject()
            .put("name", service)
            .put("newName", registry + service)
            .put("newTag", FIRST_TAG);
      }
      kustomization.set("images", images);
      Files.writeString(file, yaml.write(kustomization), StandardCharsets.UTF_8);
    }
  }

  private static void commit(Git git, String message, int minutes) throws GitAPIException {
    PersonIdent when =
        new PersonIdent(
            AUTHOR,
            Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * minutes),
            ZoneOffset.UTC);
    git.commit().setMessage(message).setAuthor(when).setCommitter(when).setSign(false).call();
  }

  static Path kustomization(Path tree, String environment) {
    return tree.resolve(relative(environment));
  }

  static String relative(String environment) {
    return "overlays/" + environment + "/kustomization.yaml";
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** The bare repository. */
  Path bare() {
    return bare;
  }

  /** The repository's {@code file://} URL, which both paths clone. */
  String url() {
    return bare.toUri().toString();
  }

  int services() {
    return services;
  }

  /** How many commits {@code main} has before any benchmark round. */
  int commits() {
    return commits;
  }

  /** The service whose image the rounds bump: the 42nd, or the last of a smaller repository. */
  String service() {
    return PlatformTree.service(Math.min(42, services));
  }

  /** A new tag for round {@code round}, above every tag of the history. */
  static String tag(int round) {
    return String.format(Locale.ROOT, "2.0.%d", round);
  }

  /** Moves {@code main} back to the end of the generated history, so every round starts alike. */
  void resetMain() {
    try (Repository repository = Git.open(bare.toFile()).getRepository()) {
      RefUpdate update = repository.updateRef("refs/heads/main");
      update.setNewObjectId(seed);
      update.setForceUpdate(true);
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.FORCED
          && result != RefUpdate.Result.NO_CHANGE
          && result != RefUpdate.Result.FAST_FORWARD) {
        throw new IllegalStateException("cannot reset main of " + bare + ": " + result);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The commit {@code main} ends at before any round. */
  ObjectId seed() {
    return seed;
  }
}
