# METADATA
# title: Container resources (RES)
# description: |
#   Requests drive scheduling, HPA utilisation and cost allocation; limits keep one pod's
#   leak from evicting its neighbours.
package treum.resource.resources

import data.treum.lib.env
import data.treum.lib.k8s
import data.treum.lib.result
import data.treum.lib.subject

# METADATA
# scope: document
# title: Every container requests CPU and memory
# description: |
#   Without requests the scheduler packs pods blindly, HPA utilisation targets are
#   undefined and the cost report cannot attribute the node to a team.
# custom:
#   id: TREUM-RES-001
#   severity: error
#   remediation: >-
#     Set resources.requests.cpu and resources.requests.memory on every container (treum definition .requests("250m", "256Mi")).
#   waivable: true
deny_requests contains result.resource_rule("TREUM-RES-001", "error", msg) if {
	some c in subject.all_containers
	some resource in ["cpu", "memory"]
	not k8s.resource(c, "requests", resource)
	msg := concat("", ["container ", c.name, " has no ", resource, " request"])
}

# METADATA
# scope: document
# title: Every container has a memory limit
# description: Memory is not compressible; an unlimited container's leak ends in node-level OOM kills of other pods.
# custom:
#   id: TREUM-RES-002
#   severity: error
#   remediation: >-
#     Set resources.limits.memory (treum definition .limits(null, "512Mi")).
#   waivable: true
deny_memory_limit contains result.resource_rule("TREUM-RES-002", "error", msg) if {
	some c in subject.all_containers
	not k8s.resource(c, "limits", "memory")
	msg := concat("", ["container ", c.name, " has no memory limit"])
}

# METADATA
# scope: document
# title: Every container requests ephemeral storage
# description: Without an ephemeral-storage request, a container filling its emptyDir or logs gets the pod evicted under node disk pressure.
# custom:
#   id: TREUM-RES-003
#   severity: warning
#   remediation: >-
#     Set resources.requests.ephemeral-storage (treum definition .ephemeralStorage("1Gi")).
#   waivable: true
warn_ephemeral_storage contains result.resource_rule("TREUM-RES-003", "warning", msg) if {
	some c in subject.containers
	not k8s.resource(c, "requests", "ephemeral-storage")
	msg := concat("", ["container ", c.name, " has no ephemeral-storage request"])
}

# METADATA
# scope: document
# title: A pod's requests fit on the largest node of its node group
# description: |
#   A pod that requests more CPU or memory than any node of its node group offers stays
#   Pending forever. Node sizes come from the environment's `nodeGroups` parameter.
# custom:
#   id: TREUM-RES-004
#   severity: error
#   remediation: >-
#     Lower the requests, or place the workload on a node group with larger nodes (nodeSelector treum.io/node-group).
#   waivable: false
deny_exceeds_node contains result.resource_rule("TREUM-RES-004", "error", msg) if {
	subject.pod_spec
	group := subject.node_group
	some resource in ["cpu", "memory"]
	capacity := env.quantity(env.node_groups[group][resource])
	requested := sum([q | some c in subject.containers; q := env.quantity(c.resources.requests[resource])])
	requested > capacity
	msg := concat("", [
		"pod requests more ", resource, " than the largest node of node group ", group,
		" offers (", display(resource, requested), " > ", display(resource, capacity), ")",
	])
}

# Quantities in messages: millicores and mebibytes, integers so that every engine prints them alike.
display("cpu", q) := concat("", [format_int(q * 1000, 10), "m"])

display("memory", q) := concat("", [format_int(q / 1048576, 10), "Mi"])
