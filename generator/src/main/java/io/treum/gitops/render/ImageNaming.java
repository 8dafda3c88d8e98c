package io.treum.gitops.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.ImageEntry;
import io.treum.gitops.kustomize.ImagesTransformer;
import io.treum.gitops.model.ImageReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Decides the image names the base uses. Every container image is written in the base as a logical
 * name, its repository path without registry and tag ({@code treum-service}), and each overlay gets
 * one {@code images:} entry per logical name that sets registry, tag and digest — so bumping an
 * image in an environment is a one-line change. Where a logical name would be ambiguous (two
 * repositories with the same path) the full repository is used as the name.
 */
public final class ImageNaming {
  private final Map<String, String> logicalByRepository;

  private ImageNaming(Map<String, String> logicalByRepository) {
    this.logicalByRepository = logicalByRepository;
  }

  /**
   * Chooses names from every image used in any environment. A path is ambiguous when one
   * environment uses it from two registries; its repositories then keep their full names.
   */
  public static ImageNaming of(List<EnvironmentState> states) {
    Map<String, Set<String>> repositoriesByPath = new TreeMap<>();
    Set<String> ambiguous = new HashSet<>();
    for (EnvironmentState state : states) {
      Map<String, Set<String>> inThisEnvironment = new HashMap<>();
      for (ObjectNode tree : state.trees()) {
        forEachImage(
            tree,
            image -> {
              ImageReference ref = ImageReference.parse(image);
              repositoriesByPath
                  .computeIfAbsent(ref.path(), p -> new HashSet<>())
                  .add(ref.repository());
              inThisEnvironment
                  .computeIfAbsent(ref.path(), p -> new HashSet<>())
                  .add(ref.repository());
            });
      }
      inThisEnvironment.forEach(
          (path, repositories) -> {
            if (repositories.size() > 1) {
              ambiguous.add(path);
            }
          });
    }
    Map<String, String> logical = new HashMap<>();
    repositoriesByPath.forEach(
        (path, repositories) -> {
          for (String repository : repositories) {
            logical.put(repository, ambiguous.contains(path) ? repository : path);
          }
        });
    return new ImageNaming(logical);
  }

  /** The name the base uses for images of this repository. */
  public String logicalName(String repository) {
    return logicalByRepository.getOrDefault(repository, repository);
  }

  /**
   * The {@code images:} entries of one environment, one per logical name, or none for a name whose
   * containers use different tags in that environment (those keep full references). No entries at
   * all where an object would make Kustomize's images transformer fail or change more than images.
   */
  public Map<String, ImageEntry> entries(EnvironmentState state) {
    Map<String, Set<String>> referencesByLogical = new TreeMap<>();
    for (ObjectNode tree : state.trees()) {
      if (!ImagesTransformer.changesOnlyImages(tree)) {
        // Whatever the entry, Kustomize's images transformer would fail on this object (a
        // containers list or image path that runs into a scalar) or turn a null list on its paths
        // into an empty one, which no patch can undo as the transformer runs after patches: no
        // images: entries at all here.
        return new TreeMap<>();
      }
    }
    for (ObjectNode tree : state.trees()) {
      forEachImage(
          tree,
          image -> {
            ImageReference ref = ImageReference.parse(image);
            referencesByLogical
                .computeIfAbsent(logicalName(ref.repository()), n -> new HashSet<>())
                .add(ref.toString());
          });
    }
    Map<String, ImageEntry> entries = new TreeMap<>();
    referencesByLogical.forEach(
        (logical, references) -> {
          if (references.size() != 1) {
            return;
          }
          ImageReference ref = ImageReference.parse(references.iterator().next());
          entries.put(
              logical,
              new ImageEntry(
                  logical,
                  ref.repository().equals(logical) ? null : ref.repository(),
                  ref.tag(),
                  ref.digest(),
                  null));
        });
    return entries;
  }

  /** Replaces, in place, each image covered by an entry with the entry's logical name. */
  public void toLogical(ObjectNode tree, Map<String, ImageEntry> entries) {
    forEachContainer(
        tree,
        container -> {
          JsonNode image = container.get("image");
          if (image != null && image.isTextual()) {
            String logical = logicalName(ImageReference.parse(image.asText()).repository());
            if (entries.containsKey(logical)) {
              container.put("image", logical);
            }
          }
        });
  }

  /** Calls {@code action} with every container image, where Kustomize's images filter looks. */
  static void forEachImage(ObjectNode tree, Consumer<String> action) {
    forEachContainer(
        tree,
        container -> {
          JsonNode image = container.get("image");
          if (image != null && image.isTextual() && !image.asText().isBlank()) {
            action.accept(image.asText());
          }
        });
  }

  private static void forEachContainer(ObjectNode tree, Consumer<ObjectNode> action) {
    if ("CustomResourceDefinition".equals(tree.path("kind").asText())) {
      return;
    }
    List<ObjectNode> containers = new ArrayList<>();
    collect(tree, containers);
    containers.forEach(action);
  }

  private static void collect(JsonNode node, List<ObjectNode> containers) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                collect(field.getValue(), containers);
                if ((field.getKey().equals("containers") || field.getKey().equals("initContainers"))
                    && field.getValue().isArray()) {
                  field
                      .getValue()
                      .forEach(
                          c -> {
                            if (c instanceof ObjectNode object) {
                              containers.add(object);
                            }
                          });
                }
              });
    } else if (node.isArray()) {
      node.forEach(element -> collect(element, containers));
    }
  }
}
