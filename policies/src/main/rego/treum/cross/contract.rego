# METADATA
# title: The data contract between the engine and the policy (GATE)
# description: |
#   The engine normalises Kubernetes quantities into data.treum.quantities because the Wasm
#   runtime has no units.* builtins. A quantity missing from the table would silently turn
#   rules off, so the gate fails closed instead.
package treum.cross.contract

import data.treum.lib.env
import data.treum.lib.k8s
import data.treum.lib.result

# METADATA
# scope: document
# title: Every quantity the rules read is normalised by the engine
# description: |
#   A container resource or VPA bound that is a string but not a key of
#   data.treum.quantities. This is an engine defect (or a malformed quantity), never a
#   property of the manifest to waive.
# custom:
#   id: TREUM-GATE-001
#   severity: error
#   remediation: >-
#     Make sure the quantity is valid Kubernetes syntax (500m, 512Mi, 1.5); if it is, report a treum bug with the manifest.
#   waivable: false
deny_unnormalised_quantity contains result.cross_rule("TREUM-GATE-001", "error", msg, obj) if {
	some obj in env.objects
	some [path, q] in quantities_read(obj)
	is_string(q)
	not data.treum.quantities[q]
	msg := concat("", [path, " '", q, "' is not in the engine's quantity table"])
}

# [where, quantity] of every quantity the rules read from an object.
quantities_read(obj) := {[path, q] |
	some c in k8s.all_containers(obj)
	some kind, values in object.get(c, "resources", {})
	some resource, q in values
	path := concat("", ["container ", c.name, " resources.", kind, ".", resource])
} | {[path, q] |
	obj.kind == "VerticalPodAutoscaler"
	some policy in object.get(obj, ["spec", "resourcePolicy", "containerPolicies"], [])
	some bound in ["minAllowed", "maxAllowed"]
	some resource, q in object.get(policy, bound, {})
	path := concat("", ["container policy ", object.get(policy, "containerName", "*"), " ", bound, ".", resource])
}
