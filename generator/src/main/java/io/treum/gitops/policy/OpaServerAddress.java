package io.treum.gitops.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an OPA server listens ({@code treum.opa.url}): the base URL of its REST API, such as {@code
 * http://127.0.0.1:8181} or {@code https://opa.example.com/opa} behind a proxy.
 *
 * <p>Credentials in the URL ({@code https://user:secret@host}) are sent as HTTP Basic
 * authentication, as curl does, and never shown: {@link #toString()} and every message print the
 * URL with {@code ***} in their place. So this is a class, not a record, whose accessors cannot
 * leak them.
 */
public final class OpaServerAddress {
  /** The parameter that sets the address, for messages. */
  public static final String PARAMETER = "treum.opa.url";

  private final URI endpoint;
  private final String authorization;

  private OpaServerAddress(URI endpoint, String authorization) {
    this.endpoint = endpoint;
    this.authorization = authorization;
  }

  /**
   * The address of {@code url}.
   *
   * @throws PolicyInputException when it is not an absolute http(s) URL of a host, or has a query
   *     or fragment; the message shows the URL redacted
   */
  public static OpaServerAddress of(URI url) {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (url.isOpaque() || !(scheme.equals("http") || scheme.equals("https"))) {
      throw invalid(url.toString(), "it is not an http:// or https:// URL");
    }
    if (url.getHost() == null) {
      throw invalid(url.toString(), "it names no host");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw invalid(
          url.toString(), "OPA's API is found below it, so it takes no ?query or #fragment");
    }
    String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
    URI endpoint;
    try {
      endpoint = new URI(scheme + "://" + hostAndPort(url) + path);
    } catch (URISyntaxException e) {
      throw invalid(url.toString(), "it is not a valid URL");
    }
    String userInfo = url.getUserInfo();
    String authorization =
        userInfo == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (userInfo.contains(":") ? userInfo : userInfo + ":")
                            .getBytes(StandardCharsets.UTF_8));
    return new OpaServerAddress(endpoint, authorization);
  }

  /**
   * The address written as {@code text}, as a front end reads {@value #PARAMETER}.
   *
   * @throws PolicyInputException when it is not a URL {@link #of} accepts; the message shows it
   *     redacted
   */
  public static OpaServerAddress parse(String text) {
    Objects.requireNonNull(text, "text");
    try {
      return of(new URI(text.strip()));
    } catch (URISyntaxException e) {
      // the exception's message quotes the whole input, credentials included: never chain it
      throw invalid(text, "it is not a valid URL (" + e.getReason() + ")");
    }
  }

  /** The base URL requests go to, without credentials or a trailing slash. */
  public URI endpoint() {
    return endpoint;
  }

  /** Whether the URL carried credentials. */
  public boolean hasCredentials() {
    return authorization != null;
  }

  /** The {@code Authorization} header value for the URL's credentials, if it had any. */
  Optional<String> authorization() {
    return Optional.ofNullable(authorization);
  }

  /**
   * {@code text}, which failed to parse as a URL, with everything between {@code scheme://} (or the
   * start) and its last {@code @} replaced by {@code ***}: where a broken URL's credentials end
   * cannot be known, so this errs on hiding too much.
   */
  static String redact(String text) {
    int at = text.lastIndexOf('@');
    if (at < 0) {
      return text;
    }
    int scheme = text.lastIndexOf("://", at);
    return (scheme < 0 ? "" : text.substring(0, scheme + 3)) + "***" + text.substring(at);
  }

  private static String hostAndPort(URI url) {
    String host = url.getHost();
    return url.getPort() < 0 ? host : host + ":" + url.getPort();
  }

  private static PolicyInputException invalid(String url, String problem) {
    return new PolicyInputException(
        PARAMETER
            + " = "
            + redact(url)
            + " cannot be used: "
            + problem
            + "; give the base URL of an OPA server's REST API, such as http://127.0.0.1:8181");
  }

  /** The base URL, with {@code ***} for its credentials if it had any. */
  @Override
  public String toString() {
    return authorization == null
        ? endpoint.toString()
        : endpoint.getScheme() + "://***@" + endpoint.getRawAuthority() + endpoint.getRawPath();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OpaServerAddress a
        && endpoint.equals(a.endpoint)
        && Objects.equals(authorization, a.authorization);
  }

  @Override
  public int hashCode() {
    return Objects.hash(endpoint, authorization);
  }
}
