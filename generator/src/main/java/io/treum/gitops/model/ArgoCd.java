package io.treum.gitops.model;

import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How Argo CD deploys the rendered tree: the git repository and branch that hold it, the Argo CD
 * project, and per environment the destination cluster and the sync policy. A {@link Definition}
 * that returns one from {@link Definition#argoCd()} gets an {@code argocd/} folder beside {@code
 * base/} and {@code overlays/}: an {@code AppProject} and one {@code Application} per environment
 * pointing at {@code overlays/<env>} on the branch. Like workloads, environment differences are
 * plain Java:
 *
 * <pre>{@code
 * ArgoCd.repository("https://github.com/acme/shop-config.git")
 *     .branch("main")
 *     .project("shop")
 *     .syncPolicy(env -> env.isPrimary()
 *         ? ArgoCd.SyncPolicy.automated().withPrune().withSelfHeal()
 *         : ArgoCd.SyncPolicy.manual())
 *     .build();
 * }</pre>
 *
 * Each environment deploys to the cluster registered in Argo CD under its {@link
 * Environment#cluster()} name unless {@link Builder#destination} says otherwise.
 */
public final class ArgoCd {
  /** The namespace Argo CD runs in, where its Applications and AppProjects live by default. */
  public static final String DEFAULT_NAMESPACE = "argocd";

  /** {@code scheme://user:password@host…}: a URL with credentials in it. */
  private static final Pattern CREDENTIALS_IN_URL =
      Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/@]*:[^/@]*@.*");

  /**
   * Where an environment's Application deploys: a cluster registered in Argo CD by {@code name}, or
   * a Kubernetes API server {@code server} URL. Exactly one is set.
   */
  public record Destination(String name, String server) {
    public Destination {
      if ((name == null) == (server == null)) {
        throw new DefinitionException(
            "an Argo CD destination names a cluster or an API server URL, not "
                + (name == null ? "neither" : "both")
                + ": use Destination.cluster(…) or Destination.server(…)");
      }
      requireText(name == null ? server : name, "Argo CD destination");
    }

    /** A cluster registered in Argo CD under this name. */
    public static Destination cluster(String name) {
      return new Destination(Objects.requireNonNull(name, "cluster name"), null);
    }

    /** A cluster by its Kubernetes API server URL, e.g. {@code https://kubernetes.default.svc}. */
    public static Destination server(String url) {
      return new Destination(null, Objects.requireNonNull(url, "server URL"));
    }
  }

  /**
   * How Argo CD syncs an environment: manually (someone presses sync), or automatically on every
   * commit, optionally deleting what the tree no longer holds ({@code prune}) and undoing changes
   * made in the cluster ({@code selfHeal}).
   */
  public record SyncPolicy(boolean automatic, boolean prune, boolean selfHeal) {
    public SyncPolicy {
      if (!automatic && (prune || selfHeal)) {
        throw new DefinitionException(
            "a manual Argo CD sync policy cannot prune or self-heal: start from"
                + " SyncPolicy.automated()");
      }
    }

    /** Syncs only when someone asks for it. */
    public static SyncPolicy manual() {
      return new SyncPolicy(false, false, false);
    }

    /** Syncs every new commit, without pruning or self-healing. */
    public static SyncPolicy automated() {
      return new SyncPolicy(true, false, false);
    }

    /** Also deletes objects the tree no longer holds. */
    public SyncPolicy withPrune() {
      return new SyncPolicy(automatic, true, selfHeal);
    }

    /** Also reverts changes made in the cluster to what the tree says. */
    public SyncPolicy withSelfHeal() {
      return new SyncPolicy(automatic, prune, true);
    }
  }

  private final String repository;
  private final String branch;
  private final String project;
  private final String namespace;
  private final String path;
  private final Function<Environment, Destination> destination;
  private final Function<Environment, SyncPolicy> syncPolicy;

  private ArgoCd(Builder b) {
    this.repository = b.repository;
    this.branch = b.branch;
    this.project = b.project;
    this.namespace = b.namespace;
    this.path = b.path;
    this.destination = b.destination;
    this.syncPolicy = b.syncPolicy;
  }

  /** Starts the settings with the git repository Argo CD reads the tree from. */
  public static Builder repository(String url) {
    return new Builder(url);
  }

  /** The git repository URL. */
  public String repository() {
    return repository;
  }

  /** The branch Argo CD tracks ({@code targetRevision}). */
  public String branch() {
    return branch;
  }

  /** The Argo CD project of the Applications; treum renders it as an {@code AppProject}. */
  public String project() {
    return project;
  }

  /** The namespace the Applications and the AppProject live in. */
  public String namespace() {
    return namespace;
  }

  /** The folder of the tree within the repository, {@code ""} for its root. */
  public String path() {
    return path;
  }

  /** The Application of an environment: {@code <project>-<environment>}. */
  public String applicationName(Environment environment) {
    return project + "-" + environment.name();
  }

  /** The folder Argo CD builds for an environment: {@code [<path>/]overlays/<environment>}. */
  public String overlayPath(Environment environment) {
    return (path.isEmpty() ? "" : path + "/") + "overlays/" + environment.name();
  }

  /**
   * Where an environment deploys.
   *
   * @throws DefinitionException when there is no destination for it
   */
  public Destination destination(Environment environment) {
    Destination result = destination.apply(environment);
    if (result == null) {
      throw new DefinitionException(
          "Argo CD has no destination for environment '"
              + environment.name()
              + "': give the environment a .cluster(…) (the name Argo CD knows the cluster by) or"
              + " return a Destination for it from ArgoCd.destination(…)");
    }
    return result;
  }

  /**
   * How an environment is synced.
   *
   * @throws DefinitionException when the definition's function returns none
   */
  public SyncPolicy syncPolicy(Environment environment) {
    SyncPolicy result = syncPolicy.apply(environment);
    if (result == null) {
      throw new DefinitionException(
          "Argo CD sync policy of environment '"
              + environment.name()
              + "' is null: return SyncPolicy.manual() or SyncPolicy.automated()");
    }
    return result;
  }

  private static String requireText(String value, String what) {
    if (value == null
        || value.isBlank()
        || !value.equals(value.strip())
        || value.chars().anyMatch(Character::isWhitespace)) {
      throw new DefinitionException(
          what + " '" + value + "' must be a non-empty word without spaces");
    }
    return value;
  }

  /** Builds {@link ArgoCd} settings; the repository and the project are required. */
  public static final class Builder {
    private final String repository;
    private String branch = "main";
    private String project;
    private String namespace = DEFAULT_NAMESPACE;
    private String path = "";
    private Function<Environment, Destination> destination =
        env -> env.cluster() == null ? null : Destination.cluster(env.cluster());
    private Function<Environment, SyncPolicy> syncPolicy = env -> SyncPolicy.manual();

    private Builder(String repository) {
      requireText(repository, "Argo CD repository URL");
      if (CREDENTIALS_IN_URL.matcher(repository).matches()) {
        throw new DefinitionException(
            "Argo CD repository URL has credentials in it: remove them and register the"
                + " repository's credentials in Argo CD instead");
      }
      this.repository = repository;
    }

    /** The branch Argo CD tracks (default {@code main}). */
    public Builder branch(String branch) {
      this.branch = requireText(branch, "Argo CD branch");
      return this;
    }

    /** The Argo CD project (required): a DNS-1123 label, also the prefix of the Applications. */
    public Builder project(String project) {
      this.project = Names.requireDns1123Label(project, "Argo CD project");
      return this;
    }

    /** The namespace Argo CD runs in (default {@value ArgoCd#DEFAULT_NAMESPACE}). */
    public Builder namespace(String namespace) {
      this.namespace = Names.requireDns1123Label(namespace, "Argo CD namespace");
      return this;
    }

    /**
     * The folder of the rendered tree within the repository, when it is not the repository's root
     * (e.g. {@code deploy} when treum renders into {@code deploy/}).
     */
    public Builder path(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.isEmpty()) {
        for (String segment : path.split("/", -1)) {
          if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
            throw new DefinitionException(
                "Argo CD path '"
                    + path
                    + "' must be a relative folder of the repository, like deploy or"
                    + " config/shop, without '.', '..', empty segments or a leading or"
                    + " trailing '/'");
          }
        }
        requireText(path, "Argo CD path");
      }
      this.path = path;
      return this;
    }

    /** Where each environment deploys (default: the cluster named by the environment's cluster). */
    public Builder destination(Function<Environment, Destination> destination) {
      this.destination = Objects.requireNonNull(destination, "destination");
      return this;
    }

    /** How each environment is synced (default: manually). */
    public Builder syncPolicy(Function<Environment, SyncPolicy> syncPolicy) {
      this.syncPolicy = Objects.requireNonNull(syncPolicy, "syncPolicy");
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws DefinitionException when the project is missing
     */
    public ArgoCd build() {
      if (project == null) {
        throw new DefinitionException(
            "Argo CD settings for " + repository + " have no project: add .project(\"…\")");
      }
      return new ArgoCd(this);
    }
  }
}
