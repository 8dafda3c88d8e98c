package io.treum.gitops.bump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.ManifestYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The platform fixture grown into a fleet: {@code size} copies of its one service, {@code svc-NN}
 * with its own image {@code img-NN}, each as compliant as the original, so that concurrent bumps of
 * different images pass the policy gate and never edit the same {@code images:} entry. Only the
 * production overlay is kept: every attempt of a bump builds and gates each overlay it changes, and
 * racing bumps retry often, so a second overlay would double the tests' cost and prove nothing
 * more.
 */
final class Fleet {
  private static final String SERVICE = "treum-api";
  private static final String IMAGE = "treum-service";

  private Fleet() {}

  static String service(int n) {
    return String.format("svc-%02d", n);
  }

  static String image(int n) {
    return String.format("img-%02d", n);
  }

  /** Writes the fleet's tree into {@code folder} and returns it. */
  static Path write(Path folder, int size) throws IOException {
    ManifestYaml yaml = new ManifestYaml();
    Path platform = ConfigRepository.PLATFORM;
    Path dropped = platform.resolve("overlays").resolve("dr");
    try (Stream<Path> files = Files.walk(platform)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        if (file.startsWith(dropped)) {
          continue;
        }
        String path = platform.relativize(file).toString();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (file.getFileName().toString().equals("kustomization.yaml")) {
          write(folder.resolve(path), yaml.write(expand(yaml, yaml.readObject(text, path), size)));
        } else if (text.contains(SERVICE)) {
          for (int n = 1; n <= size; n++) {
            write(folder.resolve(renamed(path, n)), renamed(text, n));
          }
        } else {
          write(folder.resolve(path), text);
        }
      }
    }
    return folder;
  }

  /** The kustomization with each list entry about the one service repeated for every service. */
  private static ObjectNode expand(ManifestYaml yaml, ObjectNode kustomization, int size) {
    ObjectNode expanded = kustomization.deepCopy();
    kustomization
        .fields()
        .forEachRemaining(
            field -> {
              if (!field.getValue().isArray()) {
                return;
              }
              ArrayNode entries = expanded.putArray(field.getKey());
              for (JsonNode entry : field.getValue()) {
                String text = yaml.write(entry);
                if (!text.contains(SERVICE) && !text.contains(IMAGE)) {
                  entries.add(entry);
                  continue;
                }
                for (int n = 1; n <= size; n++) {
                  entries.add(yaml.readAll(renamed(text, n), field.getKey()).get(0));
                }
              }
            });
    return expanded;
  }

  private static String renamed(String text, int n) {
    return text.replace(SERVICE, service(n)).replace(IMAGE, image(n));
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
