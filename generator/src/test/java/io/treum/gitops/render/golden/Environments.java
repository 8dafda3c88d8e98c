package io.treum.gitops.render.golden;

import io.treum.gitops.model.Environment;

/** The environments the golden definitions share: a primary, a staging and a DR standby. */
final class Environments {
  static final Environment PRODUCTION =
      Environment.named("production")
          .region("ap-south-1")
          .cluster("prod-mumbai")
          .primary()
          .registry("111122223333.dkr.ecr.ap-south-1.amazonaws.com")
          .namespace("shop")
          .label("treum.io/environment", "production")
          .build();

  static final Environment STAGING =
      Environment.named("staging")
          .region("ap-south-1")
          .cluster("staging-mumbai")
          .primary()
          .autoscaling(false)
          .registry("111122223333.dkr.ecr.ap-south-1.amazonaws.com")
          .namespace("shop")
          .label("treum.io/environment", "staging")
          .build();

  static final Environment DR =
      Environment.named("dr")
          .region("ap-southeast-1")
          .cluster("dr-singapore")
          .standby()
          .capacityFactor(0.5)
          .autoscaling(false)
          .registry("111122223333.dkr.ecr.ap-southeast-1.amazonaws.com")
          .namespace("shop")
          .label("treum.io/environment", "dr")
          .build();

  private Environments() {}
}
