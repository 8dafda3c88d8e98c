# METADATA
# title: Kubernetes object accessors
# description: |
#   Helpers shared by the TREUM rules: workload kinds, pod templates, containers, object
#   references and label selectors. Functions only, so that evaluating them once per object
#   (inside the gate's `with input as …`) costs nothing beyond the call.
package treum.lib.k8s

# Kinds that run pods through a pod template.
workload_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"}

# Kinds whose pod count is `spec.replicas` (and that an HPA may scale).
scalable_kinds := {"Deployment", "StatefulSet", "ReplicaSet"}

# Kinds that run to completion (batch).
batch_kinds := {"Job", "CronJob"}

is_workload(obj) if obj.kind in workload_kinds

is_scalable(obj) if obj.kind in scalable_kinds

# The pod template ({metadata, spec}) of a workload, or the Pod itself.
pod_template(obj) := obj.spec.jobTemplate.spec.template if obj.kind == "CronJob"

pod_template(obj) := obj.spec.template if {
	obj.kind in workload_kinds
	obj.kind != "CronJob"
}

pod_template(obj) := obj if obj.kind == "Pod"

pod_spec(obj) := pod_template(obj).spec

# Labels of the pod template ({} when it has none).
pod_labels(obj) := object.get(pod_template(obj), ["metadata", "labels"], {})

# Annotations of the pod template ({} when it has none).
pod_annotations(obj) := object.get(pod_template(obj), ["metadata", "annotations"], {})

# The main containers.
containers(obj) := object.get(pod_spec(obj), "containers", [])

# Init containers followed by the main containers.
all_containers(obj) := array.concat(object.get(pod_spec(obj), "initContainers", []), containers(obj))

labels(obj) := object.get(obj, ["metadata", "labels"], {})

namespace(obj) := object.get(obj, ["metadata", "namespace"], "")

name(obj) := object.get(obj, ["metadata", "name"], "")

# The identity of an object in findings: every field a string, "" when absent.
ref(obj) := {
	"apiVersion": object.get(obj, "apiVersion", ""),
	"kind": object.get(obj, "kind", ""),
	"namespace": namespace(obj),
	"name": name(obj),
}

# "Deployment treum/treum-api": how messages name an object.
describe(obj) := concat("", [obj.kind, " ", namespace(obj), "/", name(obj)]) if namespace(obj) != ""

describe(obj) := concat("", [obj.kind, " ", name(obj)]) if namespace(obj) == ""

# Whether a label selector ({matchLabels, matchExpressions}) selects a set of labels.
# An empty selector selects everything, as in Kubernetes.
selects(selector, pod_labels) if {
	every key, value in object.get(selector, "matchLabels", {}) {
		pod_labels[key] == value
	}
	every expr in object.get(selector, "matchExpressions", []) {
		expression_holds(expr, pod_labels)
	}
}

expression_holds(expr, pod_labels) if {
	expr.operator == "In"
	pod_labels[expr.key] in expr.values
}

expression_holds(expr, pod_labels) if {
	expr.operator == "NotIn"
	not label_in(pod_labels, expr.key, expr.values)
}

expression_holds(expr, pod_labels) if {
	expr.operator == "Exists"
	_ = pod_labels[expr.key]
}

expression_holds(expr, pod_labels) if {
	expr.operator == "DoesNotExist"
	not has_key(pod_labels, expr.key)
}

has_key(obj, key) if _ = obj[key]

# A helper rather than `not labels[key] in values`, which is undefined, not true, when the
# label is missing (OPA evaluates the operand before the negation).
label_in(labels, key, values) if labels[key] in values

# Node selector of the pod template ({} when none).
node_selector(obj) := object.get(pod_spec(obj), "nodeSelector", {})

# Values a pod template requires for a node label: from its nodeSelector or from required
# node affinity terms with operator In.
required_node_values(obj, key) := {v |
	some v in [node_selector(obj)[key]]
} | {v |
	some term in object.get(
		pod_spec(obj),
		["affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms"],
		[],
	)
	some expr in object.get(term, "matchExpressions", [])
	expr.key == key
	expr.operator == "In"
	some v in expr.values
}

# Whether the pod template tolerates a taint key (any value and effect).
tolerates(obj, key) if {
	some t in object.get(pod_spec(obj), "tolerations", [])
	t.key == key
}

tolerates(obj, _) if {
	some t in object.get(pod_spec(obj), "tolerations", [])
	not has_key(t, "key")
	t.operator == "Exists"
}

# Whether a container serves traffic: it declares at least one port.
serves(container) if count(object.get(container, "ports", [])) > 0

# A resource quantity of a container, e.g. resource(c, "requests", "cpu").
resource(container, kind, name) := container.resources[kind][name]

# Node labels that say whether a node is spot or on-demand (EKS managed node groups, Karpenter).
capacity_type_keys := {"eks.amazonaws.com/capacityType", "karpenter.sh/capacity-type"}

# The capacity types a pod template requires, normalised: {"spot"}, {"on-demand"}, both, or {}.
capacity_types(obj) := {normalise_capacity(v) |
	some key in capacity_type_keys
	some v in required_node_values(obj, key)
}

normalise_capacity(v) := replace(lower(v), "_", "-")

on_spot(obj) if "spot" in capacity_types(obj)

# Labels cost allocation groups by (AWS split cost allocation for EKS, Kubecost).
allocation_labels := ["team", "cost-center", "app.kubernetes.io/name"]
