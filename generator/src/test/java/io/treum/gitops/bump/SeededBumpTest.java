package io.treum.gitops.bump;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh bare config repository seeded with the validate platform ({@link
 * ConfigRepository#PLATFORM}) for each test, and a command with TREUM's policies that bumps it and
 * logs into {@link #log}.
 */
abstract class SeededBumpTest {
  static final String PRODUCTION = "overlays/production/kustomization.yaml";
  static final String DR = "overlays/dr/kustomization.yaml";

  @TempDir Path temp;
  ConfigRepository repo;
  final List<String> log = new ArrayList<>();
  BumpCommand command;

  @BeforeEach
  void seed() throws Exception {
    repo = ConfigRepository.seed(temp, ConfigRepository.PLATFORM);
    command = BumpCommandTest.command(temp.resolve("work"), log::add);
  }

  @AfterEach
  void close() {
    command.close();
    repo.close();
  }
}
