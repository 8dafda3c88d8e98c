package io.treum.gitops.render.golden;

import io.treum.gitops.model.BatchJob;
import io.treum.gitops.model.Definition;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.Worker;
import io.treum.gitops.model.Workload;
import java.util.List;

/**
 * Tolerations differ per environment. Kustomize replaces a toleration list wholesale (it has no
 * merge key), so each overlay's patch carries the whole list.
 */
public class TolerationsDefinition implements Definition {
  @Override
  public List<Environment> environments() {
    return List.of(Environments.PRODUCTION, Environments.DR);
  }

  @Override
  public List<Workload> workloads(Environment env) {
    Worker worker =
        Worker.named("queue-worker")
            .image(env.image("queue-worker", "3.1.0"))
            .team("payments")
            .requests("250m", "256Mi")
            .toleration("treum.io/spot", "true", "NoSchedule")
            .replicas(env.isPrimary() ? 3 : 1);
    if (!env.isPrimary()) {
      worker.toleration("dedicated", "dr", "NoExecute");
    }
    return List.of(
        worker,
        BatchJob.named("nightly-report")
            .image(env.image("reporter", "1.2.0"))
            .team("payments")
            .schedule("0 3 * * *")
            .spot(env.isPrimary()));
  }
}
