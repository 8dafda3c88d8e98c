package treum.cross.autoscaling_test

import data.treum.cross.autoscaling
import data.treum.fixtures as fx

in_production(objects) := fx.holding(fx.production, objects)

hpa_with_metrics(metrics) := json.patch(fx.hpa, [{"op": "replace", "path": "/spec/metrics", "value": metrics}])

resource_metric(name) := {"type": "Resource", "resource": {"name": name, "target": {"type": "Utilization", "averageUtilization": 70}}}

hpa_ref := {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "namespace": "shop", "name": "shop-api"}

deployment_ref := {"apiVersion": "apps/v1", "kind": "Deployment", "namespace": "shop", "name": "shop-api"}

vpa_ref := {"apiVersion": "autoscaling.k8s.io/v1", "kind": "VerticalPodAutoscaler", "namespace": "shop", "name": "shop-api"}

# TREUM-HPA-001

test_hpa_target_exists if {
	count(autoscaling.deny_hpa_target_missing) == 0 with data.treum.environment as in_production(fx.service_objects)
}

test_hpa_target_missing if {
	hpa := json.patch(fx.hpa, [{"op": "replace", "path": "/spec/scaleTargetRef/name", "value": "shop-web"}])
	results := autoscaling.deny_hpa_target_missing with data.treum.environment as in_production([fx.deployment, hpa])
	results == {{
		"msg": "scaleTargetRef Deployment shop-web does not exist in namespace 'shop'",
		"rule": "TREUM-HPA-001",
		"severity": "error",
		"object": hpa_ref,
	}}
}

test_hpa_target_in_another_namespace if {
	deployment := object.union(fx.deployment, {"metadata": {"namespace": "web"}})
	count(autoscaling.deny_hpa_target_missing) == 1 with data.treum.environment as in_production([deployment, fx.hpa])
}

# TREUM-HPA-002

test_static_replicas_absent if {
	count(autoscaling.deny_static_replicas) == 0 with data.treum.environment as in_production(fx.service_objects)
	count(autoscaling.deny_static_replicas) == 0 with data.treum.environment as in_production([fx.fixed(3)])
}

test_static_replicas_under_an_hpa if {
	results := autoscaling.deny_static_replicas with data.treum.environment as in_production([fx.fixed(3), fx.hpa])
	results == {{
		"msg": "spec.replicas is 3 but an HPA scales this workload",
		"rule": "TREUM-HPA-002",
		"severity": "error",
		"object": deployment_ref,
	}}
}

# TREUM-HPA-005

test_metric_with_requests if {
	hpa := hpa_with_metrics([resource_metric("cpu"), resource_metric("memory")])
	count(autoscaling.deny_metric_without_request) == 0 with data.treum.environment as in_production([fx.deployment, hpa])
}

test_metric_without_request if {
	hpa := hpa_with_metrics([resource_metric("cpu")])
	deployment := fx.with_container(fx.container_replacing("resources", {"requests": {"memory": "1Gi"}}))
	results := autoscaling.deny_metric_without_request with data.treum.environment as in_production([deployment, hpa])
	fx.ids(results) == {"TREUM-HPA-005"}
	fx.messages(results) == {"cpu utilisation metric: container shop-api of Deployment shop/shop-api has no cpu request"}
}

test_metric_average_value_needs_no_request if {
	hpa := hpa_with_metrics([{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "AverageValue", "averageValue": "500m"}}}])
	deployment := fx.with_container(fx.container_replacing("resources", {}))
	count(autoscaling.deny_metric_without_request) == 0 with data.treum.environment as in_production([deployment, hpa])
}

test_metric_container_resource_other_containers_need_no_request if {
	sidecar := {"name": "log-shipper", "image": fx.image}
	deployment := fx.with_pod({"containers": [fx.container, sidecar]})
	count(autoscaling.deny_metric_without_request) == 0 with data.treum.environment as in_production([deployment, fx.hpa])
}

test_metric_names_a_missing_container if {
	hpa := hpa_with_metrics([{"type": "ContainerResource", "containerResource": {"name": "cpu", "container": "app", "target": {"type": "Utilization", "averageUtilization": 70}}}])
	fx.messages(autoscaling.deny_metric_without_request) == {"cpu metric names container app, which Deployment shop/shop-api does not have"} with data.treum.environment as in_production([fx.deployment, hpa])
}

# TREUM-HPA-006

test_resource_metric_meshed_container_resource if {
	count(autoscaling.warn_resource_metric_meshed) == 0 with data.treum.environment as in_production(fx.service_objects)
}

test_resource_metric_meshed_resource if {
	hpa := hpa_with_metrics([resource_metric("cpu")])
	results := autoscaling.warn_resource_metric_meshed with data.treum.environment as in_production([fx.deployment, hpa])
	fx.ids(results) == {"TREUM-HPA-006"}
	{r.severity | some r in results} == {"warning"}
	fx.messages(results) == {"cpu is a Resource metric; the pods of Deployment shop/shop-api run an Istio sidecar, use ContainerResource"}
}

test_resource_metric_without_sidecar if {
	hpa := hpa_with_metrics([resource_metric("cpu")])
	by_label := object.union(fx.deployment, {"spec": {"template": {"metadata": {"labels": {"sidecar.istio.io/inject": "false"}}}}})
	by_annotation := object.union(fx.deployment, {"spec": {"template": {"metadata": {"annotations": {"sidecar.istio.io/inject": "false"}}}}})
	count(autoscaling.warn_resource_metric_meshed) == 0 with data.treum.environment as in_production([by_label, hpa])
	count(autoscaling.warn_resource_metric_meshed) == 0 with data.treum.environment as in_production([by_annotation, hpa])
}

# TREUM-VPA-001

test_hpa_vpa_conflict_none if {
	count(autoscaling.deny_hpa_vpa_conflict) == 0 with data.treum.environment as in_production([fx.deployment, fx.vpa])
	memory_only := json.patch(fx.vpa, [{"op": "replace", "path": "/spec/resourcePolicy/containerPolicies/0/controlledResources", "value": ["memory"]}])
	count(autoscaling.deny_hpa_vpa_conflict) == 0 with data.treum.environment as in_production([fx.deployment, fx.hpa, memory_only])
}

test_hpa_vpa_conflict_on_cpu if {
	results := autoscaling.deny_hpa_vpa_conflict with data.treum.environment as in_production([fx.deployment, fx.hpa, fx.vpa])
	results == {{
		"msg": "HorizontalPodAutoscaler shop-api also scales on cpu of Deployment shop-api",
		"rule": "TREUM-VPA-001",
		"severity": "error",
		"object": vpa_ref,
	}}
}

test_hpa_vpa_conflict_vpa_off if {
	off := object.union(fx.vpa, {"spec": {"updatePolicy": {"updateMode": "Off"}}})
	count(autoscaling.deny_hpa_vpa_conflict) == 0 with data.treum.environment as in_production([fx.deployment, fx.hpa, off])
	policy_off := json.patch(fx.vpa, [{"op": "add", "path": "/spec/resourcePolicy/containerPolicies/0/mode", "value": "Off"}])
	count(autoscaling.deny_hpa_vpa_conflict) == 0 with data.treum.environment as in_production([fx.deployment, fx.hpa, policy_off])
}

test_hpa_vpa_conflict_default_resources if {
	bare := json.remove(fx.vpa, ["spec/resourcePolicy"])
	count(autoscaling.deny_hpa_vpa_conflict) == 1 with data.treum.environment as in_production([fx.deployment, fx.hpa, bare])
}

# TREUM-VPA-002

test_vpa_target_unique if {
	count(autoscaling.deny_vpa_target) == 0 with data.treum.environment as in_production([fx.deployment, fx.vpa])
}

test_vpa_target_missing if {
	results := autoscaling.deny_vpa_target with data.treum.environment as in_production([fx.vpa])
	fx.ids(results) == {"TREUM-VPA-002"}
	fx.messages(results) == {"targetRef Deployment shop-api does not exist in namespace 'shop'"}
}

test_vpa_target_twice if {
	second := object.union(fx.vpa, {"metadata": {"name": "shop-api-2"}})
	results := autoscaling.deny_vpa_target with data.treum.environment as in_production([fx.deployment, fx.vpa, second])
	fx.messages(results) == {"Deployment shop-api is also sized by shop-api", "Deployment shop-api is also sized by shop-api-2"}
	{r.object.name | some r in results} == {"shop-api", "shop-api-2"}
}

# TREUM-VPA-003

test_vpa_exceeds_node_within if {
	count(autoscaling.deny_vpa_exceeds_node) == 0 with data.treum.environment as in_production([fx.deployment, fx.vpa])
		with data.treum.quantities as fx.quantities
}

test_vpa_exceeds_node_cpu if {
	vpa := json.patch(fx.vpa, [{"op": "replace", "path": "/spec/resourcePolicy/containerPolicies/0/maxAllowed/cpu", "value": "16"}])
	results := autoscaling.deny_vpa_exceeds_node with data.treum.environment as in_production([fx.deployment, vpa])
		with data.treum.quantities as fx.quantities
	fx.ids(results) == {"TREUM-VPA-003"}
	fx.messages(results) == {"maxAllowed cpu 16 of container shop-api exceeds the largest node of node group default"}
}

test_vpa_exceeds_node_numeric_bound if {
	vpa := json.patch(fx.vpa, [{"op": "replace", "path": "/spec/resourcePolicy/containerPolicies/0/maxAllowed/cpu", "value": 64}])
	ml := fx.with_pod({"nodeSelector": {"treum.io/node-group": "ml-nodes"}})
	fx.messages(autoscaling.deny_vpa_exceeds_node) == {"maxAllowed cpu 64 of container shop-api exceeds the largest node of node group ml-nodes"} with data.treum.environment as in_production([ml, vpa])
		with data.treum.quantities as fx.quantities
}
