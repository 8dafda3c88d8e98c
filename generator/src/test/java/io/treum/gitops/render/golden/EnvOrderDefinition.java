package io.treum.gitops.render.golden;

import io.treum.gitops.model.Definition;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.WebService;
import io.treum.gitops.model.Workload;
import java.util.List;

/**
 * The same environment variables in another order in one environment. Order matters to Kubernetes
 * ({@code $(VAR)} expands only earlier variables), so the patch names the variables in their new
 * order; Kustomize puts the named elements first.
 */
public class EnvOrderDefinition implements Definition {
  @Override
  public List<Environment> environments() {
    return List.of(Environments.PRODUCTION, Environments.STAGING);
  }

  @Override
  public List<Workload> workloads(Environment env) {
    WebService web =
        WebService.named("storefront")
            .image(env.image("storefront", "5.0.0"))
            .team("web")
            .requests("500m", "512Mi")
            .replicas(2);
    if (env.isPrimary() && env.autoscaling()) {
      web.env("DB_HOST", "db.shop.internal")
          .env("DB_URL", "postgres://$(DB_HOST)/shop")
          .env("CACHE_URL", "redis://cache:6379")
          .env("LOG_LEVEL", "info");
    } else {
      web.env("CACHE_URL", "redis://cache:6379")
          .env("DB_HOST", "db-staging.shop.internal")
          .env("DB_URL", "postgres://$(DB_HOST)/shop")
          .env("LOG_LEVEL", "debug");
    }
    return List.of(web);
  }
}
