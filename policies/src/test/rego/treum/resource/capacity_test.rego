package treum.resource.capacity_test

import data.treum.fixtures as fx
import data.treum.resource.capacity

on_spot := fx.with_pod({"nodeSelector": {"eks.amazonaws.com/capacityType": "SPOT"}})

prestop := {"lifecycle": {"preStop": {"exec": {"command": ["sleep", "10"]}}}}

gpu_container := object.union(fx.container, {"resources": {"limits": {"nvidia.com/gpu": "1"}}})

ml_pod(patch) := fx.with_pod(object.union(
	{
		"containers": [gpu_container],
		"nodeSelector": {"treum.io/node-group": "ml-nodes"},
		"tolerations": [{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}],
	},
	patch,
))

# TREUM-CAP-001

test_capacity_type_declared if {
	count(capacity.warn_capacity_type) == 0 with input as fx.deployment
}

test_capacity_type_by_karpenter_affinity if {
	obj := fx.with_pod({
		"nodeSelector": {},
		"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "karpenter.sh/capacity-type", "operator": "In", "values": ["on-demand"]}]}]}}},
	})
	count(capacity.warn_capacity_type) == 0 with input as json.remove(obj, ["spec/template/spec/nodeSelector"])
}

test_capacity_type_missing if {
	results := capacity.warn_capacity_type with input as json.remove(fx.deployment, ["spec/template/spec/nodeSelector"])
	fx.ids(results) == {"TREUM-CAP-001"}
	{r.severity | some r in results} == {"warning"}
}

# TREUM-CAP-003

test_spot_grace_period_short if {
	count(capacity.deny_spot_grace_period) == 0 with input as on_spot
	count(capacity.deny_spot_grace_period) == 0 with input as fx.cronjob
}

test_spot_grace_period_long if {
	results := capacity.deny_spot_grace_period with input as object.union(on_spot, {"spec": {"template": {"spec": {"terminationGracePeriodSeconds": 300}}}})
	fx.ids(results) == {"TREUM-CAP-003"}
	fx.messages(results) == {"terminationGracePeriodSeconds 300 exceeds the 120 s spot interruption notice"}
}

test_spot_grace_period_on_demand_may_be_long if {
	count(capacity.deny_spot_grace_period) == 0 with input as fx.with_pod({"terminationGracePeriodSeconds": 300})
}

# TREUM-CAP-004

test_spot_prestop_present if {
	obj := object.union(on_spot, {"spec": {"template": {"spec": {"containers": [object.union(fx.container, prestop)]}}}})
	count(capacity.deny_spot_prestop) == 0 with input as obj
}

test_spot_prestop_missing if {
	results := capacity.deny_spot_prestop with input as on_spot
	fx.ids(results) == {"TREUM-CAP-004"}
	fx.messages(results) == {"container shop-api serves on spot capacity without a preStop hook"}
}

test_spot_prestop_not_needed_on_demand_or_for_batch if {
	count(capacity.deny_spot_prestop) == 0 with input as fx.deployment
	count(capacity.deny_spot_prestop) == 0 with input as fx.cronjob
}

# TREUM-CAP-005

test_gpu_placement_on_the_ml_group if {
	count(capacity.deny_gpu_placement) == 0 with input as ml_pod({}) with data.treum.quantities as fx.quantities
}

test_gpu_placement_wrong_group if {
	results := capacity.deny_gpu_placement with input as ml_pod({"nodeSelector": {"treum.io/node-group": "general"}})
		with data.treum.quantities as fx.quantities
	fx.ids(results) == {"TREUM-CAP-005"}
	fx.messages(results) == {"pod requests a GPU but does not select node group ml-nodes"}
}

test_gpu_placement_no_toleration if {
	obj := json.remove(ml_pod({}), ["spec/template/spec/tolerations"])
	fx.messages(capacity.deny_gpu_placement) == {"pod requests a GPU but does not tolerate the nvidia.com/gpu taint"} with input as obj
		with data.treum.quantities as fx.quantities
}

test_gpu_placement_tolerate_everything if {
	obj := ml_pod({"tolerations": [{"operator": "Exists"}]})
	count(capacity.deny_gpu_placement) == 0 with input as obj with data.treum.quantities as fx.quantities
}

test_gpu_placement_custom_group if {
	environment := object.union(fx.production, {"parameters": {"mlNodeGroup": "gpu"}})
	count(capacity.deny_gpu_placement) == 0 with input as ml_pod({"nodeSelector": {"treum.io/node-group": "gpu"}})
		with data.treum.quantities as fx.quantities
		with data.treum.environment as environment
}

# TREUM-CAP-006

test_gpu_node_used_by_a_gpu_pod if {
	count(capacity.warn_gpu_node_without_gpu) == 0 with input as ml_pod({}) with data.treum.quantities as fx.quantities
}

test_gpu_node_without_gpu if {
	obj := ml_pod({"containers": [fx.container]})
	results := capacity.warn_gpu_node_without_gpu with input as obj with data.treum.quantities as fx.quantities
	fx.ids(results) == {"TREUM-CAP-006"}
	fx.messages(results) == {"pod runs on node group ml-nodes but requests no GPU"}
}

test_gpu_count_zero_is_no_gpu if {
	obj := ml_pod({"containers": [object.union(fx.container, {"resources": {"limits": {"nvidia.com/gpu": "0"}}})]})
	count(capacity.warn_gpu_node_without_gpu) == 1 with input as obj with data.treum.quantities as fx.quantities
}

# TREUM-CAP-007

test_batch_on_spot if {
	count(capacity.warn_batch_on_demand) == 0 with input as fx.cronjob
}

test_batch_on_demand if {
	obj := object.union(fx.cronjob, {"spec": {"jobTemplate": {"spec": {"template": {"spec": {"nodeSelector": {"eks.amazonaws.com/capacityType": "ON_DEMAND"}}}}}}})
	results := capacity.warn_batch_on_demand with input as obj
	fx.ids(results) == {"TREUM-CAP-007"}
	{r.severity | some r in results} == {"info"}
}
