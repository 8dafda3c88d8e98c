package treum.resource.images_test

import data.treum.fixtures as fx
import data.treum.resource.images

with_image(image) := fx.with_container(fx.container_with({"image": image}))

# TREUM-IMG-001

test_registry_accepts_the_account_ecr if {
	count(images.deny_registry) == 0 with input as fx.deployment with data.treum.environment as fx.production
}

test_registry_accepts_any_ecr_without_an_account if {
	count(images.deny_registry) == 0 with input as with_image("999988887777.dkr.ecr.eu-west-1.amazonaws.com/x:1.0.0")
}

test_registry_rejects_docker_hub if {
	results := images.deny_registry with input as with_image("nginx:1.27.0") with data.treum.environment as fx.production
	fx.ids(results) == {"TREUM-IMG-001"}
	fx.messages(results) == {"container shop-api: image nginx:1.27.0 does not come from the platform's private ECR registries"}
}

test_registry_rejects_another_account if {
	results := images.deny_registry with input as with_image("999988887777.dkr.ecr.ap-south-1.amazonaws.com/x:1.0.0")
		with data.treum.environment as fx.production
	fx.ids(results) == {"TREUM-IMG-001"}
}

test_registry_checks_init_containers if {
	obj := fx.with_pod({"initContainers": [fx.container_with({"name": "init", "image": "ghcr.io/acme/migrate:2.0.0"})]})
	results := images.deny_registry with input as obj with data.treum.environment as fx.production
	fx.messages(results) == {"container init: image ghcr.io/acme/migrate:2.0.0 does not come from the platform's private ECR registries"}
}

test_registry_list_parameter_replaces_the_ecr_check if {
	environment := object.union(fx.production, {"parameters": {"registries": ["registry.internal:5000"]}})
	count(images.deny_registry) == 0 with input as with_image("registry.internal:5000/shop-api:1.0.0")
		with data.treum.environment as environment
	count(images.deny_registry) == 1 with input as fx.deployment with data.treum.environment as environment
}

# TREUM-IMG-002

test_latest_accepts_a_release_tag if {
	count(images.deny_latest) == 0 with input as fx.deployment
}

test_latest_rejects_latest if {
	results := images.deny_latest with input as with_image(concat("", [fx.registry, "/shop-api:latest"]))
	fx.ids(results) == {"TREUM-IMG-002"}
}

test_latest_rejects_an_untagged_image if {
	count(images.deny_latest) == 1 with input as with_image(concat("", [fx.registry, "/shop-api"]))
}

test_latest_accepts_a_digest if {
	count(images.deny_latest) == 0 with input as with_image(concat("", [fx.registry, "/shop-api@sha256:0123456789abcdef"]))
}

# TREUM-IMG-003

test_mutable_tag_accepts_semver_sha_and_digest if {
	every image in [
		concat("", [fx.registry, "/shop-api:v2.0.1-rc.1"]),
		concat("", [fx.registry, "/shop-api:3f2a9c1"]),
		concat("", [fx.registry, "/shop-api:main@sha256:0123456789abcdef"]),
	] {
		count(images.deny_mutable_tag) == 0 with input as with_image(image) with data.treum.environment as fx.production
	}
}

test_mutable_tag_rejects_a_branch_tag_in_production if {
	results := images.deny_mutable_tag with input as with_image(concat("", [fx.registry, "/shop-api:main"]))
		with data.treum.environment as fx.production
	fx.ids(results) == {"TREUM-IMG-003"}
	fx.messages(results) == {"container shop-api: image tag 'main' is not a digest or an immutable release tag"}
}

test_mutable_tag_allows_a_branch_tag_outside_production if {
	count(images.deny_mutable_tag) == 0 with input as with_image(concat("", [fx.registry, "/shop-api:main"]))
		with data.treum.environment as fx.staging
}

test_mutable_tag_leaves_latest_to_img_002 if {
	count(images.deny_mutable_tag) == 0 with input as with_image(concat("", [fx.registry, "/shop-api:latest"]))
		with data.treum.environment as fx.production
}

# TREUM-IMG-004

test_registry_region_accepts_the_cluster_region if {
	count(images.deny_registry_region) == 0 with input as fx.deployment with data.treum.environment as fx.production
}

test_registry_region_rejects_a_cross_region_pull if {
	results := images.deny_registry_region with input as fx.deployment with data.treum.environment as fx.dr
	fx.ids(results) == {"TREUM-IMG-004"}
	fx.messages(results) == {concat("", ["container shop-api: image ", fx.image, " is pulled from ap-south-1, the cluster runs in ap-southeast-1"])}
}

test_registry_region_is_skipped_without_a_region if {
	count(images.deny_registry_region) == 0 with input as fx.deployment with data.treum.environment as {"name": "x"}
}
