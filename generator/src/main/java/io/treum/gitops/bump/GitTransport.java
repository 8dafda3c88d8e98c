package io.treum.gitops.bump;

import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * How one bump reaches its repository, set on each clone, fetch and push: the token only over
 * HTTP(S) — never offered to an SSH server as a password, nor asked about host keys — and over SSH
 * a session factory of the bump's own, with its keys and known hosts, closed when the bump ends.
 */
final class GitTransport implements AutoCloseable {
  private final CredentialsProvider credentials;
  private final SshdSessionFactory sessions;

  GitTransport(RepositoryLocation location, GitCredentials https, SshCredentials ssh) {
    this.credentials =
        location.kind() == RepositoryLocation.Kind.HTTP && https != null ? https.provider() : null;
    this.sessions =
        location.kind() != RepositoryLocation.Kind.SSH
            ? null
            : ssh != null
                ? ssh.sessions()
                : new SshdSessionFactoryBuilder()
                    .setPreferredAuthentications("publickey")
                    .build(new JGitKeyCache());
  }

  /** {@code command} with this transport's credentials and SSH sessions. */
  <C extends TransportCommand<C, ?>> C configure(C command) {
    return command
        .setCredentialsProvider(credentials)
        .setTransportConfigCallback(
            transport -> {
              if (sessions != null && transport instanceof SshTransport ssh) {
                ssh.setSshSessionFactory(sessions);
              }
            });
  }

  @Override
  public void close() {
    if (sessions != null) {
      sessions.close();
    }
  }
}
