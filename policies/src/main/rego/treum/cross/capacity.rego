# METADATA
# title: Spot placement of replicated and stateful workloads (CAP)
# description: Spot checks that depend on the workload's replica count, which an HPA may own.
package treum.cross.capacity

import data.treum.lib.index
import data.treum.lib.k8s
import data.treum.lib.result

# METADATA
# scope: document
# title: Singletons and stateful sets never run on spot
# description: |
#   A spot interruption takes a single-replica workload down for as long as rescheduling
#   takes, and a StatefulSet's pod and its volume are pinned to a zone where spot capacity
#   may not come back.
# custom:
#   id: TREUM-CAP-002
#   severity: error
#   remediation: >-
#     Select on-demand capacity (eks.amazonaws.com/capacityType ON_DEMAND), or run two or more replicas with a PodDisruptionBudget.
#   waivable: true
deny_spot_singleton contains result.cross_rule("TREUM-CAP-002", "error", msg, workload) if {
	some workload in index.scalable
	k8s.on_spot(workload)
	workload.kind == "StatefulSet"
	msg := "StatefulSet runs on spot capacity"
}

deny_spot_singleton contains result.cross_rule("TREUM-CAP-002", "error", msg, workload) if {
	some workload in index.scalable
	k8s.on_spot(workload)
	workload.kind != "StatefulSet"
	not index.replicated(workload)
	msg := concat("", ["runs ", format_int(index.min_pods(workload), 10), " pod on spot capacity; an interruption is an outage"])
}
