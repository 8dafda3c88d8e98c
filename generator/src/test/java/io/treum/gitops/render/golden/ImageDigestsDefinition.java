package io.treum.gitops.render.golden;

import io.treum.gitops.model.Definition;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.ImageReference;
import io.treum.gitops.model.WebService;
import io.treum.gitops.model.Worker;
import io.treum.gitops.model.Workload;
import java.util.List;

/**
 * Images pinned by digest: production runs tag and digest, DR the digest alone, staging a tag from
 * another registry. The base names each image by its repository path; each overlay's {@code
 * images:} entry sets registry, tag and digest.
 */
public class ImageDigestsDefinition implements Definition {
  public static final String DIGEST =
      "sha256:4c3b1e2f0a9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b";
  public static final String WORKER_DIGEST =
      "sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

  @Override
  public List<Environment> environments() {
    return List.of(Environments.PRODUCTION, Environments.STAGING, Environments.DR);
  }

  @Override
  public List<Workload> workloads(Environment env) {
    ImageReference api;
    ImageReference worker;
    if (env.name().equals("staging")) {
      api = ImageReference.parse("registry.example.com:5000/shop/api:6.0.0-rc.2");
      worker = ImageReference.parse("registry.example.com:5000/shop/worker:6.0.0-rc.2");
    } else if (env.isPrimary()) {
      api = ImageReference.parse(env.registry() + "/shop/api:5.9.3@" + DIGEST);
      worker = ImageReference.parse(env.registry() + "/shop/worker:5.9.3@" + WORKER_DIGEST);
    } else {
      api = ImageReference.parse(env.registry() + "/shop/api@" + DIGEST);
      worker = ImageReference.parse(env.registry() + "/shop/worker@" + WORKER_DIGEST);
    }
    return List.of(
        WebService.named("api").image(api).team("shop").requests("250m", "256Mi").replicas(2),
        Worker.named("worker").image(worker).team("shop").requests("250m", "256Mi").replicas(1));
  }
}
