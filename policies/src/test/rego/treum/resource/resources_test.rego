package treum.resource.resources_test

import data.treum.fixtures as fx
import data.treum.resource.resources

with_resources(resources) := fx.with_container(fx.container_replacing("resources", resources))

# TREUM-RES-001

test_requests_present if {
	count(resources.deny_requests) == 0 with input as fx.deployment
}

test_requests_missing_cpu_and_memory if {
	results := resources.deny_requests with input as with_resources({"requests": {}})
	fx.ids(results) == {"TREUM-RES-001"}
	fx.messages(results) == {"container shop-api has no cpu request", "container shop-api has no memory request"}
}

test_requests_missing_on_an_init_container if {
	obj := fx.with_pod({"initContainers": [{"name": "migrate", "image": fx.image}]})
	fx.messages(resources.deny_requests) == {"container migrate has no cpu request", "container migrate has no memory request"} with input as obj
}

test_requests_missing_without_resources if {
	count(resources.deny_requests) == 2 with input as fx.with_container(object.remove(fx.container, ["resources"]))
}

# TREUM-RES-002

test_memory_limit_present if {
	count(resources.deny_memory_limit) == 0 with input as fx.deployment
}

test_memory_limit_missing if {
	results := resources.deny_memory_limit with input as with_resources({"requests": {"cpu": "500m", "memory": "1Gi"}})
	fx.ids(results) == {"TREUM-RES-002"}
	fx.messages(results) == {"container shop-api has no memory limit"}
}

# TREUM-RES-003

test_ephemeral_storage_present if {
	count(resources.warn_ephemeral_storage) == 0 with input as fx.deployment
}

test_ephemeral_storage_missing if {
	results := resources.warn_ephemeral_storage with input as with_resources({"requests": {"cpu": "500m", "memory": "1Gi"}})
	fx.ids(results) == {"TREUM-RES-003"}
	{r.severity | some r in results} == {"warning"}
}

# TREUM-RES-004

test_exceeds_node_fits if {
	count(resources.deny_exceeds_node) == 0 with input as fx.deployment
		with data.treum.environment as fx.production
		with data.treum.quantities as fx.quantities
}

test_exceeds_node_cpu_of_the_default_group if {
	obj := with_resources({"requests": {"cpu": "16", "memory": "1Gi"}})
	results := resources.deny_exceeds_node with input as obj
		with data.treum.environment as fx.production
		with data.treum.quantities as fx.quantities
	fx.ids(results) == {"TREUM-RES-004"}
	fx.messages(results) == {"pod requests more cpu than the largest node of node group default offers (16000m > 7500m)"}
}

test_exceeds_node_sums_the_containers if {
	big := object.union(fx.container, {"resources": {"requests": {"cpu": "1", "memory": "16Gi"}}})
	obj := fx.with_pod({"containers": [big, object.union(big, {"name": "sidecar"})]})
	fx.messages(resources.deny_exceeds_node) == {"pod requests more memory than the largest node of node group default offers (32768Mi > 28672Mi)"} with input as obj
		with data.treum.environment as fx.production
		with data.treum.quantities as fx.quantities
}

test_exceeds_node_uses_the_selected_group if {
	obj := fx.with_pod({
		"nodeSelector": {"treum.io/node-group": "ml-nodes"},
		"containers": [object.union(fx.container, {"resources": {"requests": {"cpu": "16", "memory": "64Gi"}}})],
	})
	count(resources.deny_exceeds_node) == 0 with input as obj
		with data.treum.environment as fx.production
		with data.treum.quantities as fx.quantities
}

test_exceeds_node_uses_the_node_groups_parameter if {
	environment := object.union(fx.production, {"parameters": {"nodeGroups": {"default": {"cpu": "2", "memory": "2Gi"}}}})
	fx.messages(resources.deny_exceeds_node) == {"pod requests more cpu than the largest node of node group default offers (4000m > 2000m)"} with input as with_resources({"requests": {"cpu": "4", "memory": "1Gi"}})
		with data.treum.environment as environment
		with data.treum.quantities as fx.quantities
}
