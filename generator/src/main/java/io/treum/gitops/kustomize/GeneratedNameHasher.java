package io.treum.gitops.kustomize;

/**
 * Kustomize's {@code HashTransformer}, run once on the top-level build: every resource marked for a
 * content-hash suffix (a generated ConfigMap or Secret without {@code disableNameSuffixHash})
 * becomes {@code <name>-<hash>} of its content as it is then, after every transformer, and
 * remembers its id before the change so that {@link NameReferenceFixer} rewrites references to it.
 */
public final class GeneratedNameHasher {

  public void apply(ResourceSet resources) {
    for (Resource resource : resources) {
      if (!resource.hashSuffix()) {
        continue;
      }
      String hash = GeneratorHash.of(resource.object());
      resource.rememberId();
      resource.object().with("metadata").put("name", resource.id().name() + "-" + hash);
    }
  }
}
