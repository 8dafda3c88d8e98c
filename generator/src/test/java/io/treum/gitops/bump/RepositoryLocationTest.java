package io.treum.gitops.bump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.bump.RepositoryLocation.Kind;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How {@code treum.repository} is read: as git reads a remote, the URL scheme in any case. */
class RepositoryLocationTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://github.com/acme/config.git      | HTTP  | https://github.com/acme/config.git",
        "HTTP://host/x                           | HTTP  | http://host/x",
        "Https://host:8443/x.git                 | HTTP  | https://host:8443/x.git",
        "ssh://git@host/acme/config.git          | SSH   | ssh://git@host/acme/config.git",
        "SSH://git@127.0.0.1:2222/config.git     | SSH   | ssh://git@127.0.0.1:2222/config.git",
        "git+ssh://git@host/x                    | SSH   | git+ssh://git@host/x",
        "git@github.com:acme/config.git          | SSH   | git@github.com:acme/config.git",
        "github.com:acme/config.git              | SSH   | github.com:acme/config.git",
        "git@[::1]:acme/config.git               | SSH   | git@[::1]:acme/config.git",
        "file:///srv/config.git                  | LOCAL | file:///srv/config.git",
        "FILE:///srv/config.git                  | LOCAL | file:///srv/config.git",
        "/srv/config.git                         | LOCAL | /srv/config.git",
        "target/config.git                       | LOCAL | target/config.git",
        "./odd:name.git                          | LOCAL | ./odd:name.git",
        "/srv/a:b/config.git                     | LOCAL | /srv/a:b/config.git",
        "/srv/user@host/config.git               | LOCAL | /srv/user@host/config.git",
        "'  https://host/x  '                    | HTTP  | https://host/x",
      })
  void readsUrlsScpAddressesAndPaths(String text, Kind kind, String uri) {
    RepositoryLocation location = RepositoryLocation.parse(text);

    assertThat(location.kind()).isEqualTo(kind);
    assertThat(location.uri()).isEqualTo(uri);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ftp://host/x.git         | uses ftp://, which treum cannot push over",
        "git://host/x.git         | uses git://, which treum cannot push over",
        "rsync://host/x.git       | uses rsync://, which treum cannot push over",
        "https:/host/x.git        | write https://… with two slashes",
        "HTTP:host/x.git          | write http://… with two slashes",
        "git@github.com           | has no repository path: write git@github.com:owner/repo.git",
        "git@host:                | is an incomplete SSH address",
        ":acme/config.git         | is an incomplete SSH address",
        "@host:acme/config.git    | is an incomplete SSH address",
        "https:///x.git           | names no host",
        "ssh:///x.git             | names no host",
      })
  void refusesWhatItCannotReadNamingTheParameterAndTheFix(String text, String message) {
    assertThatThrownBy(() -> RepositoryLocation.parse(text))
        .isInstanceOf(BumpException.class)
        .hasMessageStartingWith("treum.repository '" + text + "'")
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://x-access-token:s3cret@host/x.git | https://***@host/x.git",
        "HTTPS://s3cret@host/x.git                | https://***@host/x.git",
        "ssh://git:s3cret@host/x.git              | ssh://***@host/x.git",
        "git:s3cret@host:acme/x.git               | ***@host:acme/x.git",
      })
  void refusesCredentialsWithoutShowingThem(String text, String shown) {
    assertThatThrownBy(() -> RepositoryLocation.parse(text))
        .isInstanceOf(BumpException.class)
        .hasMessageContaining("treum.repository must not carry credentials (" + shown + ")")
        .hasMessageContaining(GitCredentials.TOKEN_VARIABLE)
        .hasMessageNotContaining("s3cret");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "target/config.git       | /ci/job/target/config.git",
        "../config.git           | /ci/config.git",
        "/srv/config.git         | /srv/config.git",
        "file:///srv/config.git  | file:///srv/config.git",
        "HTTP://host/x           | http://host/x",
        "git@host:acme/x.git     | git@host:acme/x.git",
      })
  void resolvesOnlyLocalPathsAgainstTheFolderMavenRanIn(String text, String resolved) {
    assertThat(RepositoryLocation.parse(text).resolvedAgainst(Path.of("/ci/job")).uri())
        .isEqualTo(resolved);
  }
}
