package io.treum.gitops.bump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.treum.gitops.files.AtomicFiles;
import io.treum.gitops.files.Folders;
import io.treum.gitops.kustomize.HydrateCommand;
import io.treum.gitops.kustomize.ImageEntry;
import io.treum.gitops.kustomize.KustomizeBuilder;
import io.treum.gitops.kustomize.KustomizeException;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.kustomize.ResourceSet;
import io.treum.gitops.kustomize.YamlException;
import io.treum.gitops.policy.Finding;
import io.treum.gitops.policy.GateReport;
import io.treum.gitops.policy.PolicyEngine;
import io.treum.gitops.policy.PolicyEngines;
import io.treum.gitops.policy.ReportFormat;
import io.treum.gitops.policy.Severity;
import io.treum.gitops.policy.ValidateCommand;
import io.treum.gitops.policy.ValidateRequest;
import io.treum.gitops.policy.ValidationRun;
import io.treum.gitops.render.UnifiedDiff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.jgit.api.CommitCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;

/**
 * {@code treum:bump}: sets images' tags and digests in the overlays of a config repository and
 * pushes one commit, safely under concurrency.
 *
 * <p>Each attempt starts from the remote tip: fetch, reset, apply the intent to the {@code images:}
 * entries ({@link ImagesEditor}), build the changed overlays before and after and prove that only
 * those images changed ({@link ImageChangeCheck}), run the policy gate on the change (the
 * cross-resource rules on every object, the single-resource rules on the changed ones), commit
 * (never empty, with trailers) and push without force, with a lease on the tip it started from. A
 * push the server rejects because the branch moved (non-fast-forward, lease mismatch, a ref lock
 * race) is retried from the new tip after a jittered backoff scaled to how long the lost attempt
 * took ({@link Backoff}); any other rejection fails at once with the server's message. Each overlay
 * is built once per attempt, the overlays of an attempt concurrently ({@link OverlayBuilds}), the
 * gate reusing those builds and one policy engine for every attempt. A bump whose id is already on
 * the branch, or whose references are already in place, makes no commit. Credentials never appear
 * in messages.
 */
public final class BumpCommand implements AutoCloseable {
  /** How far back the branch is searched for a commit with the bump's id. */
  static final int HISTORY_DEPTH = 1000;

  /** Overlays built at the same time by one bump: one per core. */
  private static final int BUILD_THREADS = Runtime.getRuntime().availableProcessors();

  private final ManifestYaml yaml;
  private final KustomizeBuilder builder;
  private final HydrateCommand hydrate;
  private final ImagesEditor editor;
  private final SharedEngine engine;
  private final ValidateCommand validate;
  private final Clock clock;
  private final Backoff backoff;
  private final Path workRoot;
  private final Consumer<String> log;

  /**
   * @param engines the policies and engine of the gate, chosen once and reused by every attempt and
   *     every bump of this command until it is {@link #close closed}
   * @param workRoot the folder that receives the temporary clone (deleted afterwards)
   * @param log progress lines; never given a credential
   */
  public BumpCommand(
      ManifestYaml yaml,
      MergeSchema schema,
      Clock clock,
      Backoff backoff,
      Function<ValidateRequest, PolicyEngines.Selection> engines,
      Path workRoot,
      Consumer<String> log) {
    this.yaml = Objects.requireNonNull(yaml, "yaml");
    this.builder = new KustomizeBuilder(yaml, schema);
    this.hydrate = new HydrateCommand(yaml, schema);
    this.editor = new ImagesEditor(yaml);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.engine = new SharedEngine(engines);
    this.validate = new ValidateCommand(yaml, schema, clock, engine);
    this.workRoot = Objects.requireNonNull(workRoot, "workRoot");
    this.log = Objects.requireNonNull(log, "log");
  }

  /**
   * Runs the bump.
   *
   * @throws BumpException when it cannot be done; nothing was pushed
   */
  public BumpResult call(BumpRequest request) {
    GitCredentials credentials = request.credentials();
    try {
      return run(request);
    } catch (BumpException e) {
      throw credentials == null ? e : new BumpException(credentials.redact(e.getMessage()));
    }
  }

  private BumpResult run(BumpRequest request) {
    RepositoryLocation location = RepositoryLocation.parse(request.repository());
    CheckedOutBranchGuard.check(location, request.branch());
    Path clone = temporaryFolder();
    ExecutorService builds = Executors.newFixedThreadPool(BUILD_THREADS, BumpCommand::buildThread);
    // an attempt's window opens when it reads the tip: at the clone, then at each fetch
    long window = backoff.mark();
    // the clone's files are only read by the builder and edited: they live in memory, the
    // repository (objects, refs, index) on disk
    try (FileSystem memory = Jimfs.newFileSystem(Configuration.unix());
        GitTransport transport = new GitTransport(location, request.credentials(), request.ssh());
        Git git = clone(request, location, transport, clone, tree(memory))) {
      Path tree = tree(memory);
      for (int attempt = 1; ; attempt++) {
        if (attempt > 1) {
          backoff.pause(attempt - 1, window);
          window = backoff.mark();
          reset(git, request, location, transport, tree);
        }
        Attempt result = attempt(git, tree, request, location, transport, builds, attempt);
        if (result.done() != null) {
          return result.done();
        }
        if (attempt >= request.maxAttempts()) {
          throw new BumpException(
              "gave up after "
                  + attempt
                  + " attempts: "
                  + request.branch()
                  + " kept moving under the bump ("
                  + result.retryReason()
                  + "); nothing was pushed. Run the bump again, or raise treum.maxAttempts");
        }
        log.accept("Attempt " + attempt + " was rejected (" + result.retryReason() + "); retrying");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the bump's working tree", e);
    } finally {
      stop(builds);
      Folders.deleteQuietly(clone);
    }
  }

  /** Where the branch's files are, in the bump's in-memory file system. */
  private static Path tree(FileSystem memory) {
    return memory.getPath("/repository");
  }

  /** Closes the policy engine the bumps of this command shared. */
  @Override
  public void close() {
    engine.closeShared();
  }

  /** The outcome of one attempt: done, or a reason to retry. */
  private record Attempt(BumpResult done, String retryReason) {}

  private Attempt attempt(
      Git git,
      Path tree,
      BumpRequest request,
      RepositoryLocation location,
      GitTransport transport,
      Executor builds,
      int attempt) {
    ObjectId tip = tip(git, request);
    if (!Files.isDirectory(tree.resolve("overlays"))) {
      throw new BumpException(
          request.branch()
              + " of "
              + location
              + " has no overlays/ folder: treum.repository must name a config repository with"
              + " overlays/<env>/kustomization.yaml (check treum.repository and treum.branch)");
    }
    List<String> overlays = hydrate.overlays(tree);
    // every overlay is needed before the edit: to find the targets and for the gate
    OverlayBuilds before = new OverlayBuilds(overlays, e -> build(tree, e), builds);
    List<ImageChange> changes = changes(request, tree, overlays, before);
    List<String> targets = targets(request, tree, overlays, changes, before);
    String bumpId = BumpMessage.bumpId(changes, targets);
    List<String> references = changes.stream().map(ImageChange::reference).toList();
    if (alreadyApplied(git, tip, bumpId)) {
      log.accept("Bump " + bumpId + " is already on " + request.branch() + ": nothing to do");
      return new Attempt(
          new BumpResult(
              bumpId, null, targets, references, attempt, BumpResult.Outcome.ALREADY_APPLIED, ""),
          null);
    }

    // every build of the tree before the edit ends before the first write (the targets' first, so
    // that a target that does not build is the failure reported)
    targets.forEach(before::get);
    Map<String, ResourceSet> current = before.all();
    Map<String, String> oldTexts = new LinkedHashMap<>();
    List<String> changed = new ArrayList<>();
    for (String environment : editable(tree, targets)) {
      Path file = kustomization(tree, environment);
      String text = read(file);
      String edited = text;
      for (ImageChange change : changes) {
        edited = editor.edit(edited, relative(tree, file), change);
      }
      if (!edited.equals(text)) {
        refuseDowngrade(request, tree, environment, current.get(environment).objects(), changes);
        oldTexts.put(environment, text);
        write(file, edited);
        changed.add(environment);
      }
    }
    if (changed.isEmpty()) {
      log.accept("Every environment already holds " + String.join(", ", references));
      return new Attempt(
          new BumpResult(
              bumpId, null, targets, references, attempt, BumpResult.Outcome.UP_TO_DATE, ""),
          null);
    }

    StringBuilder diff = new StringBuilder();
    // the gate reads every overlay as it will be: the edited ones and those built on them anew,
    // every other one as built before the edit
    List<String> affected = affected(tree, changed, current);
    OverlayBuilds after = new OverlayBuilds(affected, e -> build(tree, e), builds);
    // the single-resource rules evaluate only the objects whose images changed: every other
    // object is as it was (ImageChangeCheck proves it), and so are its findings
    Map<String, List<Integer>> subjects = new LinkedHashMap<>();
    for (String environment : affected) {
      List<ObjectNode> old = current.get(environment).objects();
      ResourceSet edited = after.get(environment);
      List<ObjectNode> now = edited.objects();
      if (!changed.contains(environment)) {
        if (now.equals(old)) {
          continue; // built on an edited overlay, but sets the image itself
        }
        log.accept(
            "The edit also changes overlays/"
                + environment
                + ", which builds on an edited overlay");
      }
      current.put(environment, edited);
      subjects.put(
          environment,
          ImageChangeCheck.check(environment, old, now, changes).stream()
              .map(ImageChangeCheck.Changed::position)
              .distinct()
              .toList());
      if (request.dryRun()) {
        String file = "overlays/" + environment + "/kustomization.yaml";
        if (oldTexts.containsKey(environment)) {
          diff.append(
              UnifiedDiff.of(
                  file, oldTexts.get(environment), file, read(kustomization(tree, environment))));
        }
        diff.append(
            UnifiedDiff.of(
                "hydrated/" + environment + ".yaml",
                yaml.writeStream(old),
                "hydrated/" + environment + ".yaml",
                yaml.writeStream(now)));
      }
    }
    ValidationRun gate = gate(tree, current, subjects);
    if (request.dryRun()) {
      diff.append("\nPolicy gate: ").append(gate.result().summary()).append('\n');
      gate.failure()
          .ifPresent(f -> diff.append("The bump would be refused: ").append(f).append('\n'));
      return new Attempt(
          new BumpResult(
              bumpId,
              null,
              changed,
              references,
              attempt,
              BumpResult.Outcome.DRY_RUN,
              diff.toString()),
          null);
    }
    refuseViolations(gate, changed);

    RevCommit commit = commit(git, tree, request, changes, changed, bumpId);
    Optional<String> rejection = push(git, request, location, transport, tip);
    if (rejection.isPresent()) {
      return new Attempt(null, rejection.get());
    }
    log.accept(
        "Pushed "
            + commit.getId().name()
            + " to "
            + request.branch()
            + ": "
            + String.join(", ", references)
            + " in "
            + String.join(", ", changed));
    return new Attempt(
        new BumpResult(
            bumpId,
            commit.getId().name(),
            changed,
            references,
            attempt,
            BumpResult.Outcome.PUSHED,
            ""),
        null);
  }

  /** The changes asked for, or for a promotion the references the source environment holds. */
  private List<ImageChange> changes(
      BumpRequest request, Path tree, List<String> overlays, OverlayBuilds before) {
    if (request.promoteFrom() == null) {
      return request.changes();
    }
    String source = request.promoteFrom();
    if (!overlays.contains(source)) {
      throw new BumpException(
          "treum.promoteFrom names '"
              + source
              + "', but the repository's overlays are "
              + overlays);
    }
    List<ImageChange> changes = new ArrayList<>();
    for (String image : request.imageNames()) {
      String reference =
          imagesOf(before.get(source).objects(), image, entryName(tree, source, image)).stream()
              .findFirst()
              .orElseThrow(
                  () ->
                      new BumpException(
                          "treum.promoteFrom: overlays/"
                              + source
                              + " has no container with image "
                              + image));
      String[] parts = ImageEntry.split(reference);
      changes.add(new ImageChange(image, emptyToNull(parts[1]), emptyToNull(parts[2])));
    }
    return changes;
  }

  /** The environments to change: as asked, or every overlay that uses one of the images. */
  private List<String> targets(
      BumpRequest request,
      Path tree,
      List<String> overlays,
      List<ImageChange> changes,
      OverlayBuilds before) {
    Set<String> targets = new TreeSet<>();
    if (!request.environments().isEmpty()) {
      for (String environment : request.environments()) {
        if (!overlays.contains(environment)) {
          throw new BumpException(
              "treum.environments names '"
                  + environment
                  + "', but the repository's overlays are "
                  + overlays);
        }
        targets.add(environment);
      }
    } else {
      for (String environment : overlays) {
        for (ImageChange change : changes) {
          String renamed = entryName(tree, environment, change.image());
          if (renamed != null
              || !imagesOf(before.get(environment).objects(), change.image(), null).isEmpty()) {
            targets.add(environment);
          }
        }
      }
    }
    if (request.promoteFrom() != null) {
      targets.remove(request.promoteFrom());
    }
    if (targets.isEmpty()) {
      throw new BumpException(
          "no overlay uses "
              + String.join(", ", request.imageNames())
              + (request.promoteFrom() == null ? "" : " besides " + request.promoteFrom())
              + "; the overlays use "
              + repositoriesOf(before.all().values())
              + ": check treum.image, or name the environments with treum.environments");
    }
    return List.copyOf(targets);
  }

  /**
   * The newName of the overlay's entry for {@code image} ({@code image} itself when it has none),
   * or null.
   */
  private String entryName(Path tree, String environment, String image) {
    JsonNode kustomization =
        yaml.readAll(read(kustomization(tree, environment)), environment).get(0);
    for (JsonNode entry : kustomization.path("images")) {
      if (image.equals(entry.path("name").asText(null))
          || image.equals(entry.path("newName").asText(null))) {
        return entry.path("newName").asText(entry.path("name").asText());
      }
    }
    return null;
  }

  /**
   * The image references in {@code objects} whose repository is {@code image} or {@code renamed}.
   */
  private static List<String> imagesOf(List<ObjectNode> objects, String image, String renamed) {
    List<String> found = new ArrayList<>();
    for (ObjectNode object : objects) {
      collectImages(
          object, repository -> repository.equals(image) || repository.equals(renamed), found);
    }
    return found;
  }

  /** The image repositories the overlays' objects use, for a message. */
  private static Set<String> repositoriesOf(Collection<ResourceSet> overlays) {
    List<String> found = new ArrayList<>();
    for (ResourceSet overlay : overlays) {
      for (ObjectNode object : overlay.objects()) {
        collectImages(object, repository -> true, found);
      }
    }
    Set<String> repositories = new TreeSet<>();
    found.forEach(image -> repositories.add(ImageEntry.split(image)[0]));
    return repositories;
  }

  private static void collectImages(JsonNode node, Predicate<String> wanted, List<String> found) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                if (field.getKey().equals("image") && field.getValue().isTextual()) {
                  if (wanted.test(ImageEntry.split(field.getValue().asText())[0])) {
                    found.add(field.getValue().asText());
                  }
                } else {
                  collectImages(field.getValue(), wanted, found);
                }
              });
    } else if (node.isArray()) {
      node.forEach(child -> collectImages(child, wanted, found));
    }
  }

  private void refuseDowngrade(
      BumpRequest request,
      Path tree,
      String environment,
      List<ObjectNode> objects,
      List<ImageChange> changes) {
    if (request.allowDowngrade()) {
      return;
    }
    for (ImageChange change : changes) {
      Optional<SemanticVersion> next = SemanticVersion.parse(change.tag());
      if (next.isEmpty()) {
        continue;
      }
      String renamed = entryName(tree, environment, change.image());
      for (String current : imagesOf(objects, change.image(), renamed)) {
        Optional<SemanticVersion> now = SemanticVersion.parse(ImageEntry.split(current)[1]);
        if (now.isPresent() && next.get().compareTo(now.get()) < 0) {
          throw new BumpException(
              "refusing to downgrade "
                  + change.image()
                  + " in "
                  + environment
                  + " from "
                  + ImageEntry.split(current)[1]
                  + " to "
                  + change.tag()
                  + ": set treum.allowDowngrade to roll back on purpose");
        }
      }
    }
  }

  /**
   * Evaluates the policies on the environments of {@code subjects}, reusing the overlays already
   * built: the cross-resource rules on every object, the single-resource rules on the subjects.
   */
  private ValidationRun gate(
      Path tree, Map<String, ResourceSet> built, Map<String, List<Integer>> subjects) {
    return validate.validate(
        new ValidateRequest(
            tree,
            Set.copyOf(subjects.keySet()),
            List.of(),
            null,
            EnumSet.noneOf(ReportFormat.class),
            tree.resolve(".git").resolve("treum-reports"),
            null,
            false),
        built,
        subjects);
  }

  private static void refuseViolations(ValidationRun gate, List<String> environments) {
    Optional<String> failure = gate.failure();
    if (failure.isEmpty()) {
      return;
    }
    StringBuilder message =
        new StringBuilder("the policy gate refuses the bump of ")
            .append(String.join(", ", environments))
            .append(": ")
            .append(failure.get());
    gate.result().findings().stream()
        .filter(f -> f.severity() == Severity.ERROR)
        .limit(20)
        .forEach(f -> message.append("\n  ").append(describe(f)));
    throw new BumpException(message.append("\nnothing was committed").toString());
  }

  private static String describe(Finding finding) {
    return finding.ruleId()
        + " "
        + finding.object()
        + " ("
        + finding.environment()
        + "): "
        + finding.message();
  }

  private RevCommit commit(
      Git git,
      Path tree,
      BumpRequest request,
      List<ImageChange> changes,
      List<String> environments,
      String bumpId) {
    PersonIdent ident =
        new PersonIdent(
            request.author().name(), request.author().email(), clock.instant(), ZoneOffset.UTC);
    try {
      stage(git.getRepository(), tree, environments);
      CommitCommand commit =
          git.commit()
              .setMessage(
                  BumpMessage.render(
                      request.messageTemplate(),
                      changes,
                      environments,
                      request.sourceCommit(),
                      bumpId))
              .setAuthor(ident)
              .setCommitter(ident)
              .setAllowEmpty(false)
              .setSign(request.signing() != null);
      if (request.signing() != null) {
        Config config = new Config(git.getRepository().getConfig());
        config.setString("gpg", null, "format", request.signing().format());
        commit.setGpgConfig(new GpgConfig(config)).setSigningKey(request.signing().key());
      }
      return commit.call();
    } catch (GitAPIException | JGitInternalException e) {
      throw new BumpException("cannot commit the bump in the clone: " + e.getMessage(), e);
    }
  }

  /**
   * Puts the edited kustomization.yaml of each environment into the index, as {@code git add} would
   * from a working tree on disk.
   */
  private static void stage(Repository repository, Path tree, List<String> environments) {
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      DirCache index = repository.lockDirCache();
      DirCacheEditor editor = index.editor();
      for (String environment : environments) {
        ObjectId blob =
            inserter.insert(
                Constants.OBJ_BLOB, Files.readAllBytes(kustomization(tree, environment)));
        editor.add(
            new DirCacheEditor.PathEdit("overlays/" + environment + "/kustomization.yaml") {
              @Override
              public void apply(DirCacheEntry entry) {
                if (entry.getRawMode() == 0) {
                  entry.setFileMode(FileMode.REGULAR_FILE);
                }
                entry.setObjectId(blob);
              }
            });
      }
      inserter.flush();
      editor.commit();
    } catch (IOException e) {
      throw new BumpException("cannot stage the bump in the clone: " + e.getMessage(), e);
    }
  }

  /**
   * Pushes the branch with a lease on {@code expected}; a reason to retry, or empty when it landed.
   */
  private Optional<String> push(
      Git git,
      BumpRequest request,
      RepositoryLocation location,
      GitTransport transport,
      ObjectId expected) {
    String ref = "refs/heads/" + request.branch();
    Iterable<PushResult> results;
    try {
      results =
          transport
              .configure(git.push())
              .setRemote("origin")
              .setRefSpecs(new RefSpec(ref + ":" + ref))
              .setRefLeaseSpecs(new RefLeaseSpec(ref, expected.name()))
              .setForce(false)
              .call();
    } catch (TransportException e) {
      throw transportFailure(request, location, "push to", e);
    } catch (GitAPIException e) {
      throw new BumpException("push to " + location + " failed: " + e.getMessage(), e);
    }
    for (PushResult result : results) {
      RemoteRefUpdate update = result.getRemoteUpdate(ref);
      if (update == null) {
        continue;
      }
      switch (update.getStatus()) {
        case OK, UP_TO_DATE:
          return Optional.empty();
        case REJECTED_NONFASTFORWARD:
          return Optional.of("non-fast-forward: " + request.branch() + " moved");
        case REJECTED_REMOTE_CHANGED:
          return Optional.of("lease: " + request.branch() + " is no longer at " + expected.name());
        case REJECTED_OTHER_REASON:
          String message = String.valueOf(update.getMessage());
          if (isRace(message)) {
            return Optional.of("the update of " + ref + " raced another push: " + message);
          }
          throw new BumpException(
              "the server refused the push to "
                  + request.branch()
                  + ": "
                  + message
                  + " (not retried)");
        default:
          throw new BumpException(
              "the push to "
                  + request.branch()
                  + " ended with "
                  + update.getStatus()
                  + (update.getMessage() == null ? "" : ": " + update.getMessage()));
      }
    }
    throw new BumpException("the server did not report on " + ref + " after the push");
  }

  /**
   * Whether the server refused the update because another push got there first, which a retry from
   * the new tip fixes: a ref lock held by that push ("failed to lock", "cannot lock ref"), or —
   * from JGit's server over smart HTTP, where the refs are read by one request and pushed to by the
   * next — a branch that moved in between ("invalid old id sent"). Never a protected-branch
   * refusal.
   */
  static boolean isRace(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    return (lower.contains("lock") || lower.contains("invalid old id"))
        && !lower.contains("protected");
  }

  /**
   * Clones the branch into {@code directory} (the repository, on disk) and writes its files under
   * {@code tree}.
   */
  private Git clone(
      BumpRequest request,
      RepositoryLocation location,
      GitTransport transport,
      Path directory,
      Path tree) {
    log.accept("Cloning " + request.branch() + " of " + location);
    try {
      Git git =
          transport
              .configure(Git.cloneRepository())
              .setURI(location.uri())
              .setDirectory(directory.toFile())
              .setBranch(request.branch())
              .setBranchesToClone(List.of("refs/heads/" + request.branch()))
              .setCloneAllBranches(false)
              .setNoTags()
              // WorkingTree writes the files: JGit's checkout took ten times the clone
              .setNoCheckout(true)
              .call();
      ObjectId tip = git.getRepository().resolve("refs/remotes/origin/" + request.branch());
      if (tip != null) {
        // a quarter of the heap for the branch's files: a config repository holds YAML
        WorkingTree.checkout(
            git.getRepository(), request.branch(), tip, tree, Runtime.getRuntime().maxMemory() / 4);
      }
      return git;
    } catch (TransportException e) {
      throw transportFailure(request, location, "clone", e);
    } catch (GitAPIException e) {
      throw new BumpException("cannot clone " + location + ": " + e.getMessage(), e);
    } catch (IOException | UncheckedIOException e) {
      throw new BumpException(
          "cannot check out " + request.branch() + " of " + location + ": " + e.getMessage(), e);
    }
  }

  /** Fetches the branch alone (no tags) and resets the clone and {@code tree} to its new tip. */
  private void reset(
      Git git,
      BumpRequest request,
      RepositoryLocation location,
      GitTransport transport,
      Path tree) {
    String ref = "refs/heads/" + request.branch();
    try {
      transport
          .configure(git.fetch())
          .setRemote("origin")
          .setRefSpecs(new RefSpec("+" + ref + ":refs/remotes/origin/" + request.branch()))
          .setTagOpt(TagOpt.NO_TAGS)
          .call();
      WorkingTree.reset(git.getRepository(), request.branch(), tip(git, request), tree);
    } catch (TransportException e) {
      throw transportFailure(request, location, "fetch from", e);
    } catch (GitAPIException | UncheckedIOException e) {
      throw new BumpException("cannot reset the clone to the new tip: " + e.getMessage(), e);
    }
  }

  private static ObjectId tip(Git git, BumpRequest request) {
    try {
      ObjectId tip = git.getRepository().resolve("refs/remotes/origin/" + request.branch());
      if (tip == null) {
        throw new BumpException(
            "the repository has no branch " + request.branch() + ": check treum.branch");
      }
      return tip;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean alreadyApplied(Git git, ObjectId tip, String bumpId) {
    try (RevWalk walk = new RevWalk(git.getRepository())) {
      walk.markStart(walk.parseCommit(tip));
      int seen = 0;
      for (RevCommit commit : walk) {
        if (commit.getFooterLines(BumpMessage.BUMP_ID_TRAILER).contains(bumpId)) {
          return true;
        }
        if (++seen >= HISTORY_DEPTH) {
          break;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BumpException transportFailure(
      BumpRequest request, RepositoryLocation location, String action, TransportException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    // JGit starts its message with the URL, which this one names already
    if (message.startsWith(location.uri() + ": ")) {
      message = message.substring(location.uri().length() + 2);
    }
    String text = "cannot " + action + " " + location + ": " + message + hint(request, location, e);
    return new BumpException(
        request.credentials() == null ? text : request.credentials().redact(text));
  }

  /** What to check when the transport failed, read from JGit's messages. */
  private static String hint(
      BumpRequest request, RepositoryLocation location, TransportException e) {
    StringBuilder messages = new StringBuilder();
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      messages.append(cause.getMessage()).append('\n');
    }
    String lower = messages.toString().toLowerCase(Locale.ROOT);
    if (location.kind() == RepositoryLocation.Kind.SSH) {
      String folder = request.ssh() == null ? "~/.ssh" : request.ssh().directory().toString();
      if (lower.contains("server key") || lower.contains("host key")) {
        return ": the server's host key is not in "
            + folder
            + "/known_hosts (or differs from it); add it there (ssh-keyscan) or point "
            + SshCredentials.DIRECTORY_PARAMETER
            + " at a folder whose known_hosts has it";
      }
      if (lower.contains("auth") || lower.contains("log in") || lower.contains("publickey")) {
        return ": the server refused the key; check "
            + SshCredentials.KEY_PARAMETER
            + " or the keys in "
            + SshCredentials.DIRECTORY_PARAMETER
            + " ("
            + folder
            + "), and that the server has the public key";
      }
      return "";
    }
    return lower.contains("auth")
            || lower.contains("401")
            || lower.contains("403")
            || lower.contains("not authorized")
        ? ": check "
            + GitCredentials.TOKEN_VARIABLE
            + " (and "
            + GitCredentials.USER_VARIABLE
            + ") or treum.serverId"
        : "";
  }

  private ResourceSet build(Path tree, String environment) {
    try {
      return builder.buildResources(tree.resolve("overlays").resolve(environment));
    } catch (KustomizeException | YamlException e) {
      throw new BumpException("overlays/" + environment + " does not build: " + e.getMessage(), e);
    }
  }

  /**
   * The targets whose kustomization file the bump edits: treum edits files, never through a
   * symbolic link (which would replace the link by a file). A target whose {@code
   * kustomization.yaml} is reached through a link to another target's file changes with that file
   * and is judged with it ({@link #affected}); a link to any other file is refused.
   */
  private static List<String> editable(Path tree, List<String> targets) {
    Map<String, Path> real = new LinkedHashMap<>();
    Map<Path, String> files = new LinkedHashMap<>();
    for (String environment : targets) {
      Path file = kustomization(tree, environment).toAbsolutePath().normalize();
      real.put(environment, realPath(file));
      if (real.get(environment).equals(file)) {
        files.put(file, environment);
      }
    }
    for (String environment : targets) {
      if (!files.containsKey(real.get(environment))) {
        throw new BumpException(
            "overlays/"
                + environment
                + "/kustomization.yaml is reached through a symbolic link (it is "
                + tree.relativize(real.get(environment)).toString().replace('\\', '/')
                + "), which treum does not edit through: bump the overlay that holds that file"
                + " (overlays that link to it are judged with it) or make overlays/"
                + environment
                + "/kustomization.yaml a file; nothing was committed");
      }
    }
    return List.copyOf(files.values());
  }

  private static Path realPath(Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + file, e);
    }
  }

  /**
   * The overlays the edit of {@code changed} changes: those, then every other overlay whose build
   * read one of the edited kustomization files — through a base (an overlay built on another) or a
   * symbolic link — in the order of {@code built}.
   */
  private static List<String> affected(
      Path tree, List<String> changed, Map<String, ResourceSet> built) {
    Set<Path> edited = new HashSet<>();
    for (String environment : changed) {
      edited.add(realPath(kustomization(tree, environment)));
    }
    List<String> affected = new ArrayList<>(changed);
    built.forEach(
        (environment, resources) -> {
          if (!changed.contains(environment)
              && resources.kustomizations().stream().anyMatch(edited::contains)) {
            affected.add(environment);
          }
        });
    return affected;
  }

  /**
   * Stops the builds an attempt that ended early did not wait for (their tree is closed by now, so
   * they end at once), before the bump returns.
   */
  private static void stop(ExecutorService builds) {
    builds.shutdownNow();
    try {
      builds.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread buildThread(Runnable task) {
    Thread thread = new Thread(task, "treum-bump-build");
    thread.setDaemon(true);
    return thread;
  }

  private static Path kustomization(Path tree, String environment) {
    return tree.resolve("overlays").resolve(environment).resolve("kustomization.yaml");
  }

  private static String relative(Path tree, Path file) {
    return tree.relativize(file).toString().replace('\\', '/');
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path file, String text) {
    try {
      AtomicFiles.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private Path temporaryFolder() {
    try {
      Files.createDirectories(workRoot);
      return Files.createTempDirectory(workRoot, "treum-bump-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for the clone under " + workRoot, e);
    }
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  /**
   * The gate's engine, chosen once per bump and kept open across attempts: building a Wasm engine
   * compiles the module, which every attempt would otherwise pay for.
   */
  private static final class SharedEngine
      implements Function<ValidateRequest, PolicyEngines.Selection> {
    private final Function<ValidateRequest, PolicyEngines.Selection> engines;
    private PolicyEngines.Selection selection;

    SharedEngine(Function<ValidateRequest, PolicyEngines.Selection> engines) {
      this.engines = Objects.requireNonNull(engines, "engines");
    }

    @Override
    public synchronized PolicyEngines.Selection apply(ValidateRequest request) {
      if (selection == null) {
        selection = engines.apply(request);
      }
      PolicyEngine shared = selection.engine();
      return new PolicyEngines.Selection(
          selection.policies(),
          new PolicyEngine() {
            @Override
            public String description() {
              return shared.description();
            }

            @Override
            public GateReport evaluate(String environment, String document) {
              return shared.evaluate(environment, document);
            }

            @Override
            public void close() {
              // kept open for the next attempt; closed when the bump ends
            }
          });
    }

    synchronized void closeShared() {
      if (selection != null) {
        selection.engine().close();
        selection = null;
      }
    }
  }
}
