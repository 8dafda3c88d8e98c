# METADATA
# title: Autoscalers and the workloads they scale (HPA, VPA)
# description: |
#   Cross-resource rules: each reads the whole environment (data.treum.environment.objects)
#   and returns `{msg, rule, severity, object}` naming the object the finding is about.
package treum.cross.autoscaling

import data.treum.lib.env
import data.treum.lib.index
import data.treum.lib.k8s
import data.treum.lib.result

# METADATA
# scope: document
# title: HPAs scale a workload that exists
# description: |
#   An HPA whose scaleTargetRef names no object of the environment scales nothing; usually
#   the workload was renamed or lives in another overlay, and the real one is not autoscaled.
# custom:
#   id: TREUM-HPA-001
#   severity: error
#   remediation: >-
#     Point scaleTargetRef at the workload's kind and name in the same namespace, or delete the HPA.
#   waivable: false
deny_hpa_target_missing contains result.cross_rule("TREUM-HPA-001", "error", msg, hpa) if {
	some hpa in index.hpas
	not index.exists(index.hpa_target_key(hpa))
	ref := hpa.spec.scaleTargetRef
	msg := concat("", ["scaleTargetRef ", ref.kind, " ", ref.name, " does not exist in namespace '", k8s.namespace(hpa), "'"])
}

# METADATA
# scope: document
# title: No static replicas on an HPA-managed workload
# description: |
#   Argo CD re-applies spec.replicas on every sync, so the workload flaps between the
#   committed count and the HPA's choice, and a scale-up under load is undone.
# custom:
#   id: TREUM-HPA-002
#   severity: error
#   remediation: >-
#     Remove spec.replicas (and the overlay's replicas entry) from workloads an HPA scales; treum renders this correctly.
#   waivable: false
deny_static_replicas contains result.cross_rule("TREUM-HPA-002", "error", msg, workload) if {
	some workload in index.scalable
	index.hpa_managed(workload)
	replicas := workload.spec.replicas
	msg := concat("", ["spec.replicas is ", format_int(replicas, 10), " but an HPA scales this workload"])
}

# Resource metrics of an HPA: {name, container ("" for all containers), type, target}.
metrics(hpa) := {{"name": m.resource.name, "container": "", "type": m.type, "target": m.resource.target} |
	some m in object.get(hpa, ["spec", "metrics"], [])
	m.type == "Resource"
} | {{"name": m.containerResource.name, "container": m.containerResource.container, "type": m.type, "target": m.containerResource.target} |
	some m in object.get(hpa, ["spec", "metrics"], [])
	m.type == "ContainerResource"
}

# METADATA
# scope: document
# title: HPA utilisation metrics have requests to measure against
# description: |
#   Utilisation is usage divided by the request. When a container lacks the request the HPA
#   cannot compute the metric and stops scaling on it (FailedGetResourceMetric).
# custom:
#   id: TREUM-HPA-005
#   severity: error
#   remediation: >-
#     Add the resource's request to every container the metric covers, or use an AverageValue target.
#   waivable: false
deny_metric_without_request contains result.cross_rule("TREUM-HPA-005", "error", msg, hpa) if {
	some hpa in index.hpas
	some workload in index.lookup(index.hpa_target_key(hpa))
	some metric in metrics(hpa)
	metric.target.type == "Utilization"
	some c in k8s.containers(workload)
	metric.container in {"", c.name}
	not k8s.resource(c, "requests", metric.name)
	msg := concat("", [metric.name, " utilisation metric: container ", c.name, " of ", k8s.describe(workload), " has no ", metric.name, " request"])
}

deny_metric_without_request contains result.cross_rule("TREUM-HPA-005", "error", msg, hpa) if {
	some hpa in index.hpas
	some workload in index.lookup(index.hpa_target_key(hpa))
	some metric in metrics(hpa)
	metric.container != ""
	not metric.container in {c.name | some c in k8s.containers(workload)}
	msg := concat("", [metric.name, " metric names container ", metric.container, ", which ", k8s.describe(workload), " does not have"])
}

# METADATA
# scope: document
# title: HPAs of meshed workloads measure the application container
# description: |
#   A Resource metric averages over every container of the pod, the Istio sidecar included,
#   so the application's own saturation is diluted. ContainerResource measures one container.
# custom:
#   id: TREUM-HPA-006
#   severity: warning
#   remediation: >-
#     Replace the Resource metric with a ContainerResource metric naming the application container.
#   waivable: true
warn_resource_metric_meshed contains result.cross_rule("TREUM-HPA-006", "warning", msg, hpa) if {
	env.meshed
	some hpa in index.hpas
	some workload in index.lookup(index.hpa_target_key(hpa))
	not sidecar_disabled(workload)
	some metric in metrics(hpa)
	metric.type == "Resource"
	metric.name in {"cpu", "memory"}
	msg := concat("", [metric.name, " is a Resource metric; the pods of ", k8s.describe(workload), " run an Istio sidecar, use ContainerResource"])
}

sidecar_disabled(workload) if k8s.pod_labels(workload)["sidecar.istio.io/inject"] == "false"

sidecar_disabled(workload) if k8s.pod_annotations(workload)["sidecar.istio.io/inject"] == "false"

# Resources a VPA sets: those of its container policies whose mode is not Off (default: cpu
# and memory), none when its update mode is Off.
vpa_resources(vpa) := set() if object.get(vpa, ["spec", "updatePolicy", "updateMode"], "Auto") == "Off"

vpa_resources(vpa) := {"cpu", "memory"} if {
	object.get(vpa, ["spec", "updatePolicy", "updateMode"], "Auto") != "Off"
	count(object.get(vpa, ["spec", "resourcePolicy", "containerPolicies"], [])) == 0
}

vpa_resources(vpa) := {r |
	some policy in vpa.spec.resourcePolicy.containerPolicies
	object.get(policy, "mode", "Auto") != "Off"
	some r in object.get(policy, "controlledResources", ["cpu", "memory"])
} if {
	object.get(vpa, ["spec", "updatePolicy", "updateMode"], "Auto") != "Off"
	count(object.get(vpa, ["spec", "resourcePolicy", "containerPolicies"], [])) > 0
}

# METADATA
# scope: document
# title: HPA and VPA never control the same resource of a workload
# description: |
#   The VPA raises requests when usage grows, which lowers utilisation, which makes the HPA
#   scale in: the two loops fight. Size with the VPA or scale with the HPA on that resource.
# custom:
#   id: TREUM-VPA-001
#   severity: error
#   remediation: >-
#     Drop the resource from the VPA (controlledResources or updateMode Off) or scale the HPA on a custom metric instead.
#   waivable: false
deny_hpa_vpa_conflict contains result.cross_rule("TREUM-VPA-001", "error", msg, vpa) if {
	some vpa in index.vpas
	some hpa in index.hpas_at(index.vpa_target_key(vpa))
	some metric in metrics(hpa)
	metric.name in vpa_resources(vpa)
	msg := concat("", ["HorizontalPodAutoscaler ", k8s.name(hpa), " also scales on ", metric.name, " of ", vpa.spec.targetRef.kind, " ", vpa.spec.targetRef.name])
}

# METADATA
# scope: document
# title: VPAs size one existing workload
# description: A VPA whose target does not exist does nothing; two VPAs on one workload overwrite each other's recommendations.
# custom:
#   id: TREUM-VPA-002
#   severity: error
#   remediation: >-
#     Point targetRef at the workload in the same namespace, and keep exactly one VPA per workload.
#   waivable: false
deny_vpa_target contains result.cross_rule("TREUM-VPA-002", "error", msg, vpa) if {
	some vpa in index.vpas
	not index.exists(index.vpa_target_key(vpa))
	msg := concat("", ["targetRef ", vpa.spec.targetRef.kind, " ", vpa.spec.targetRef.name, " does not exist in namespace '", k8s.namespace(vpa), "'"])
}

deny_vpa_target contains result.cross_rule("TREUM-VPA-002", "error", msg, vpa) if {
	some i, vpa in index.objects
	vpa.kind == "VerticalPodAutoscaler"
	others := [k8s.name(index.objects[j]) | some j in index.vpas_by_target[index.vpa_target_key(vpa)]; j != i]
	count(others) > 0
	msg := concat("", [vpa.spec.targetRef.kind, " ", vpa.spec.targetRef.name, " is also sized by ", concat(", ", sort(others))])
}

# METADATA
# scope: document
# title: VPA limits fit the largest node of the workload's node group
# description: A VPA allowed to recommend more than any node offers evicts the pod into Pending.
# custom:
#   id: TREUM-VPA-003
#   severity: error
#   remediation: >-
#     Lower maxAllowed to the node group's allocatable CPU and memory (parameter nodeGroups), or move the workload to larger nodes.
#   waivable: true
deny_vpa_exceeds_node contains result.cross_rule("TREUM-VPA-003", "error", msg, vpa) if {
	some vpa in index.vpas
	some workload in index.lookup(index.vpa_target_key(vpa))
	group := env.node_group(workload)
	some policy in vpa.spec.resourcePolicy.containerPolicies
	some resource, allowed in policy.maxAllowed
	capacity := env.quantity(env.node_groups[group][resource])
	env.quantity(allowed) > capacity
	msg := concat("", [
		"maxAllowed ", resource, " ", quantity_text(allowed), " of container ", object.get(policy, "containerName", "*"),
		" exceeds the largest node of node group ", group,
	])
}

quantity_text(q) := q if is_string(q)

quantity_text(q) := format_int(q, 10) if is_number(q)
