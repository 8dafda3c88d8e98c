# METADATA
# title: Cost allocation (COST)
# description: |
#   TREUM allocates cluster cost to teams and services from labels (AWS split cost
#   allocation for EKS and Kubecost read pod labels), so every workload and every pod it
#   creates carries `team`, `cost-center` and `app.kubernetes.io/name`.
package treum.resource.cost

import data.treum.lib.env
import data.treum.lib.k8s
import data.treum.lib.result
import data.treum.lib.subject

# METADATA
# scope: document
# title: Workloads carry the cost allocation labels
# description: The labels on the workload object are what reports group Deployments, CronJobs and their history by.
# custom:
#   id: TREUM-COST-001
#   severity: error
#   remediation: >-
#     Label the workload with team, cost-center and app.kubernetes.io/name (treum definition .team(…).costCenter(…)).
#   waivable: true
deny_workload_labels contains result.resource_rule("TREUM-COST-001", "error", msg) if {
	subject.is_workload
	some label in k8s.allocation_labels
	not non_empty(subject.labels, label)
	msg := concat("", [input.kind, " has no '", label, "' label"])
}

# METADATA
# scope: document
# title: Pod templates carry the cost allocation labels
# description: Node cost is split by pod labels; a pod without them lands in the shared, unallocated bucket.
# custom:
#   id: TREUM-COST-002
#   severity: error
#   remediation: >-
#     Label the pod template (spec.template.metadata.labels) with team, cost-center and app.kubernetes.io/name.
#   waivable: true
deny_pod_labels contains result.resource_rule("TREUM-COST-002", "error", msg) if {
	subject.is_workload
	some label in k8s.allocation_labels
	not non_empty(subject.pod_labels, label)
	msg := concat("", ["pod template has no '", label, "' label"])
}

non_empty(labels, key) if labels[key] != ""

# METADATA
# scope: document
# title: Temporary workloads are removed when they expire
# description: |
#   Experiments and load tests carry `treum.io/expires: YYYY-MM-DD`; past that date they
#   are forgotten spend. The date is compared with the engine's "now" (data.treum.now).
# custom:
#   id: TREUM-COST-003
#   severity: warning
#   remediation: >-
#     Delete the workload from the definition, or move treum.io/expires to a later date (YYYY-MM-DD).
#   waivable: true
warn_expired contains result.resource_rule("TREUM-COST-003", "warning", msg) if {
	expires := subject.labels["treum.io/expires"]
	expires < env.today
	msg := concat("", ["expired on ", expires, " (treum.io/expires)"])
}

warn_expired contains result.resource_rule("TREUM-COST-003", "warning", msg) if {
	expires := subject.labels["treum.io/expires"]
	not regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, expires)
	msg := concat("", ["treum.io/expires '", expires, "' is not a date (YYYY-MM-DD)"])
}
