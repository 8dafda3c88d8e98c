# METADATA
# title: Capacity placement (CAP)
# description: |
#   TREUM runs its baseline on reserved on-demand nodes, batch on spot, and GPU work on the
#   ML node group. Spot nodes get a two-minute interruption notice, so what runs there must
#   drain within it. Replica-dependent spot checks are in treum.cross.capacity.
package treum.resource.capacity

import data.treum.lib.env
import data.treum.lib.k8s
import data.treum.lib.result
import data.treum.lib.subject

# METADATA
# scope: document
# title: Workloads declare their capacity type
# description: |
#   Without a capacity type selector a pod lands wherever the scheduler finds room,
#   spot included, and the reserved-instance baseline is not what it was sized for.
# custom:
#   id: TREUM-CAP-001
#   severity: warning
#   remediation: >-
#     Select eks.amazonaws.com/capacityType ON_DEMAND or SPOT (or karpenter.sh/capacity-type) in nodeSelector or required node affinity.
#   waivable: true
warn_capacity_type contains result.resource_rule("TREUM-CAP-001", "warning", msg) if {
	subject.is_workload
	count(subject.capacity_types) == 0
	msg := "pod template does not select a capacity type (spot or on-demand)"
}

# METADATA
# scope: document
# title: Spot pods stop within the interruption notice
# description: EC2 gives spot nodes two minutes' notice; a longer grace period is cut short and in-flight work is lost.
# custom:
#   id: TREUM-CAP-003
#   severity: error
#   remediation: >-
#     Set terminationGracePeriodSeconds to 120 or less for pods on spot capacity.
#   waivable: true
deny_spot_grace_period contains result.resource_rule("TREUM-CAP-003", "error", msg) if {
	subject.on_spot
	grace := object.get(subject.pod_spec, "terminationGracePeriodSeconds", 30)
	grace > 120
	msg := concat("", ["terminationGracePeriodSeconds ", format_int(grace, 10), " exceeds the 120 s spot interruption notice"])
}

# METADATA
# scope: document
# title: Serving spot pods leave the load balancer before they stop
# description: |
#   Without a preStop hook a serving pod on an interrupted spot node gets SIGTERM while its
#   endpoint is still in the Service and the mesh, and in-flight requests fail.
# custom:
#   id: TREUM-CAP-004
#   severity: error
#   remediation: >-
#     Add lifecycle.preStop (e.g. sleep 10) to serving containers of workloads on spot capacity.
#   waivable: true
deny_spot_prestop contains result.resource_rule("TREUM-CAP-004", "error", msg) if {
	subject.on_spot
	not subject.is_batch
	some c in subject.containers
	k8s.serves(c)
	not c.lifecycle.preStop
	msg := concat("", ["container ", c.name, " serves on spot capacity without a preStop hook"])
}

# METADATA
# scope: document
# title: GPU workloads run on the ML node group
# description: |
#   GPU nodes are tainted nvidia.com/gpu and labelled with the ML node group; a pod that
#   requests a GPU without selecting and tolerating them never schedules.
# custom:
#   id: TREUM-CAP-005
#   severity: error
#   remediation: >-
#     Select treum.io/node-group=<ML node group> and tolerate the nvidia.com/gpu taint (treum construct MlService).
#   waivable: false
deny_gpu_placement contains result.resource_rule("TREUM-CAP-005", "error", msg) if {
	requests_gpu
	not env.ml_node_group in subject.node_groups_selected
	msg := concat("", ["pod requests a GPU but does not select node group ", env.ml_node_group])
}

deny_gpu_placement contains result.resource_rule("TREUM-CAP-005", "error", msg) if {
	requests_gpu
	not k8s.tolerates(input, env.gpu_resource)
	msg := concat("", ["pod requests a GPU but does not tolerate the ", env.gpu_resource, " taint"])
}

requests_gpu if {
	some c in subject.all_containers
	some kind in ["limits", "requests"]
	env.quantity(k8s.resource(c, kind, env.gpu_resource)) > 0
}

# METADATA
# scope: document
# title: Only GPU workloads use the ML node group
# description: A pod on a GPU node that requests no GPU blocks a very expensive node for CPU work.
# custom:
#   id: TREUM-CAP-006
#   severity: warning
#   remediation: >-
#     Move the workload to the general node group, or request nvidia.com/gpu.
#   waivable: true
warn_gpu_node_without_gpu contains result.resource_rule("TREUM-CAP-006", "warning", msg) if {
	subject.is_workload
	env.ml_node_group in subject.node_groups_selected
	not requests_gpu
	msg := concat("", ["pod runs on node group ", env.ml_node_group, " but requests no GPU"])
}

# METADATA
# scope: document
# title: Batch runs on spot capacity
# description: Jobs are retried by design; running them on on-demand nodes pays up to 70% more for the same work.
# custom:
#   id: TREUM-CAP-007
#   severity: info
#   remediation: >-
#     Select eks.amazonaws.com/capacityType SPOT and tolerate the spot taint (treum construct BatchJob does).
#   waivable: true
warn_batch_on_demand contains result.resource_rule("TREUM-CAP-007", "info", msg) if {
	subject.is_batch
	not subject.on_spot
	msg := "batch pods do not run on spot capacity"
}
