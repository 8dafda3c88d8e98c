package io.treum.gitops.bump;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * SSH access to a config repository at {@code ssh://…} or {@code git@host:path}, through JGit's
 * Apache MINA transport: a folder laid out as {@code ~/.ssh} ({@code treum.sshDirectory}) and
 * optionally one private key file to use instead of the folder's {@code id_*} keys ({@code
 * treum.sshKey}).
 *
 * <p>Only public-key authentication is tried, with unencrypted keys: a bump runs where nobody can
 * type a password or passphrase. The server's host key must already be in the folder's {@code
 * known_hosts}: an unknown or changed host key fails the bump, and {@code known_hosts} is never
 * written (JGit asks before trusting a key, and a bump gives it no one to ask). The folder's {@code
 * config} applies as OpenSSH's would, so a {@code StrictHostKeyChecking} there is the user's
 * explicit choice.
 *
 * @param directory the folder with the keys ({@code id_ed25519}, {@code id_ecdsa}, {@code id_rsa}),
 *     {@code known_hosts} and {@code config}; its parent stands for the home folder ({@code ~} in
 *     {@code config})
 * @param key a private key file used instead of the folder's keys, or {@code null}
 */
public record SshCredentials(Path directory, Path key) {
  /** The parameter naming the folder. */
  public static final String DIRECTORY_PARAMETER = "treum.sshDirectory";

  /** The parameter naming the key file. */
  public static final String KEY_PARAMETER = "treum.sshKey";

  public SshCredentials {
    directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    key = key == null ? null : key.toAbsolutePath().normalize();
  }

  /** The known-hosts file of the folder. */
  public Path knownHosts() {
    return directory.resolve("known_hosts");
  }

  /** A session factory for one bump, to be closed when the bump ends. */
  SshdSessionFactory sessions() {
    SshdSessionFactoryBuilder builder =
        new SshdSessionFactoryBuilder()
            .setSshDirectory(directory.toFile())
            .setPreferredAuthentications("publickey");
    Path home = directory.getParent();
    if (home != null) {
      builder.setHomeDirectory(home.toFile());
    }
    if (key != null) {
      builder.setDefaultIdentities(folder -> List.of(key));
    }
    return builder.build(new JGitKeyCache());
  }
}
