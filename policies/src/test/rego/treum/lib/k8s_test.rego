package treum.lib.k8s_test

import data.treum.fixtures as fx
import data.treum.lib.k8s

test_pod_template_of_each_kind if {
	k8s.pod_spec(fx.deployment) == fx.pod_spec
	k8s.pod_spec(fx.cronjob).restartPolicy == "OnFailure"
	pod := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": []}}
	k8s.pod_spec(pod) == {"containers": []}
	not k8s.pod_spec(fx.service)
}

test_describe if {
	k8s.describe(fx.deployment) == "Deployment shop/shop-api"
	k8s.describe({"kind": "Namespace", "metadata": {"name": "shop"}}) == "Namespace shop"
}

test_ref_of_a_cluster_scoped_object if {
	k8s.ref({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}) == {"apiVersion": "v1", "kind": "Namespace", "namespace": "", "name": "shop"}
}

test_selects_match_labels_and_expressions if {
	labels := {"app": "a", "tier": "web"}
	k8s.selects({}, labels)
	k8s.selects({"matchLabels": {"app": "a"}}, labels)
	not k8s.selects({"matchLabels": {"app": "b"}}, labels)
	k8s.selects({"matchExpressions": [{"key": "tier", "operator": "In", "values": ["web", "api"]}]}, labels)
	not k8s.selects({"matchExpressions": [{"key": "tier", "operator": "In", "values": ["api"]}]}, labels)
	k8s.selects({"matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["api"]}]}, labels)
	k8s.selects({"matchExpressions": [{"key": "zone", "operator": "NotIn", "values": ["a"]}]}, labels)
	not k8s.selects({"matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["web"]}]}, labels)
	k8s.selects({"matchExpressions": [{"key": "app", "operator": "Exists"}]}, labels)
	not k8s.selects({"matchExpressions": [{"key": "zone", "operator": "Exists"}]}, labels)
	k8s.selects({"matchExpressions": [{"key": "zone", "operator": "DoesNotExist"}]}, labels)
	not k8s.selects({"matchExpressions": [{"key": "app", "operator": "DoesNotExist"}]}, labels)
}

test_required_node_values_from_selector_and_affinity if {
	obj := fx.with_pod({"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
		{"matchExpressions": [{"key": "eks.amazonaws.com/capacityType", "operator": "In", "values": ["SPOT"]}]},
		{"matchExpressions": [{"key": "eks.amazonaws.com/capacityType", "operator": "NotIn", "values": ["X"]}]},
	]}}}})
	k8s.required_node_values(obj, "eks.amazonaws.com/capacityType") == {"ON_DEMAND", "SPOT"}
	k8s.capacity_types(obj) == {"on-demand", "spot"}
	k8s.on_spot(obj)
	not k8s.on_spot(fx.deployment)
}

test_tolerates if {
	k8s.tolerates(fx.cronjob, "treum.io/spot")
	not k8s.tolerates(fx.cronjob, "nvidia.com/gpu")
	k8s.tolerates(fx.with_pod({"tolerations": [{"operator": "Exists"}]}), "anything")
}
