# METADATA
# title: Container images (IMG)
# description: |
#   Where images come from and how they are pinned. TREUM pulls only from its private ECR
#   registries, one per region, so that a region outage or a public registry's rate limit
#   never stops a rollout.
package treum.resource.images

import data.treum.lib.env
import data.treum.lib.images
import data.treum.lib.result
import data.treum.lib.subject

# METADATA
# scope: document
# title: Images come from the platform's private ECR registries
# description: |
#   Public registries (Docker Hub, ghcr.io, quay.io, …) are rate limited, unscanned and
#   reachable only through the NAT gateway. Allowed: the hosts in the environment's
#   `registries` parameter when set, else any private ECR registry of the `account`
#   parameter (any account when unset).
# custom:
#   id: TREUM-IMG-001
#   severity: error
#   remediation: >-
#     Push the image to ECR (<account>.dkr.ecr.<region>.amazonaws.com/<repository>) and reference it from there; in a treum definition use env.image(repository, tag).
#   waivable: true
deny_registry contains result.resource_rule("TREUM-IMG-001", "error", msg) if {
	some image in subject.images
	not allowed_registry(image.ref.registry)
	msg := concat("", ["container ", image.container, ": image ", image.image, " does not come from the platform's private ECR registries"])
}

allowed_registry(host) if {
	count(env.registries) > 0
	host in env.registries
}

allowed_registry(host) if {
	count(env.registries) == 0
	ecr := images.ecr(host)
	env.account in {"", ecr.account}
}

# METADATA
# scope: document
# title: No latest or untagged images
# description: |
#   `:latest` and untagged images resolve to whatever was pushed last: two pods of one
#   Deployment can run different code and a rollback restores nothing.
# custom:
#   id: TREUM-IMG-002
#   severity: error
#   remediation: >-
#     Reference a release tag (1.4.2) or a digest (@sha256:…); bump it with treum:bump.
#   waivable: false
deny_latest contains result.resource_rule("TREUM-IMG-002", "error", msg) if {
	some image in subject.images
	floating(image.ref)
	msg := concat("", ["container ", image.container, ": image ", image.image, " is not pinned (latest or no tag)"])
}

floating(ref) if {
	ref.digest == ""
	ref.tag in {"", "latest"}
}

# METADATA
# scope: document
# title: Production images are pinned by digest or an immutable release tag
# description: |
#   Branch-like tags (main, stable, dev) move. Production runs a digest, a semantic
#   version or a commit SHA, which the platform's ECR repositories keep immutable.
# custom:
#   id: TREUM-IMG-003
#   severity: error
#   remediation: >-
#     Deploy a digest (@sha256:…) or a release tag such as 1.4.2 or a commit SHA.
#   waivable: true
deny_mutable_tag contains result.resource_rule("TREUM-IMG-003", "error", msg) if {
	env.is_production
	some image in subject.images
	image.ref.digest == ""
	not floating(image.ref)
	not images.immutable_tag(image.ref.tag)
	msg := concat("", ["container ", image.container, ": image tag '", image.ref.tag, "' is not a digest or an immutable release tag"])
}

# METADATA
# scope: document
# title: Images come from the registry in the cluster's own region
# description: |
#   Each region has its own ECR replica. Pulling across regions costs transfer and makes
#   the DR region depend on the primary region it is meant to survive.
# custom:
#   id: TREUM-IMG-004
#   severity: error
#   remediation: >-
#     Use the environment's registry (<account>.dkr.ecr.<cluster region>.amazonaws.com); in a treum definition env.image(…) does this.
#   waivable: true
deny_registry_region contains result.resource_rule("TREUM-IMG-004", "error", msg) if {
	env.region != ""
	some image in subject.images
	ecr := images.ecr(image.ref.registry)
	ecr.region != env.region
	msg := concat("", ["container ", image.container, ": image ", image.image, " is pulled from ", ecr.region, ", the cluster runs in ", env.region])
}
