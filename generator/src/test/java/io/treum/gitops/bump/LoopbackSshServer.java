package io.treum.gitops.bump;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.eclipse.jgit.junit.ssh.SshTestGitServer;
import org.eclipse.jgit.lib.Repository;

/**
 * An SSH git server on loopback for one bare repository: JGit's {@link SshTestGitServer} (Apache
 * MINA sshd with JGit's upload and receive packs), bound to 127.0.0.1 on a free port, accepting
 * public-key authentication of user {@value #USER} with one key. Counts the SSH sessions opened, so
 * that a test can tell a retry from a single try.
 */
final class LoopbackSshServer implements AutoCloseable {
  static final String USER = "git";

  private static final String HOST = "127.0.0.1";

  private final Server server;
  private final int port;
  private final PublicKey hostKey;
  private final AtomicInteger sessions = new AtomicInteger();

  /** The test server with its listening address kept to loopback. */
  private static final class Server extends SshTestGitServer {
    Server(PublicKey userKey, Repository repository, KeyPair hostKey) {
      super(USER, userKey, repository, hostKey);
      server.setHost(HOST);
    }

    void onSession(Runnable created) {
      server.addSessionListener(
          new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
              created.run();
            }
          });
    }
  }

  private LoopbackSshServer(Repository bare, PublicKey userKey) throws IOException {
    KeyPair hostPair = newKeyPair();
    this.server = new Server(userKey, bare, hostPair);
    this.hostKey = hostPair.getPublic();
    server.onSession(sessions::incrementAndGet);
    this.port = server.start();
  }

  /** Serves {@code bare} to the holder of {@code userKey}'s private key. */
  static LoopbackSshServer start(Repository bare, PublicKey userKey) throws IOException {
    return new LoopbackSshServer(bare, userKey);
  }

  /** The repository's URL, with the user and no credential. */
  String uri() {
    return "ssh://" + USER + "@" + HOST + ":" + port + "/config.git";
  }

  /** The line of {@code known_hosts} that trusts this server's host key. */
  String knownHostsLine() {
    return knownHostsLine(hostKey);
  }

  /** A line of {@code known_hosts} that records {@code key} for this server's address. */
  String knownHostsLine(PublicKey key) {
    return "[" + HOST + "]:" + port + " " + PublicKeyEntry.toString(key) + "\n";
  }

  /** How many SSH sessions clients opened since the server started. */
  int sessions() {
    return sessions.get();
  }

  /** A new ECDSA P-256 key pair, which both the JDK and sshd handle without extra providers. */
  static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes {@code pair} as an unencrypted OpenSSH private key file at {@code file} (owner-only, as
   * ssh wants it) and its public key beside it ({@code file.pub}).
   */
  static Path writeKey(KeyPair pair, Path file) throws IOException, GeneralSecurityException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "treum-ci", null, out);
    }
    file.toFile().setReadable(false, false);
    file.toFile().setReadable(true, true);
    Files.writeString(
        file.resolveSibling(file.getFileName() + ".pub"),
        PublicKeyEntry.toString(pair.getPublic()) + " treum-ci\n",
        StandardCharsets.UTF_8);
    return file;
  }

  @Override
  public void close() throws IOException {
    server.stop();
  }
}
