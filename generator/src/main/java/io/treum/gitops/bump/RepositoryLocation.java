package io.treum.gitops.bump;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The config repository as {@code treum.repository} names it, read the way git reads a remote: a
 * URL ({@code https://…}, {@code ssh://…}; the scheme in any case), an scp-like SSH address ({@code
 * git@host:owner/repo.git}: a colon before any slash), or else a local path. JGit takes only lower
 * case schemes and would read {@code HTTP://host/x} as a folder, so the scheme is lowered here;
 * anything that is neither a supported URL nor a plain path is refused with the fix, as is any
 * credential in the text.
 *
 * @param kind what the text is
 * @param uri the repository as JGit takes it
 */
public record RepositoryLocation(Kind kind, String uri) {
  /** The parameter this reads, for messages. */
  static final String PARAMETER = "treum.repository";

  /** The schemes of JGit's transports that can push. */
  static final Set<String> SCHEMES = Set.of("https", "http", "ssh", "git+ssh", "ssh+git", "file");

  private static final String FORMS =
      "https://host/owner/repo.git, ssh://git@host/owner/repo.git, git@host:owner/repo.git or a"
          + " local path";

  /** {@code scheme://rest}, the scheme in any case. */
  private static final Pattern URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(.*)$");

  /** {@code scheme:} without the slashes (or with one), for a URL that lost them. */
  private static final Pattern BROKEN_URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):/?[^/]");

  /** {@code [user@]host:path} with no slash before the colon; the host may be {@code [v6]}. */
  private static final Pattern SCP =
      Pattern.compile("^(?:([^@/]*)@)?(\\[[^\\]/]*\\]|[^@/:\\[\\]]*):(.*)$");

  /** {@code user@host} with neither colon nor slash: an scp-like address without its path. */
  private static final Pattern NO_PATH = Pattern.compile("^[^@/:]+@[^@/:]+$");

  /** A URL's user information, up to the last {@code @} before the path. */
  private static final Pattern USER_INFO = Pattern.compile("^([^/?#]*)@");

  /** What a location is, which decides the transport and its credentials. */
  public enum Kind {
    /** {@code http://} or {@code https://}: token credentials. */
    HTTP,
    /** {@code ssh://} or {@code git@host:path}: SSH keys. */
    SSH,
    /** {@code file://} or a folder. */
    LOCAL
  }

  /**
   * Reads {@code text}.
   *
   * @throws BumpException naming {@value #PARAMETER} and the fix when it is no supported URL, an
   *     incomplete scp-like address, or carries credentials
   */
  public static RepositoryLocation parse(String text) {
    String location = text == null ? "" : text.strip();
    if (location.isEmpty()) {
      throw new BumpException(PARAMETER + " is required: " + FORMS);
    }
    Matcher url = URL.matcher(location);
    if (url.matches()) {
      return url(location, url.group(1).toLowerCase(Locale.ROOT), url.group(2));
    }
    Matcher broken = BROKEN_URL.matcher(location);
    if (broken.find() && SCHEMES.contains(broken.group(1).toLowerCase(Locale.ROOT))) {
      throw new BumpException(
          PARAMETER
              + " '"
              + hideUser(location)
              + "' reads as an SSH address on host '"
              + broken.group(1)
              + "': write "
              + broken.group(1).toLowerCase(Locale.ROOT)
              + "://… with two slashes");
    }
    Matcher scp = SCP.matcher(location);
    if (scp.matches() && !isDrive(scp)) {
      return scp(location, scp);
    }
    if (NO_PATH.matcher(location).matches()) {
      throw new BumpException(
          PARAMETER
              + " '"
              + hideUser(location)
              + "' has no repository path: write "
              + location
              + ":owner/repo.git or ssh://"
              + location
              + "/owner/repo.git");
    }
    try {
      Path.of(location);
    } catch (InvalidPathException e) {
      throw new BumpException(
          PARAMETER + " '" + location + "' is neither a URL nor a path: use " + FORMS);
    }
    return new RepositoryLocation(Kind.LOCAL, location);
  }

  private static RepositoryLocation url(String location, String scheme, String rest) {
    if (!SCHEMES.contains(scheme)) {
      throw new BumpException(
          PARAMETER
              + " '"
              + hideUser(location)
              + "' uses "
              + scheme
              + "://, which treum cannot push over: use "
              + FORMS);
    }
    Matcher userInfo = USER_INFO.matcher(rest);
    if (userInfo.find() && (userInfo.group(1).contains(":") || scheme.startsWith("http"))) {
      throw credentials(scheme + "://***@" + rest.substring(userInfo.end()));
    }
    Kind kind =
        scheme.startsWith("http") ? Kind.HTTP : scheme.equals("file") ? Kind.LOCAL : Kind.SSH;
    if (kind != Kind.LOCAL && (rest.isEmpty() || rest.startsWith("/"))) {
      throw new BumpException(
          PARAMETER + " '" + hideUser(location) + "' names no host: use " + FORMS);
    }
    return new RepositoryLocation(kind, scheme + "://" + rest);
  }

  private static RepositoryLocation scp(String location, Matcher scp) {
    String user = scp.group(1);
    String host = scp.group(2);
    String path = scp.group(3);
    if (user != null && user.contains(":")) {
      throw credentials("***@" + host + ":" + path);
    }
    if (host.isEmpty() || path.isEmpty() || (user != null && user.isEmpty())) {
      throw new BumpException(
          PARAMETER
              + " '"
              + hideUser(location)
              + "' is an incomplete SSH address: write git@host:owner/repo.git or"
              + " ssh://git@host/owner/repo.git (a local folder with a colon in its name: ./"
              + location
              + ")");
    }
    return new RepositoryLocation(Kind.SSH, location);
  }

  /** {@code C:\…} or {@code C:/…}: a Windows drive, which git takes for a path too. */
  private static boolean isDrive(Matcher scp) {
    return scp.group(1) == null
        && scp.group(2).length() == 1
        && Character.isLetter(scp.group(2).charAt(0))
        && (scp.group(3).startsWith("\\") || scp.group(3).startsWith("/"));
  }

  private static BumpException credentials(String shown) {
    return new BumpException(
        PARAMETER
            + " must not carry credentials ("
            + shown
            + "): put the token in "
            + GitCredentials.TOKEN_VARIABLE
            + " or a settings.xml server (treum.serverId), SSH keys in treum.sshDirectory or"
            + " treum.sshKey");
  }

  /**
   * {@code text} without the user information of a URL (as {@code ***}), for messages that run
   * before the location is known to hold no credential.
   */
  static String hideUser(String text) {
    String location = text == null ? "" : text.strip();
    Matcher url = URL.matcher(location);
    if (!url.matches()) {
      return location;
    }
    Matcher userInfo = USER_INFO.matcher(url.group(2));
    return userInfo.find()
        ? url.group(1) + "://***@" + url.group(2).substring(userInfo.end())
        : location;
  }

  /** A local path made absolute against {@code base}; any other location as it is. */
  public RepositoryLocation resolvedAgainst(Path base) {
    if (kind != Kind.LOCAL || uri.regionMatches(true, 0, "file://", 0, 7)) {
      return this;
    }
    Path path = Path.of(uri);
    if (!path.isAbsolute()) {
      path = base.resolve(path).toAbsolutePath();
    }
    return new RepositoryLocation(Kind.LOCAL, path.normalize().toString());
  }

  /** The location for messages: a URL's user shown, as it is no secret once credentials are out. */
  @Override
  public String toString() {
    return uri;
  }
}
