package io.treum.gitops.bump;

/** How a test reaches the bare config repository. */
enum Transport {
  /** JGit's file transport on the bare repository's folder. */
  FILE,
  /** Smart HTTP on loopback, with basic authentication ({@link LoopbackGitServer}). */
  HTTP;

  /** The repository as the bump sees it: a URL, its credentials, and what serves it. */
  record Remote(String uri, GitCredentials credentials, AutoCloseable server)
      implements AutoCloseable {
    @Override
    public void close() throws Exception {
      if (server != null) {
        server.close();
      }
    }
  }

  /** Serves {@code repository} over this transport until the remote is closed. */
  Remote serve(ConfigRepository repository) throws Exception {
    if (this == FILE) {
      return new Remote(repository.uri(), null, null);
    }
    LoopbackGitServer server = LoopbackGitServer.start(repository.repository());
    return new Remote(server.uri(), server.credentials(), server);
  }
}
