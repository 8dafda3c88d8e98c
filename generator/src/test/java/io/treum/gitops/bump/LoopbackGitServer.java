package io.treum.gitops.bump;

import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.junit.http.AccessEvent;
import org.eclipse.jgit.junit.http.AppServer;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.ServiceNotAuthorizedException;

/**
 * Smart HTTP on loopback for one bare repository: JGit's test application server (Jetty, bound to
 * localhost on a free port) with a {@link GitServlet} behind basic authentication, user {@value
 * AppServer#username}, password {@value AppServer#password} — the shape of {@code
 * org.eclipse.jgit.junit.http.SimpleHttpServer}, plus a say in each push: for servers that refuse
 * pushes (protected branches), or a branch that moves while a push is under way.
 */
final class LoopbackGitServer implements AutoCloseable {
  /** The password the server accepts, passed to bumps as the token. */
  static final String TOKEN = AppServer.password;

  static final String USER = AppServer.username;

  static final GitCredentials CREDENTIALS = new GitCredentials(USER, TOKEN);

  private final AppServer server;
  private final String uri;

  private LoopbackGitServer(AppServer server, String uri) {
    this.server = server;
    this.uri = uri;
  }

  /** Serves {@code bare} at {@code /sbasic/<folder name>}, accepting every push. */
  static LoopbackGitServer start(Repository bare) throws Exception {
    return start(bare, receive -> {});
  }

  /**
   * Serves {@code bare}, handing the server side of each push to {@code onPush} once the client has
   * read the refs and before the server reads its commands: to set a pre-receive hook, or to move a
   * branch as another writer would at that moment.
   */
  static LoopbackGitServer start(Repository bare, Consumer<ReceivePack> onPush) throws Exception {
    String name = bare.getDirectory().getName();
    GitServlet servlet = new GitServlet();
    servlet.setRepositoryResolver(
        (request, requested) -> {
          if (!requested.equals(name)) {
            throw new RepositoryNotFoundException(requested);
          }
          bare.incrementOpen();
          return bare;
        });
    servlet.setReceivePackFactory(
        (request, repository) -> {
          if (request.getRemoteUser() == null) {
            throw new ServiceNotAuthorizedException();
          }
          ReceivePack receive = new ReceivePack(repository);
          // smart HTTP is stateless: a GET advertises the refs, a later POST pushes
          if (request.getMethod().equals("POST")) {
            onPush.accept(receive);
          }
          return receive;
        });
    AppServer server = new AppServer();
    ServletContextHandler context = server.addContext("/sbasic");
    context.addServlet(new ServletHolder(servlet), "/*");
    server.authBasic(context);
    server.setUp();
    try {
      return new LoopbackGitServer(server, server.getURI().resolve("/sbasic/" + name).toString());
    } catch (RuntimeException e) {
      server.tearDown();
      throw e;
    }
  }

  /** The repository's URL, without credentials. */
  String uri() {
    return uri;
  }

  GitCredentials credentials() {
    return CREDENTIALS;
  }

  /** Every request the server answered since it started. */
  List<AccessEvent> requests() {
    return server.getRequests();
  }

  @Override
  public void close() throws Exception {
    server.tearDown();
  }
}
