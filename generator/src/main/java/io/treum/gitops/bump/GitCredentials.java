package io.treum.gitops.bump;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * HTTPS credentials for the config repository: a user and a token, from the environment ({@value
 * #TOKEN_VARIABLE}, {@value #USER_VARIABLE}) or a Maven {@code settings.xml} server. The token
 * never goes into a URL, a log line, an exception message or a commit: {@link #redact} removes it
 * from any text that leaves the bump, and {@link #toString} does not show it.
 *
 * @param user the user name (any non-empty name works with GitHub and GitLab tokens)
 * @param token the token or password
 */
public record GitCredentials(String user, String token) {
  /** The environment variable that holds the token. */
  public static final String TOKEN_VARIABLE = "TREUM_GIT_TOKEN";

  /** The environment variable that holds the user; {@value #DEFAULT_USER} when unset. */
  public static final String USER_VARIABLE = "TREUM_GIT_USER";

  /** The user sent with a token when none is given. */
  public static final String DEFAULT_USER = "x-access-token";

  private static final String MASK = "****";

  public GitCredentials {
    Objects.requireNonNull(token, "token");
    user = user == null || user.isBlank() ? DEFAULT_USER : user;
    if (token.isBlank()) {
      throw new BumpException(
          "the git token is empty: set " + TOKEN_VARIABLE + " or the server's password");
    }
  }

  /** The credentials in {@code environment}, or {@code null} when it has no token. */
  public static GitCredentials fromEnvironment(Map<String, String> environment) {
    String token = environment.get(TOKEN_VARIABLE);
    if (token == null || token.isBlank()) {
      return null;
    }
    return new GitCredentials(environment.get(USER_VARIABLE), token);
  }

  CredentialsProvider provider() {
    return new UsernamePasswordCredentialsProvider(user, token);
  }

  /** {@code text} without the token (and without the token's URL-encoded form). */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String redacted = text.replace(token, MASK);
    String encoded = URLEncoder.encode(token, StandardCharsets.UTF_8);
    return redacted.replace(encoded, MASK);
  }

  @Override
  public String toString() {
    return "GitCredentials[user=" + user + ", token=" + MASK + "]";
  }
}
